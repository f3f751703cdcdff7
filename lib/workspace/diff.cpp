#include "workspace/diff.hpp"

#include <future>
#include <iterator>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "git/history.hpp"
#include "git/repo.hpp"
#include "io/filesystem.hpp"
#include "signoff/baseline.hpp"
#include "support/json_text.hpp"
#include "support/text.hpp"

namespace handoff::workspace {

namespace {

using model::Record;

// The records `diff` compares (signoffs.yaml only grows and is not content).
constexpr Record k_diffed[] = {Record::project, Record::requirements, Record::feasibility, Record::plan,
                               Record::risks,   Record::changes,      Record::acceptance,  Record::activities};

std::string shown(const std::optional<std::string>& value)
{
  // In JSON quotes, and with the characters JSON leaves as they are (C1, U+2028, bidi) visible.
  return value ? support::visible(nlohmann::json(*value).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
               : std::string("(none)");
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

}  // namespace

namespace {

// The records of a project at a revision, parsed: the revision read, and each record's tree
// (ok false when it does not parse), in k_diffed's order.
struct OldRecords {
  git::Revision revision;
  std::vector<yaml::ParseResult> parsed;
};

OldRecords read_old(const Workspace& ws, const std::string& rev, const std::vector<std::string>& paths)
{
  OldRecords out;
  out.revision = git::read_revision(ws.root(), rev, paths, ws.load_options().max_file_size);
  for (const auto& path : paths) {
    out.parsed.push_back(yaml::parse(out.revision.files.at(path).value_or(""), ws.load_options().limits));
  }
  return out;
}

}  // namespace

ProjectDiff project_diff(const Workspace& ws, const std::string& id, const std::string& rev_given)
{
  std::vector<std::string> paths;
  for (const Record record : k_diffed) {
    paths.push_back(io::join(io::join(ws.config().projects_dir, id), model::file_name(record)));
  }
  // With a revision given, its records are read and parsed on a second thread while this one
  // loads the working tree: the two parses of a large record are most of a diff
  // (bench/RESULTS.md). An error of either is thrown as a serial run would throw it: the
  // working tree's first (the future is waited for when the load throws).
  std::future<OldRecords> early;
  if (!rev_given.empty()) {
    early = std::async(std::launch::async, [&ws, &rev_given, &paths] { return read_old(ws, rev_given, paths); });
  }
  const model::ProjectResult loaded = ws.load(id);
  const model::Project& project = loaded.project;
  std::string rev = rev_given;
  std::string from = rev_given;
  if (rev.empty()) {
    const auto baseline = signoff::find_baseline(project);
    if (!baseline) {
      throw core::UserError(fmt::format("{} has no baseline (no sales and implementation sign-offs over the same "
                                        "content); give a revision: handoff diff {} REV",
                                        id, id));
    }
    const model::Signoff& entry = baseline->latest();
    const std::string path = project.file(Record::signoffs).path;
    const auto history = git::open_history(ws.root(), {path}, ws.load_options().max_file_size);
    if (history->state() != signoff::History::State::available) {
      throw core::UserError(fmt::format(
          "cannot find the commit of the baseline: {}; give a revision: handoff diff {} REV", history->problem(), id));
    }
    const auto author = history->added_by(path, signoff::entry_digest(project, entry));
    if (!author) {
      throw core::UserError(fmt::format("the baseline's sign-off ({} line {}) is not committed yet; give a revision: "
                                        "handoff diff {} REV",
                                        path, entry.pos.line, id));
    }
    rev = author->commit;
    from = fmt::format("the baseline signed {}", entry.date.has() ? entry.date->str() : "?");
  }
  const OldRecords old = early.valid() ? early.get() : read_old(ws, rev, paths);
  const git::Revision& revision = old.revision;

  std::vector<std::pair<std::string, signoff::RecordDiff>> diffs;
  std::vector<std::string> skipped;
  for (std::size_t i = 0; i < std::size(k_diffed); ++i) {
    const Record record = k_diffed[i];
    const model::RecordFile& file = project.file(record);
    const yaml::ParseResult& before = old.parsed[i];
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

  ProjectDiff out;
  out.id = id;
  out.revision = rev_given;
  out.from = from;
  out.commit = revision.commit;
  out.records = std::move(diffs);
  out.skipped = std::move(skipped);
  return out;
}

std::string diff_text(const ProjectDiff& diff)
{
  // Each id, name, path and value is made visible on its own: a line break in one cannot start
  // a line of the output.
  const auto v = [](std::string_view text) { return support::visible(text); };
  std::string out = fmt::format("{}: {} (commit {}) -> working tree\n", v(diff.id), v(diff.from), diff.commit);
  if (diff.records.empty()) {
    out += "no changes\n";
  }
  for (const auto& [file, d] : diff.records) {
    out += v(file) + "\n";
    for (const auto& f : d.fields) {
      out += fmt::format("  {}: {} -> {}\n", v(f.field), shown(f.before), shown(f.after));
    }
    for (const auto& item : d.items) {
      const char sign = item.kind == signoff::ItemDiff::Kind::added     ? '+'
                        : item.kind == signoff::ItemDiff::Kind::removed ? '-'
                                                                        : '~';
      out += fmt::format("  {} {} {}{}\n", sign, v(item.list), v(item.id),
                         item.title.empty() ? std::string() : " \"" + v(item.title) + "\"");
      for (const auto& f : item.fields) {
        out += fmt::format("      {}: {} -> {}\n", v(f.field), shown(f.before), shown(f.after));
      }
    }
  }
  for (const auto& file : diff.skipped) {
    out += fmt::format("note: {} is not valid YAML in one of the versions; not compared\n", v(file));
  }
  return out;
}

std::string diff_json(const ProjectDiff& diff)
{
  nlohmann::json doc;
  doc["schema"] = 1;
  doc["project"] = diff.id;
  doc["from"] = {{"revision", diff.revision.empty() ? nlohmann::json(nullptr) : nlohmann::json(diff.revision)},
                 {"baseline", diff.revision.empty()},
                 {"commit", diff.commit}};
  doc["to"] = "working tree";
  doc["records"] = nlohmann::json::array();
  for (const auto& [file, d] : diff.records) {
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
  doc["skipped"] = diff.skipped;
  return support::json_text(doc);
}

}  // namespace handoff::workspace
