#include "workspace/log.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/error.hpp"
#include "signoff/canonical.hpp"
#include "support/json_text.hpp"
#include "support/text.hpp"

namespace handoff::workspace {

namespace {

using model::Record;

const yaml::Node* entries_of(const yaml::Node& root)
{
  const yaml::Node* list = root.is_mapping() ? root.find("signoffs") : nullptr;
  return list != nullptr && list->is_sequence() ? list : nullptr;
}

std::string scalar_of(const yaml::Node& entry, const char* key)
{
  const yaml::Node* n = entry.find(key);
  return n != nullptr && n->is_scalar() ? n->value : "?";
}

}  // namespace

RecordChange describe_change(Record record, const git::FileChange& file, const yaml::Limits& limits)
{
  RecordChange out;
  out.record = record;
  out.file = file.path;
  out.created = !file.before.has_value();
  out.deleted = !file.after.has_value();
  const yaml::ParseResult before = yaml::parse(file.before.value_or(""), limits);
  const yaml::ParseResult after = yaml::parse(file.after.value_or(""), limits);
  if (!before.ok || !after.ok) {
    out.unreadable = true;
    return out;
  }
  if (record != Record::signoffs) {
    out.diff = signoff::diff_record(record, before.root, after.root);
    return out;
  }
  std::set<std::string> old;
  if (const yaml::Node* list = entries_of(before.root)) {
    for (const auto& entry : list->children) {
      old.insert(signoff::digest(entry));
    }
  }
  if (const yaml::Node* list = entries_of(after.root)) {
    for (const auto& entry : list->children) {
      if (entry.is_mapping() && old.count(signoff::digest(entry)) == 0) {
        const std::string role = scalar_of(entry, "role");
        const std::string person = scalar_of(entry, "person");
        const std::string date = scalar_of(entry, "date");
        out.signoffs.push_back(fmt::format("{} by {} on {}", role, person, date));
        out.signoffs_json.push_back({{"role", role}, {"person", person}, {"date", date}});
      }
    }
  }
  return out;
}

// Returns one line saying what changed in a record.
std::string summarize(const RecordChange& c)
{
  if (c.unreadable) {
    return "changed (not valid YAML in one of the versions)";
  }
  if (c.record == Record::signoffs) {
    return c.signoffs.empty() ? "edited, no sign-off added" : "signed: " + support::join_words(c.signoffs, ", ");
  }
  if (c.deleted) {
    return "deleted";
  }
  if (c.created) {
    std::vector<std::string> ids;
    for (const auto& item : c.diff.items) {
      ids.push_back(item.id);
    }
    return ids.empty() ? std::string("created") : "created with " + support::join_words(ids, ", ");
  }
  if (c.diff.empty()) {
    return "reformatted, no change of content";
  }
  std::vector<std::string> parts;
  for (const auto kind :
       {signoff::ItemDiff::Kind::added, signoff::ItemDiff::Kind::changed, signoff::ItemDiff::Kind::removed}) {
    std::vector<std::string> ids;
    for (const auto& item : c.diff.items) {
      if (item.kind != kind) {
        continue;
      }
      std::string text = item.id;
      if (kind == signoff::ItemDiff::Kind::changed) {
        std::vector<std::string> fields;
        for (const auto& f : item.fields) {
          fields.push_back(f.field);
        }
        text += " (" + support::join_words(fields, ", ") + ")";
      }
      ids.push_back(text);
    }
    if (!ids.empty()) {
      parts.push_back(std::string(signoff::to_string(kind)) + " " + support::join_words(ids, ", "));
    }
  }
  if (!c.diff.fields.empty()) {
    std::vector<std::string> fields;
    for (const auto& f : c.diff.fields) {
      fields.push_back(f.field);
    }
    parts.push_back("changed " + support::join_words(fields, ", "));
  }
  return support::join_words(parts, "; ");
}

nlohmann::json to_json(const RecordChange& c)
{
  nlohmann::json out = {{"record", model::record_name(c.record)},
                        {"file", c.file},
                        {"readable", !c.unreadable},
                        {"created", c.created},
                        {"deleted", c.deleted}};
  nlohmann::json added = nlohmann::json::array();
  nlohmann::json removed = nlohmann::json::array();
  nlohmann::json changed = nlohmann::json::array();
  for (const auto& item : c.diff.items) {
    if (item.kind == signoff::ItemDiff::Kind::added) {
      added.push_back(item.id);
    } else if (item.kind == signoff::ItemDiff::Kind::removed) {
      removed.push_back(item.id);
    } else {
      nlohmann::json fields = nlohmann::json::array();
      for (const auto& f : item.fields) {
        fields.push_back(f.field);
      }
      changed.push_back({{"id", item.id}, {"fields", fields}});
    }
  }
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& f : c.diff.fields) {
    fields.push_back(f.field);
  }
  out["added"] = added;
  out["changed"] = changed;
  out["removed"] = removed;
  out["fields"] = fields;
  out["signoffs"] = c.signoffs_json;
  return out;
}

