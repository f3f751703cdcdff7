#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app.hpp"
#include "git/history.hpp"
#include "git/repo.hpp"
#include "signoff/baseline.hpp"
#include "signoff/diff.hpp"
#include "support/text.hpp"

namespace handoff::cli {

namespace {

using model::Record;

// The records `diff` compares (signoffs.yaml only grows and is not content).
constexpr Record k_diffed[] = {Record::project, Record::requirements, Record::feasibility,
                               Record::plan,    Record::risks,        Record::changes};

std::string shown(const std::optional<std::string>& value)
{
  return value ? nlohmann::json(*value).dump() : std::string("(none)");
}

nlohmann::json json_value(const std::optional<std::string>& value)
{
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json json_fields(const std::vector<signoff::FieldDiff>& fields)
{
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : fields) {
    out.push_back({{"field", f.field}, {"old", json_value(f.before)}, {"new", json_value(f.after)}});
  }
  return out;
}

class DiffCommand final : public Command {
public:
  std::string_view name() const override { return "diff"; }
  std::string_view summary() const override
  {
    return "Show what changed in a project's records since a revision (default: the baseline)";
  }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_id, "The project")->required();
    app.add_option("REV", m_rev,
                   "A git revision: HEAD~3, a tag, a commit (default: the commit that added the "
                   "baseline's sign-off)");
    app.add_option("--format", m_format, "Output format: text or json")
        ->check(CLI::IsMember({"text", "json"}))
        ->type_name("FORMAT");
    app.footer(R"(
Compares the parsed records, not their text: ids added and removed, and each field changed
with its old and new value. Reformatting and comments are not changes. Without REV the
records are compared with the commit that added the later sign-off of the baseline (the
latest sales and implementation sign-offs over the same content).

Examples:
  handoff diff acme-mes
  handoff diff acme-mes HEAD~1 --format json)");
  }

  int run(const Globals& globals) override
  {
    const workspace::Workspace ws = open_workspace(globals);
    require_projects(ws, {m_id});
    const model::ProjectResult loaded = ws.load(m_id);
    const model::Project& project = loaded.project;
    std::string rev = m_rev;
    std::string from = m_rev;
    if (rev.empty()) {
      const auto baseline = signoff::find_baseline(project);
      if (!baseline) {
        throw UsageError(fmt::format("{} has no baseline (no sales and implementation sign-offs over the same "
                                     "content); give a revision: handoff diff {} REV",
                                     m_id, m_id));
      }
      const model::Signoff& entry = baseline->latest();
      const std::string path = project.file(Record::signoffs).path;
      const auto history = git::open_history(ws.root(), {path}, ws.load_options().max_file_size);
      if (history->state() != signoff::History::State::available) {
        throw UsageError(fmt::format("cannot find the commit of the baseline: {}; give a revision: handoff diff {} REV",
                                     history->problem(), m_id));
      }
      const auto author = history->added_by(path, signoff::entry_digest(project, entry));
      if (!author) {
        throw UsageError(fmt::format("the baseline's sign-off ({} line {}) is not committed yet; give a revision: "
                                     "handoff diff {} REV",
                                     path, entry.pos.line, m_id));
      }
      rev = author->commit;
      from = fmt::format("the baseline signed {}", entry.date.has() ? entry.date->str() : "?");
    }
    std::vector<std::string> paths;
    for (const Record record : k_diffed) {
      paths.push_back(project.file(record).path);
    }
    const git::Revision revision = git::read_revision(ws.root(), rev, paths, ws.load_options().max_file_size);

    std::vector<std::pair<std::string, signoff::RecordDiff>> diffs;
    std::vector<std::string> skipped;
    for (const Record record : k_diffed) {
      const model::RecordFile& file = project.file(record);
      const auto& old_text = revision.files.at(file.path);
      const yaml::ParseResult before = yaml::parse(old_text.value_or(""), ws.load_options().limits);
      if (file.broken || !before.ok) {
        skipped.push_back(file.path);
        continue;
      }
      static const yaml::Node k_empty;
      signoff::RecordDiff d = signoff::diff_record(record, before.root, file.tree ? *file.tree : k_empty);
      if (!d.empty()) {
        diffs.emplace_back(file.path, std::move(d));
      }
    }

    if (m_format == "json") {
      nlohmann::json doc;
      doc["schema"] = 1;
      doc["project"] = m_id;
      doc["from"] = {{"revision", m_rev.empty() ? nlohmann::json(nullptr) : nlohmann::json(m_rev)},
                     {"baseline", m_rev.empty()},
                     {"commit", revision.commit}};
      doc["to"] = "working tree";
      doc["records"] = nlohmann::json::array();
      for (const auto& [file, d] : diffs) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& item : d.items) {
          items.push_back({{"list", item.list},
                           {"id", item.id},
                           {"title", item.title},
                           {"change", signoff::to_string(item.kind)},
                           {"fields", json_fields(item.fields)}});
        }
        doc["records"].push_back({{"record", model::record_name(d.record)},
                                  {"file", file},
                                  {"fields", json_fields(d.fields)},
                                  {"items", items}});
      }
      doc["skipped"] = skipped;
      print(doc.dump(2) + "\n");
      return k_exit_ok;
    }

    std::string out = fmt::format("{}: {} (commit {}) -> working tree\n", m_id, from, revision.commit);
    if (diffs.empty()) {
      out += "no changes\n";
    }
    for (const auto& [file, d] : diffs) {
      out += file + "\n";
      for (const auto& f : d.fields) {
        out += fmt::format("  {}: {} -> {}\n", f.field, shown(f.before), shown(f.after));
      }
      for (const auto& item : d.items) {
        const char sign = item.kind == signoff::ItemDiff::Kind::added     ? '+'
                          : item.kind == signoff::ItemDiff::Kind::removed ? '-'
                                                                          : '~';
        out += fmt::format("  {} {} {}{}\n", sign, item.list, item.id,
                           item.title.empty() ? std::string() : " \"" + item.title + "\"");
        for (const auto& f : item.fields) {
          out += fmt::format("      {}: {} -> {}\n", f.field, shown(f.before), shown(f.after));
        }
      }
    }
    for (const auto& file : skipped) {
      out += fmt::format("note: {} is not valid YAML in one of the versions; not compared\n", file);
    }
    print(support::visible(out, true));  // record text: control characters made visible
    return k_exit_ok;
  }

private:
  std::string m_id;
  std::string m_rev;
  std::string m_format = "text";
};

}  // namespace

std::unique_ptr<Command> make_diff()
{
  return std::make_unique<DiffCommand>();
}

}  // namespace handoff::cli
