#include "signoff/change.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <optional>
#include <set>
#include <utility>

#include "io/write.hpp"
#include "signoff/append.hpp"
#include "support/text.hpp"

namespace handoff::signoff {

namespace {

// Returns a number as YAML reads it back as the same number: "5", "2.5", "-3".
std::string format_number(double value)
{
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", value);
  return buf;
}

// Splits an id into the text before its final number and that number's digits; nullopt
// when it does not end in a digit or is only digits.
std::optional<std::pair<std::string, std::string>> split_number(const std::string& id)
{
  std::size_t end = id.size();
  while (end > 0 && std::isdigit(static_cast<unsigned char>(id[end - 1])) != 0) {
    --end;
  }
  if (end == id.size() || end == 0 || id.size() - end > 18) {
    return std::nullopt;
  }
  return std::pair{id.substr(0, end), id.substr(end)};
}

}  // namespace

bool IdShape::fits(const std::string& id) const
{
  const auto parts = split_number(id);
  return parts && parts->first == prefix && (width == 0 || parts->second.size() == width);
}

std::string IdShape::with_number(long long n) const
{
  std::string number = std::to_string(n);
  if (number.size() < width) {
    number.insert(0, width - number.size(), '0');
  }
  return prefix + number;
}

std::vector<IdShape> id_shapes(const std::vector<std::string>& ids, const IdShape& fallback)
{
  struct Seen {
    std::string prefix;
    std::set<std::size_t> widths;
    bool padded = false;  // a number written with a leading zero
  };
  std::vector<Seen> seen;
  for (const auto& id : ids) {
    const auto parts = split_number(id);
    if (!parts) {
      continue;
    }
    auto it = std::find_if(seen.begin(), seen.end(), [&](const Seen& s) { return s.prefix == parts->first; });
    if (it == seen.end()) {
      seen.push_back({parts->first, {}, false});
      it = std::prev(seen.end());
    }
    it->widths.insert(parts->second.size());
    it->padded = it->padded || (parts->second.size() > 1 && parts->second[0] == '0');
  }
  if (seen.empty()) {
    return {fallback};
  }
  std::vector<IdShape> out;
  out.reserve(seen.size());
  for (const auto& s : seen) {
    out.push_back({s.prefix, s.padded && s.widths.size() == 1 ? *s.widths.begin() : 0});
  }
  return out;
}

std::string next_change_id(const model::Project& project)
{
  long long highest = 0;
  std::size_t width = 3;
  for (const auto& c : project.changes) {
    if (!c.id.has() || !support::starts_with(*c.id, "CR-") || c.id->size() == 3 || c.id->size() > 21) {
      continue;
    }
    const std::string digits = c.id->substr(3);
    if (!std::all_of(digits.begin(), digits.end(),
                     [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); })) {
      continue;
    }
    highest = std::max(highest, std::stoll(digits));
    width = std::max(width, digits.size());
  }
  std::string number = std::to_string(highest + 1);
  if (number.size() < width) {
    number.insert(0, width - number.size(), '0');
  }
  return "CR-" + number;
}

