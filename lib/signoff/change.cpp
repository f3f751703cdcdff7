#include "signoff/change.hpp"

#include <algorithm>
#include <cctype>

#include "io/write.hpp"
#include "signoff/append.hpp"
#include "support/text.hpp"

namespace handoff::signoff {

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
  static const std::vector<std::string> k_classes = {"in_scope", "value_added", "out_of_scope"};
  if (!request.classification.empty()
      && std::find(k_classes.begin(), k_classes.end(), request.classification) == k_classes.end()) {
    throw ChangeError("--classification \"" + request.classification + "\" is not one of "
                      + support::join_words(k_classes, " or "));
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
  for (const auto& s : project.signoffs) {
    for (const auto& [id, digest] : s.items) {
      known.push_back(id);
    }
  }
  for (const auto& id : request.affects) {
    if (std::find(known.begin(), known.end(), id) == known.end()) {
      std::string message = "--affects " + id + ": no requirement or milestone has this id, now or in a sign-off";
      if (auto guess = support::did_you_mean(id, known)) {
        message += "; did you mean " + *guess + "?";
      }
      throw ChangeError(message);
    }
  }
  out.id = next_change_id(project);
  std::string item = "- id: " + out.id + "\n";
  item += "  title: " + scalar(title) + "\n";
  item += "  date: " + request.date.str() + "\n";
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
  if (auto error = out.created ? io::create_atomic(path, after) : io::write_atomic(path, after, before)) {
    throw ChangeError(*error);
  }
  return out;
}

}  // namespace handoff::signoff