std::string project_log(const Workspace& ws, const std::string& id, bool json)
{
  const model::ProjectResult loaded = ws.load(id);
  std::vector<std::string> paths;
  paths.reserve(model::k_record_count);
  for (int i = 0; i < model::k_record_count; ++i) {
    paths.push_back(loaded.project.files[static_cast<std::size_t>(i)].path);
  }
  git::FileHistory history;
  try {
    history = git::file_history(ws.root(), paths, ws.load_options().max_file_size);
  } catch (const core::ToolError& e) {
    throw core::ToolError(fmt::format("cannot show the history of {}: {}", id, e.what()));
  } catch (const core::UserError& e) {
    throw core::UserError(fmt::format("cannot show the history of {}: {}", id, e.what()));
  }
  nlohmann::json commits = nlohmann::json::array();
  std::string out;
  for (const auto& commit : history.commits) {
    nlohmann::json records = nlohmann::json::array();
    // Each field on its own: a line break in an author name or a record cannot start a line.
    out += fmt::format("{} {} {} <{}> {}\n", commit.commit, commit.date, support::visible(commit.author_name),
                       support::visible(commit.author_email), support::visible(commit.summary));
    for (const auto& file : commit.files) {
      const auto index = static_cast<std::size_t>(std::find(paths.begin(), paths.end(), file.path) - paths.begin());
      const RecordChange change = describe_change(static_cast<Record>(index), file, ws.load_options().limits);
      out += fmt::format("  {}: {}\n", model::file_name(change.record), support::visible(summarize(change)));
      records.push_back(to_json(change));
    }
    commits.push_back({{"commit", commit.commit},
                       {"date", commit.date},
                       {"author", commit.author_name},
                       {"email", commit.author_email},
                       {"summary", commit.summary},
                       {"records", records}});
  }
  if (json) {
    nlohmann::json boundary = nullptr;
    if (history.boundary) {
      boundary = {{"commit", history.boundary->commit},
                  {"date", history.boundary->date},
                  {"author", history.boundary->author_name},
                  {"email", history.boundary->author_email},
                  {"summary", history.boundary->summary}};
    }
    nlohmann::json doc = {
        {"schema", 1}, {"project", id}, {"shallow", history.shallow}, {"commits", commits}, {"boundary", boundary}};
    return support::json_text(doc);
  }
  if (history.boundary) {
    // The history at hand ends here: this commit may have changed the records, but without
    // its parent nobody can tell.
    const auto& b = *history.boundary;
    out += fmt::format("{} {} {} <{}> {}\n  (what this commit changed is unknown: its parent is not in this shallow "
                       "clone)\n",
                       b.commit, b.date, support::visible(b.author_name), support::visible(b.author_email),
                       support::visible(b.summary));
  } else if (history.commits.empty()) {
    out += fmt::format("no commit {}changed the records of {}\n", history.shallow ? "of the history at hand " : "",
                       support::visible(id));
  }
  if (history.shallow) {
    out += "note: the repository is a shallow clone: older commits are missing; `git fetch --unshallow` (or "
           "`fetch-depth: 0` in GitHub Actions, `GIT_DEPTH: 0` in GitLab) fetches the whole history\n";
  }
  return support::visible(out, true);  // record text: control characters made visible
}

}  // namespace handoff::workspace