AppendedChange append_change(const std::string& root, const io::FileSystem& fs, const model::Project& project,
                             const ChangeRequest& request, const model::LoadOptions& options)
{
  AppendedChange out;
  out.file = project.file(model::Record::changes).path;
  if (project.file(model::Record::changes).broken) {
    throw ChangeError(out.file + " cannot be read (see `handoff check " + project.folder + "`); fix it first");
  }
  const std::string title = support::trim(request.title);
  if (title.empty()) {
    throw ChangeError("--title is empty: say in a few words what changes");
  }
  const auto one_of = [](const char* option, const std::string& value, const std::vector<std::string>& values) {
    if (value.empty() || std::find(values.begin(), values.end(), value) != values.end()) {
      return;
    }
    std::string message =
        std::string(option) + " \"" + value + "\" is not one of " + support::join_words(values, " or ");
    if (auto guess = support::did_you_mean(value, values)) {
      message += "; did you mean \"" + *guess + "\"?";
    }
    throw ChangeError(message);
  };
  one_of("--classification", request.classification, {"in_scope", "value_added", "out_of_scope"});
  one_of("--channel", request.channel, {"email", "call", "meeting", "chat", "ticket", "other"});
  one_of("--priority", request.priority, {"must", "should", "could"});
  for (const auto& [option, value] :
       {std::pair{"--effort", request.effort_days}, std::pair{"--schedule", request.schedule_days},
        std::pair{"--cost", request.cost}}) {
    if (value && (!std::isfinite(*value) || std::fabs(*value) >= 1e15)) {
      throw ChangeError(std::string(option) + " must be a plain number below 10^15");
    }
  }
  if (request.effort_days && *request.effort_days < 0) {
    throw ChangeError("--effort " + format_number(*request.effort_days)
                      + " is negative: give the person-days it takes");
  }
  if (request.cost && *request.cost < 0) {
    throw ChangeError("--cost " + format_number(*request.cost) + " is negative: give the price to the customer");
  }
  std::vector<std::string> known;
  for (const auto& r : project.requirements) {
    if (r.id.has()) {
      known.push_back(*r.id);
    }
  }
  for (const auto& m : project.plan.milestones) {
    if (m.id.has()) {
      known.push_back(*m.id);
    }
  }
  for (const auto& i : project.card.items) {
    if (i.id.has()) {
      known.push_back(*i.id);
    }
  }
  for (const auto& c : project.card.commitments) {
    if (c.id.has()) {
      known.push_back(*c.id);
    }
  }
  for (const auto& p : project.card.payments) {
    if (p.id.has()) {
      known.push_back(*p.id);
    }
  }
  known.emplace_back("go_live");
  for (const auto& s : project.signoffs) {
    for (const auto& [id, digest] : s.items) {
      known.push_back(id);
    }
  }
  // A new requirement or milestone (the change proposes to add it) is named by an id shaped
  // like the ids of its kind; anything else that no item has is a mistake.
  struct Kind {
    const char* name;
    model::Record record;
    std::vector<IdShape> shapes;
    std::vector<std::string> ids;
  };
  std::vector<std::string> requirement_ids;
  std::vector<std::string> milestone_ids;
  for (const auto& r : project.requirements) {
    if (r.id.has()) {
      requirement_ids.push_back(*r.id);
    }
  }
  for (const auto& m : project.plan.milestones) {
    if (m.id.has()) {
      milestone_ids.push_back(*m.id);
    }
  }
  const std::vector<Kind> kinds{
      {"requirement", model::Record::requirements, id_shapes(requirement_ids, {"REQ-", 3}), requirement_ids},
      {"milestone", model::Record::plan, id_shapes(milestone_ids, {"M", 0}), milestone_ids}};
  // The new ids other change requests propose are known too (for "did you mean").
  for (const auto& c : project.changes) {
    for (const auto& named : c.affects.items) {
      if (named.has() && std::find(known.begin(), known.end(), *named) == known.end()
          && std::any_of(kinds.begin(), kinds.end(), [&](const Kind& k) {
               return std::any_of(k.shapes.begin(), k.shapes.end(), [&](const IdShape& s) { return s.fits(*named); });
             })) {
        known.push_back(*named);
      }
    }
  }
  for (const auto& id : request.affects) {
    if (std::find(known.begin(), known.end(), id) != known.end()) {
      continue;
    }
    const Kind* kind = nullptr;
    for (const auto& k : kinds) {
      if (kind == nullptr
          && std::any_of(k.shapes.begin(), k.shapes.end(), [&](const IdShape& s) { return s.fits(id); })) {
        kind = &k;
      }
    }
    if (kind != nullptr) {
      if (std::none_of(out.new_items.begin(), out.new_items.end(), [&](const NewItem& n) { return n.id == id; })) {
        out.new_items.push_back({id, kind->name, project.file(kind->record).path});
      }
      continue;
    }
    // Examples of new ids: the next number of each kind's first shape, after the ids the
    // records hold and those other change requests already propose to add.
    std::vector<std::string> examples;
    for (const auto& k : kinds) {
      long long highest = 0;
      const auto count = [&](const std::string& known_id) {
        const auto parts = split_number(known_id);
        if (parts && parts->second.size() <= 15
            && k.shapes.front().fits(known_id)) {  // 15 digits: stoll cannot overflow
          highest = std::max(highest, std::stoll(parts->second));
        }
      };
      std::for_each(k.ids.begin(), k.ids.end(), count);
      for (const auto& c : project.changes) {
        for (const auto& named : c.affects.items) {
          if (named.has()) {
            count(*named);
          }
        }
      }
      examples.push_back("a new " + std::string(k.name) + " (" + k.shapes.front().with_number(highest + 1) + ")");
    }
    std::string message =
        "--affects " + id
        + ": no requirement, milestone, contract item, commitment or payment has this id, now or in a "
          "sign-off (go_live names the go-live date), and it is not shaped like the id of "
        + support::join_words(examples, " or ");
    // In another case ("req-012") it is the id of a new item typed in lower case.
    std::string upper = id;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    const bool shaped_upper = std::any_of(kinds.begin(), kinds.end(), [&](const Kind& k) {
      return std::any_of(k.shapes.begin(), k.shapes.end(), [&](const IdShape& s) { return s.fits(upper); });
    });
    if (shaped_upper) {
      message += "; did you mean " + upper + "?";
    } else if (auto guess = support::did_you_mean(id, known)) {
      message += "; did you mean " + *guess + "?";
    }
    throw ChangeError(message);
  }
  out.id = next_change_id(project);
  std::string item = "- id: " + out.id + "\n";
  item += "  title: " + scalar(title) + "\n";
  if (const std::string by = support::trim(request.requested_by); !by.empty()) {
    item += "  requested_by: " + scalar(by) + "\n";
  }
  item += "  date: " + request.date.str() + "\n";
  if (!request.channel.empty()) {
    item += "  channel: " + request.channel + "\n";
  }
  if (!request.priority.empty()) {
    item += "  priority: " + request.priority + "\n";
  }
  if (!request.affects.empty()) {
    std::vector<std::string> ids;
    for (const auto& id : request.affects) {
      ids.push_back(scalar(id));
    }
    item += "  affects: [" + support::join_words(ids, ", ") + "]\n";
  }
  if (!request.classification.empty()) {
    item += "  classification: " + request.classification + "\n";
  }
  if (request.effort_days || request.schedule_days || request.cost) {
    item += "  impact:\n";
    if (request.effort_days) {
      item += "    effort_days: " + format_number(*request.effort_days) + "\n";
    }
    if (request.schedule_days) {
      item += "    schedule_days: " + format_number(*request.schedule_days) + "\n";
    }
    if (request.cost) {
      item += "    cost: " + format_number(*request.cost) + "\n";
    }
  }
  item += "  status: proposed\n";

  std::string before;
  out.created = fs.kind(out.file) == io::FileKind::missing;
  if (!out.created) {
    const io::ReadResult read = fs.read(out.file, options.max_file_size);
    if (!read.ok) {
      throw ChangeError("cannot read " + out.file + ": it " + read.error);
    }
    before = read.data;
  }
  std::string after;
  try {
    after = append_to_list(before, "changes", item,
                           "# Change-control log: no scope change without an approved request.\n", options.limits);
  } catch (const AppendError& e) {
    throw ChangeError("cannot append a change request to " + out.file + ": " + e.what());
  }
  const std::string path = io::join(root, out.file);
  if (auto error = out.created ? io::create_atomic(path, after, root) : io::write_atomic(path, after, before, root)) {
    throw ChangeError(*error);
  }
  return out;
}

}  // namespace handoff::signoff
