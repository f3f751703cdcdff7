#include "report/verification.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "git/repo.hpp"
#include "signoff/baseline.hpp"
#include "signoff/canonical.hpp"
#include "support/text.hpp"
#include "yaml/document.hpp"

namespace handoff::report {

namespace {

using Json = nlohmann::ordered_json;

constexpr int k_version = 1;  // of the JSON the metadata holds

bool same_customer(std::string_view a, std::string_view b)
{
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// The digest of what the baseline signed: the records and items both sides bound to.
std::string baseline_digest(const model::Project& project)
{
  const auto baseline = signoff::find_baseline(project);
  if (!baseline) {
    return "";
  }
  const model::Signoff& s = baseline->latest();
  std::string text;
  for (const auto& [name, digest] : s.records) {
    text += fmt::format("record {} {}\n", name, digest);
  }
  for (const auto& [id, digest] : s.items) {
    text += fmt::format("item {} {}\n", id, digest);
  }
  return signoff::sha256(text);
}

std::string record_digest(const model::RecordFile& file)
{
  if (!file.exists) {
    return "absent";
  }
  if (file.broken) {
    return "broken";
  }
  return file.tree ? signoff::digest(*file.tree) : signoff::digest(yaml::Node{});
}

// The parts of a record's tree and their digests (the first 16 hex digits).
std::map<std::string, std::string> parts_of(const yaml::Node& root)
{
  std::map<std::string, std::string> out;
  if (!root.is_mapping()) {
    return out;
  }
  const auto short_digest = [](const yaml::Node& node) { return signoff::digest(node).substr(7, 16); };
  for (std::size_t i = 0; i < root.map_size(); ++i) {
    const std::string key = root.key(i).value;
    const yaml::Node& value = root.val(i);
    bool by_id = value.is_sequence() && !value.children.empty();
    for (const auto& item : value.children) {
      const yaml::Node* id = item.is_mapping() ? item.find("id") : nullptr;
      by_id = by_id && id != nullptr && id->is_scalar() && !id->value.empty();
    }
    if (!by_id) {
      out[key] = short_digest(value);
      continue;
    }
    for (const auto& item : value.children) {
      std::string& digest = out[key + " " + item.find("id")->value];
      digest = digest.empty() ? short_digest(item) : digest + "+" + short_digest(item);
    }
  }
  return out;
}

// Names the parts of a record that differ: "REQ-003 changed, REQ-009 added".
std::string changed_parts(const std::map<std::string, std::string>& then, const std::map<std::string, std::string>& now)
{
  std::vector<std::string> out;
  const auto name = [](const std::string& part) {
    const auto space = part.find(' ');
    return support::visible(space == std::string::npos ? part : part.substr(space + 1));
  };
  for (const auto& [part, digest] : then) {
    const auto found = now.find(part);
    if (found == now.end()) {
      out.push_back(name(part) + " removed");
    } else if (found->second != digest) {
      out.push_back(name(part) + " changed");
    }
  }
  for (const auto& [part, digest] : now) {
    if (then.count(part) == 0) {
      out.push_back(name(part) + " added");
    }
  }
  return fmt::format("{}", fmt::join(out, ", "));
}

std::string config_digest(const workspace::Workspace& ws)
{
  const io::ReadResult read = ws.fs().read(ws.config().file, ws.load_options().max_file_size);
  if (!read.ok) {
    return read.missing ? "absent" : "broken";
  }
  const yaml::ParseResult parsed = yaml::parse(read.data, ws.load_options().limits);
  return parsed.ok ? signoff::digest(parsed.root) : "broken";
}

std::string content_digest(const std::map<std::string, std::string>& records)
{
  std::string text;
  for (const auto& [name, digest] : records) {
    text += fmt::format("{} {}\n", name, digest);
  }
  return signoff::sha256(text);
}

Verification start(const workspace::Workspace& ws, support::Date today)
{
  Verification v;
  v.generated = today.str();
  v.commit = ws.root().empty() ? "" : git::head_commit(ws.root()).value_or("");
  v.config = config_digest(ws);
  return v;
}

std::string str(const Json& j, const char* key)
{
  const auto found = j.find(key);
  return found != j.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::string signature_text(const ProjectStamp::Signature& s, Language language)
{
  std::string who = s.name == s.person || s.person.empty() ? s.name : fmt::format("{} ({})", s.name, s.person);
  return fmt::format("{}: {}{}{}", code_label("role", s.role, language), who, s.date.empty() ? "" : ", ", s.date);
}

std::string project_path(const workspace::Workspace& ws, const std::string& id)
{
  return fmt::format("{}/{}", ws.config().projects_dir, id);
}

// The differences of one project's stamp.
void compare(const workspace::Workspace& ws, const ProjectStamp& then, const ProjectStamp& now,
             std::vector<std::string>& out)
{
  const std::string& id = then.id;
  if (then.stage != now.stage) {
    out.push_back(fmt::format("{}: the stage was {} and is now {}", id, then.stage, now.stage));
  }
  if (then.baseline != now.baseline) {
    out.push_back(now.baseline.empty() ? fmt::format(
                      "{}: the baseline {} no longer counts: the sides' latest sign-offs disagree", id, then.baseline)
                  : then.baseline.empty()
                      ? fmt::format("{}: a baseline was signed since ({})", id, now.baseline)
                      : fmt::format("{}: the baseline changed from {} to {}: the agreement was signed again", id,
                                    then.baseline, now.baseline));
  }
  const auto sig = [](const ProjectStamp::Signature& s) { return fmt::format("{} {} {}", s.role, s.person, s.date); };
  std::vector<std::string> before;
  std::vector<std::string> after;
  std::transform(then.signoffs.begin(), then.signoffs.end(), std::back_inserter(before), sig);
  std::transform(now.signoffs.begin(), now.signoffs.end(), std::back_inserter(after), sig);
  for (const auto& s : before) {
    if (std::find(after.begin(), after.end(), s) == after.end()) {
      out.push_back(fmt::format("{}: the sign-off \"{}\" no longer counts", id, support::visible(s)));
    }
  }
  for (const auto& s : after) {
    if (std::find(before.begin(), before.end(), s) == before.end()) {
      out.push_back(fmt::format("{}: the sign-off \"{}\" counts since", id, support::visible(s)));
    }
  }
  if (!then.records.empty()) {
    for (const auto& [file, digest] : then.records) {
      const auto found = now.records.find(file);
      const std::string current = found != now.records.end() ? found->second : "absent";
      if (current == digest) {
        continue;
      }
      const std::string path = fmt::format("{}/{}", project_path(ws, id), file);
      const auto then_parts = then.parts.find(file);
      const auto now_parts = now.parts.find(file);
      const std::string which = then_parts != then.parts.end() && now_parts != now.parts.end()
                                    ? changed_parts(then_parts->second, now_parts->second)
                                    : "";
      out.push_back(current == "absent"  ? fmt::format("{} was removed since the document was made", path)
                    : digest == "absent" ? fmt::format("{} was added since the document was made", path)
                    : which.empty()      ? fmt::format("{} changed since the document was made", path)
                                         : fmt::format("{} changed since the document was made: {}", path, which));
    }
  } else if (then.content != now.content) {
    out.push_back(fmt::format("the records of {} ({}) changed since the document was made", id, project_path(ws, id)));
  }
}

}  // namespace

ProjectStamp stamp_of(const model::Config& config, const model::Project& project, bool records)
{
  ProjectStamp stamp;
  stamp.id = project.folder;
  stamp.name = project.card.name.value_or("");
  stamp.stage =
      project.card.stage ? std::string(core::to_string(*project.card.stage)) : project.card.stage_text.value_or("");
  stamp.baseline = baseline_digest(project);
  for (const model::Signoff* s : signoff::counting_entries(project)) {
    ProjectStamp::Signature sig;
    sig.role = s->role.value_or("");
    sig.person = s->person.value_or("");
    const model::Person* person = config.person(sig.person);
    sig.name = person != nullptr && person->name.has() ? *person->name : sig.person;
    sig.date = s->date.has() ? s->date.value->str() : "";
    stamp.signoffs.push_back(std::move(sig));
  }
  std::map<std::string, std::string> digests;
  for (int i = 0; i < model::k_record_count; ++i) {
    const auto record = static_cast<model::Record>(i);
    const model::RecordFile& file = project.file(record);
    digests[model::file_name(record)] = record_digest(file);
    if (records && file.exists && !file.broken && file.tree) {
      stamp.parts[model::file_name(record)] = parts_of(*file.tree);
    }
  }
  stamp.content = content_digest(digests);
  if (records) {
    stamp.records = std::move(digests);
  }
  return stamp;
}

Verification project_verification(const workspace::Workspace& ws, const std::string& id, support::Date today)
{
  Verification v = start(ws, today);
  const model::ProjectResult loaded = ws.load(id);
  v.projects.push_back(stamp_of(ws.config(), loaded.project, true));
  return v;
}

Verification portfolio_verification(const workspace::Workspace& ws, const std::string& customer, support::Date today)
{
  Verification v = start(ws, today);
  v.portfolio = true;
  v.customer = customer;
  for (const auto& id : ws.project_ids()) {
    const model::ProjectResult loaded = ws.load(id);
    if (!customer.empty() && !same_customer(loaded.project.card.customer_name.value_or(""), customer)) {
      continue;
    }
    v.projects.push_back(stamp_of(ws.config(), loaded.project, false));
  }
  return v;
}

std::string verification_json(const Verification& v)
{
  Json projects = Json::array();
  for (const auto& p : v.projects) {
    Json signoffs = Json::array();
    for (const auto& s : p.signoffs) {
      signoffs.push_back(Json{{"role", s.role}, {"person", s.person}, {"name", s.name}, {"date", s.date}});
    }
    Json j{{"id", p.id},
           {"name", p.name},
           {"stage", p.stage},
           {"baseline", p.baseline},
           {"signoffs", std::move(signoffs)}};
    if (!p.records.empty()) {
      j["records"] = p.records;
      j["parts"] = p.parts;
    }
    j["content"] = p.content;
    projects.push_back(std::move(j));
  }
  Json root{{"handoff_verification", k_version},
            {"generated", v.generated},
            {"commit", v.commit},
            {"config", v.config},
            {"portfolio", v.portfolio},
            {"customer", v.customer},
            {"projects", std::move(projects)}};
  return root.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::optional<Verification> parse_verification(std::string_view text)
{
  const Json root = Json::parse(text, nullptr, false);
  if (root.is_discarded() || !root.is_object() || root.value("handoff_verification", 0) != k_version
      || !root.contains("projects") || !root["projects"].is_array()) {
    return std::nullopt;
  }
  Verification v;
  v.generated = str(root, "generated");
  v.commit = str(root, "commit");
  v.config = str(root, "config");
  v.portfolio = root.value("portfolio", false);
  v.customer = str(root, "customer");
  for (const auto& p : root["projects"]) {
    if (!p.is_object()) {
      return std::nullopt;
    }
    ProjectStamp stamp;
    stamp.id = str(p, "id");
    stamp.name = str(p, "name");
    stamp.stage = str(p, "stage");
    stamp.baseline = str(p, "baseline");
    stamp.content = str(p, "content");
    if (const auto s = p.find("signoffs"); s != p.end() && s->is_array()) {
      for (const auto& e : *s) {
        stamp.signoffs.push_back({str(e, "role"), str(e, "person"), str(e, "name"), str(e, "date")});
      }
    }
    if (const auto r = p.find("records"); r != p.end() && r->is_object()) {
      for (const auto& [file, digest] : r->items()) {
        if (digest.is_string()) {
          stamp.records[file] = digest.get<std::string>();
        }
      }
    }
    if (const auto parts = p.find("parts"); parts != p.end() && parts->is_object()) {
      for (const auto& [file, list] : parts->items()) {
        if (!list.is_object()) {
          continue;
        }
        for (const auto& [part, digest] : list.items()) {
          if (digest.is_string()) {
            stamp.parts[file][part] = digest.get<std::string>();
          }
        }
      }
    }
    if (stamp.id.empty()) {
      return std::nullopt;
    }
    v.projects.push_back(std::move(stamp));
  }
  return v;
}

std::vector<std::pair<std::string, std::string>> verification_rows(const Verification& v, Language language)
{
  const auto label = [&](std::string_view key) { return std::string(verification_label(key, language)); };
  std::vector<std::pair<std::string, std::string>> rows;
  if (!v.portfolio && v.projects.size() == 1) {
    const ProjectStamp& p = v.projects.front();
    rows.emplace_back(label("project"), p.name.empty() ? p.id : fmt::format("{} — {}", p.id, p.name));
    rows.emplace_back(label("stage"), code_label("stage", p.stage, language));
    rows.emplace_back(label("baseline"), p.baseline.empty() ? label("unsigned") : p.baseline);
    std::vector<std::string> signatures;
    for (const auto& s : p.signoffs) {
      signatures.push_back(signature_text(s, language));
    }
    rows.emplace_back(label("signoffs"),
                      signatures.empty() ? label("none") : fmt::format("{}", fmt::join(signatures, "; ")));
    rows.emplace_back(label("content"), p.content);
  } else {
    std::vector<std::string> ids;
    std::map<std::string, std::string> contents;
    for (const auto& p : v.projects) {
      ids.push_back(p.id);
      contents[p.id] = p.content;
    }
    constexpr std::size_t k_listed = 30;
    std::string shown = fmt::format(
        "{}", fmt::join(ids.begin(), ids.begin() + static_cast<long>(std::min(ids.size(), k_listed)), ", "));
    if (ids.size() > k_listed) {
      shown += fmt::format(" … ({})", ids.size());
    }
    rows.emplace_back(label("projects"), ids.empty() ? label("none") : shown);
    rows.emplace_back(label("content"), content_digest(contents));
  }
  rows.emplace_back(label("commit"), v.commit.empty() ? label("no_commit") : v.commit);
  rows.emplace_back(label("generated"), v.generated);
  return rows;
}

std::vector<std::string> verification_changes(const workspace::Workspace& ws, const Verification& document)
{
  std::vector<std::string> out;
  if (config_digest(ws) != document.config) {
    out.push_back(fmt::format("{} changed since the document was made (people's names, settings)", ws.config().file));
  }
  const std::vector<std::string> ids = ws.project_ids();
  const auto exists = [&](const std::string& id) { return std::binary_search(ids.begin(), ids.end(), id); };
  std::vector<std::string> seen;
  for (const auto& then : document.projects) {
    seen.push_back(then.id);
    if (!exists(then.id)) {
      out.push_back(fmt::format("{}: the project is no longer in the workspace ({} is missing)",
                                support::visible(then.id), project_path(ws, then.id)));
      continue;
    }
    const model::ProjectResult loaded = ws.load(then.id);
    const ProjectStamp now = stamp_of(ws.config(), loaded.project, !then.records.empty());
    if (document.portfolio && !document.customer.empty()
        && !same_customer(loaded.project.card.customer_name.value_or(""), document.customer)) {
      out.push_back(
          fmt::format("{}: the project's customer is no longer \"{}\"", then.id, support::visible(document.customer)));
      continue;
    }
    compare(ws, then, now, out);
  }
  if (document.portfolio) {
    const Verification current = portfolio_verification(ws, document.customer, support::Date{});
    for (const auto& p : current.projects) {
      if (std::find(seen.begin(), seen.end(), p.id) == seen.end()) {
        out.push_back(fmt::format("{}: the project was added since the document was made", p.id));
      }
    }
  }
  return out;
}

}  // namespace handoff::report
