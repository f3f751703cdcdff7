#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <set>

#include "app.hpp"
#include "git/log.hpp"
#include "signoff/canonical.hpp"
#include "signoff/diff.hpp"
#include "support/text.hpp"

namespace handoff::cli {

namespace {

using model::Record;

// What one commit did to one record.
struct RecordChange {
  Record record = Record::project;
  std::string file;
  bool unreadable = false;            // one of the versions is not valid YAML
  bool created = false;               // the commit added the file
  bool deleted = false;               // the commit removed the file
  signoff::RecordDiff diff;           // for the records other than signoffs.yaml
  std::vector<std::string> signoffs;  // sign-offs added: "sales by li.wei on 2026-10-05"
  nlohmann::json signoffs_json = nlohmann::json::array();
};

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

RecordChange describe(Record record, const git::FileChange& file, const yaml::Limits& limits)
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

class LogCommand final : public Command {
public:
  std::string_view name() const override { return "log"; }
  std::string_view summary() const override
  {
    return "Show the timeline of a project's record changes from git history";
  }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_id, "The project")->required();
    app.add_option("--format", m_format, "Output format: text or json")
        ->check(CLI::IsMember({"text", "json"}))
        ->type_name("FORMAT");
    app.footer(R"(
Lists, newest first, each commit of HEAD's history that changed a record of the project:
its id, author date, author and subject, then per record the ids added, changed (with the
fields) and removed, and the sign-offs added. Reformatting shows as such.

Examples:
  handoff log acme-mes
  handoff log acme-mes --format json)");
  }

  int run(const Globals& globals) override
  {
    const workspace::Workspace ws = open_workspace(globals);
    require_projects(ws, {m_id});
    const model::ProjectResult loaded = ws.load(m_id);
    std::vector<std::string> paths;
    paths.reserve(model::k_record_count);
    for (int i = 0; i < model::k_record_count; ++i) {
      paths.push_back(loaded.project.files[static_cast<std::size_t>(i)].path);
    }
    git::FileHistory history;
    try {
      history = git::file_history(ws.root(), paths);
    } catch (const core::ToolError& e) {
      throw core::ToolError(fmt::format("cannot show the history of {}: {}", m_id, e.what()));
    } catch (const core::UserError& e) {
      throw UsageError(fmt::format("cannot show the history of {}: {}", m_id, e.what()));
    }
    nlohmann::json commits = nlohmann::json::array();
    std::string out;
    for (const auto& commit : history.commits) {
      nlohmann::json records = nlohmann::json::array();
      out += fmt::format("{} {} {} <{}> {}\n", commit.commit, commit.date, commit.author_name, commit.author_email,
                         commit.summary);
      for (const auto& file : commit.files) {
        const auto index = static_cast<std::size_t>(std::find(paths.begin(), paths.end(), file.path) - paths.begin());
        const RecordChange change = describe(static_cast<Record>(index), file, ws.load_options().limits);
        out += fmt::format("  {}: {}\n", model::file_name(change.record), summarize(change));
        records.push_back(to_json(change));
      }
      commits.push_back({{"commit", commit.commit},
                         {"date", commit.date},
                         {"author", commit.author_name},
                         {"email", commit.author_email},
                         {"summary", commit.summary},
                         {"records", records}});
    }
    if (m_format == "json") {
      nlohmann::json doc = {{"schema", 1}, {"project", m_id}, {"shallow", history.shallow}, {"commits", commits}};
      print(doc.dump(2) + "\n");
      return k_exit_ok;
    }
    if (history.commits.empty()) {
      out += fmt::format("no commit {}changed the records of {}\n", history.shallow ? "of the history at hand " : "",
                         m_id);
    }
    if (history.shallow) {
      out += "note: the repository is a shallow clone: older commits are missing\n";
    }
    print(out);
    return k_exit_ok;
  }

private:
  std::string m_id;
  std::string m_format = "text";
};

}  // namespace

std::unique_ptr<Command> make_log()
{
  return std::make_unique<LogCommand>();
}

}  // namespace handoff::cli
