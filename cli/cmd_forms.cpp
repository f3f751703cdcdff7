#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "app.hpp"
#include "edit.hpp"
#include "forms/export.hpp"
#include "forms/import.hpp"
#include "git/repo.hpp"
#include "io/write.hpp"
#include "signoff/baseline.hpp"
#include "signoff/change.hpp"
#include "support/text.hpp"

namespace handoff::cli {

namespace {

std::vector<std::string> form_choices()
{
  std::vector<std::string> out = forms::form_names();
  out.emplace_back("all");
  return out;
}

bool is_csv(const std::string& path)
{
  std::string ext = std::filesystem::path(path).extension().string();
  for (auto& c : ext) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return ext == ".csv";
}

class ExportCommand final : public Command {
public:
  std::string_view name() const override { return "export"; }
  std::string_view summary() const override { return "Write a project's forms as a spreadsheet (.xlsx or .csv)"; }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_id, "The project")->required();
    app.add_option("--form", m_form,
                   "The form: requirements, changes, acceptance, activities, risks, plan, payments or all")
        ->check(one_of(form_choices()));
    app.add_option("--format", m_format, "xlsx (default) or csv (one form)")->check(one_of({"xlsx", "csv"}));
    app.add_option("-o,--output", m_output, "The file to write (default: ID-FORM.xlsx; - for csv on stdout)")
        ->type_name("FILE")
        ->check(non_empty("file", "give a file name, or leave -o out"));
    app.footer(R"(
Writes the forms teams fill in (需求澄清表, 变更申请单, 验收单, ...): one sheet per form, the
header from the record schema (in zh-CN under `language: zh-CN` or --lang zh-CN), drop-downs
for the columns with fixed values, dates as dates, the header row frozen and the id column
read-only, and a hidden sheet _handoff with the project, the export's commit and the digests
of the records. The same records give the same bytes. `handoff import` reads it back.
--form all (the default for xlsx) writes every form; csv holds one form.

Examples:
  handoff export acme-mes --form requirements -o acme-requirements.xlsx
  handoff export acme-mes --form all
  handoff export acme-mes --form changes --format csv -o changes.csv)");
  }

  int run(const Globals& globals) override
  {
    const workspace::Workspace ws = open_workspace(globals);
    require_projects(ws, {m_id});
    const core::Language language = output_language(globals, &ws.config());
    std::string format = m_format;
    if (format.empty()) {
      format = !m_output.empty() && is_csv(m_output) ? "csv" : "xlsx";
    }
    std::string form = m_form.empty() ? (format == "csv" ? "" : "all") : m_form;
    if (form.empty() || (format == "csv" && form == "all")) {
      throw UsageError("a CSV file holds one form: give --form requirements, changes, acceptance, activities, risks, "
                       "plan or payments (or --format xlsx for all of them)");
    }
    std::vector<const forms::Form*> chosen;
    for (const auto& f : forms::forms()) {
      if (form == "all" || f.name == form) {
        chosen.push_back(&f);
      }
    }
    const model::ProjectResult loaded = ws.load(m_id);
    const model::Project& project = loaded.project;
    std::string output =
        m_output.empty() ? (form == "all" ? m_id + "." + format : m_id + "-" + form + "." + format) : m_output;
    std::size_t rows = 0;
    for (const forms::Form* f : chosen) {
      rows += forms::form_rows(*f, project).size();
    }
    if (format == "csv") {
      const std::string text = forms::csv_text(*chosen.front(), project, language);
      if (output == "-") {
        print(text);
        return k_exit_ok;
      }
      std::ofstream out(output, std::ios::binary | std::ios::trunc);
      out << text;
      if (!out.flush()) {
        throw UsageError(fmt::format("cannot write {}", support::quote(output)));
      }
    } else {
      if (output == "-") {
        throw UsageError("an .xlsx workbook is not written to stdout: give -o FILE");
      }
      std::string commit;
      try {
        commit = git::read_revision(ws.root(), "HEAD", {}).commit;
      } catch (const std::runtime_error&) {
        commit.clear();  // outside git, or no commit yet
      }
      forms::write_xlsx(output, chosen, project, language, forms::export_meta(project, chosen, commit));
    }
    if (!globals.quiet) {
      std::string names;
      for (const forms::Form* f : chosen) {
        names += (names.empty() ? "" : ", ") + f->name;
      }
      print(fmt::format("{}: {} exported to {} ({} {})\n", m_id, names, output, rows, rows == 1 ? "row" : "rows"));
    }
    return k_exit_ok;
  }

private:
  std::string m_id;
  std::string m_form;
  std::string m_format;
  std::string m_output;
};

// Returns the ids that approved change requests, not yet implemented, let differ from the baseline:
// the edits a request proposed are applied once it is approved.
std::set<std::string> approved_ids(const model::Project& project)
{
  std::set<std::string> out;
  for (const auto& c : project.changes) {
    if (c.state() == "approved") {
      for (const auto& id : c.affects.items) {
        if (id.has()) {
          out.insert(*id);
        }
      }
    }
  }
  return out;
}

// Returns "Requirements!A3 REQ-002: acceptance "old" -> "new"", values cut at `max` characters.
std::string describe_change(const forms::RowChange& change, std::size_t max = 40)
{
  if (!change.index) {
    std::string fields;
    for (const auto& [column, value] : change.set) {
      fields += (fields.empty() ? "" : ", ") + column->field + " " + support::quote(value, max);
    }
    return fmt::format("{} {}: added{}", change.where, change.key, fields.empty() ? "" : " (" + fields + ")");
  }
  std::string out = fmt::format("{} {}:", change.where, change.key);
  for (std::size_t i = 0; i < change.set.size(); ++i) {
    out += fmt::format("{} {} {} -> {}", i == 0 ? "" : ";", change.set[i].first->field,
                       support::quote(change.before[i], max), support::quote(change.set[i].second, max));
  }
  return out;
}

std::string describe_removal(const forms::Missing& missing)
{
  return fmt::format("{}{}{}: removed (no row)", missing.where, missing.where.empty() ? "" : " ", missing.key);
}

class ImportCommand final : public Command {
public:
  std::string_view name() const override { return "import"; }
  std::string_view summary() const override { return "Apply a filled-in spreadsheet form (.xlsx or .csv)"; }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_id, "The project")->required();
    app.add_option("FILE", m_file, "The .xlsx or .csv file")->required();
    app.add_flag("--dry-run", m_dry_run, "Show what would change; write nothing");
    app.add_flag("--remove", m_remove, "Remove the items whose rows were deleted from the sheet (else an error)");
    app.add_option("--form", m_form, "The form a CSV file holds (default: the one its header names)")
        ->check(one_of(forms::form_names()));
    add_edit_options(app, m_options);
    app.footer(R"(
Reads the forms of an .xlsx workbook (as Excel, LibreOffice or WPS save it) or a CSV file
(UTF-8 with or without BOM, or GB18030 as Excel on Chinese Windows saves it) and applies the
rows that differ from the records as in-place edits, like `handoff req set` (comments stay).
A row without an id is added with the next free one; an item whose row was deleted is an
error, or removed with --remove. Every problem is located as
FILE!Sheet!C7 and nothing is written (exit 1). After the baseline, an edit to a signed
requirement or milestone (or its removal) is not applied: import proposes one change
request naming them and prints its id; once it is approved, importing again applies it.

Examples:
  handoff import acme-mes acme-mes.xlsx --dry-run
  handoff import acme-mes acme-mes.xlsx --commit
  handoff import acme-mes changes.csv)");
  }

  int run(const Globals& globals) override
  {
    const support::Date today = resolve_today(m_options.today);
    const workspace::Workspace ws = open_workspace(globals);
    require_projects(ws, {m_id});
    require_inside(ws, m_id);
    const bool csv = is_csv(m_file);
    forms::Workbook book;
    try {
      if (csv) {
        std::ifstream in(m_file, std::ios::binary);
        if (!in) {
          throw UsageError(fmt::format("cannot read {}", support::quote(m_file)));
        }
        std::ostringstream data;
        data << in.rdbuf();
        book.sheets.push_back(forms::parse_csv(data.str(), m_file));
      } else {
        if (!std::filesystem::is_regular_file(m_file)) {
          throw UsageError(fmt::format("cannot read {}: no such file", support::quote(m_file)));
        }
        book = forms::read_xlsx(m_file);
      }
    } catch (const forms::ReadError& e) {
      print_error(fmt::format("{}\nhandoff: error: {}: nothing was imported\n", e.what(), m_file));
      return k_exit_findings;
    }
    std::optional<workspace::Transaction> transaction;
    if (!m_dry_run) {
      transaction.emplace(ws, "handoff import " + m_id, m_options.git);
    }
    const model::ProjectResult loaded = ws.load(m_id);
    const model::Project& project = loaded.project;
    std::vector<forms::Located> errors;
    forms::ImportPlan plan =
        forms::plan_import(book, csv, m_form.empty() ? nullptr : forms::find_form(m_form), project, errors);
    for (const auto& missing : m_remove ? std::vector<forms::Missing>() : plan.missing) {
      errors.push_back({missing.where.empty() ? std::string("A1") : missing.where + "!A1",
                        fmt::format("{} {} is in {} but has no row; put its row back, or give --remove to remove "
                                    "it",
                                    missing.form->key, missing.key, model::file_name(missing.form->record))});
    }
    if (!errors.empty()) {
      std::string text;
      for (const auto& e : errors) {
        text += fmt::format("{}{}{}: {}\n", m_file, e.where.empty() ? "" : "!", e.where, e.message);
      }
      print_error(support::visible(text, true));
      print_error(fmt::format("handoff: error: {}: {} {}; nothing was imported\n", m_file, errors.size(),
                              errors.size() == 1 ? "problem" : "problems"));
      return k_exit_findings;
    }

    if (!m_remove) {
      plan.missing.clear();
    }
    if (plan.changes.empty() && plan.missing.empty()) {
      if (!globals.quiet) {
        for (const auto& note : plan.notes) {
          print(fmt::format("{}: {}: {}\n", m_id, m_file, note));
        }
        print(fmt::format("{}: {}: the records already hold every row; nothing to change\n", m_id, m_file));
      }
      return k_exit_ok;
    }
    edit::ProjectEdit edit(ws, m_id, today);

    // After the baseline, edits of signed items go into one change request instead.
    const auto baseline = signoff::find_baseline(project);
    std::set<std::string> signed_items;
    if (baseline) {
      for (const auto& [item, digest] : baseline->latest().items) {
        signed_items.insert(item);
      }
    }
    const std::set<std::string> approved = approved_ids(project);
    std::vector<forms::RowChange> apply;
    std::vector<forms::RowChange> proposed;
    for (auto& change : plan.changes) {
      if (!approved.contains(change.key) && forms::touches_signed(change, signed_items, baseline.has_value())) {
        forms::RowChange rest = forms::split_unsigned(change);
        if (!rest.set.empty()) {
          apply.push_back(std::move(rest));
        }
        proposed.push_back(std::move(change));
      } else {
        apply.push_back(std::move(change));
      }
    }
    std::vector<forms::Missing> remove;
    std::vector<forms::Missing> proposed_removals;
    for (const auto& missing : plan.missing) {
      const bool scope = forms::signed_fields(*missing.form) != nullptr;
      (baseline && scope && signed_items.contains(missing.key) && !approved.contains(missing.key) ? proposed_removals
                                                                                                  : remove)
          .push_back(missing);
    }
    std::string cr;
    try {
      forms::apply(apply, edit);
      forms::remove(remove, edit);
      if (!proposed.empty() || !proposed_removals.empty()) {
        cr = signoff::next_change_id(project);
        std::vector<std::string> affects;
        std::string description = fmt::format("Edits imported from {} to items of the signed baseline:\n",
                                              std::filesystem::path(m_file).filename().string());
        for (const auto& change : proposed) {
          affects.push_back(change.key);
          description += "- " + describe_change(change, 2000) + "\n";
        }
        for (const auto& missing : proposed_removals) {
          affects.push_back(missing.key);
          description += "- " + describe_removal(missing) + "\n";
        }
        description.pop_back();
        edit.file(model::Record::changes)
            .append({}, "changes",
                    yaml::ItemText()
                        .field("id", cr)
                        .field("title", fmt::format("Edits to {} from {}", support::join_words(affects),
                                                    std::filesystem::path(m_file).filename().string()))
                        .field("date", today.str())
                        .field("description", description)
                        .list("affects", affects)
                        .field("status", "proposed")
                        .str());
      }
    } catch (const yaml::EditError& e) {
      throw core::UserError(e.what());
    }
    const std::vector<core::Finding> added = edit.check();
    const std::vector<std::string> files = edit.files();

    if (!globals.quiet) {
      for (const auto& note : plan.notes) {
        print(fmt::format("{}: {}: {}\n", m_id, m_file, note));
      }
      std::size_t changed = 0;
      std::size_t new_rows = 0;
      for (const auto& change : apply) {
        (change.index ? changed : new_rows) += 1;
      }
      const std::size_t for_cr = proposed.size() + proposed_removals.size();
      print(fmt::format("{}: {}{}: {} changed, {} added{}{}\n", m_id, m_file, m_dry_run ? " (dry run)" : "", changed,
                        new_rows, remove.empty() ? "" : fmt::format(", {} removed", remove.size()),
                        for_cr == 0 ? "" : fmt::format(", {} for a change request", for_cr)));
      for (const auto& change : apply) {
        print("  " + support::visible(describe_change(change)) + "\n");
      }
      for (const auto& missing : remove) {
        print("  " + support::visible(describe_removal(missing)) + "\n");
      }
      if (for_cr > 0) {
        print(fmt::format("{}: {} {} proposed for the signed items {} (approve it, then import again to apply them)\n",
                          m_id, cr, m_dry_run ? "would be" : "is", support::join_words([&] {
                            std::vector<std::string> ids;
                            ids.reserve(proposed.size() + proposed_removals.size());
                            for (const auto& p : proposed) {
                              ids.push_back(p.key);
                            }
                            for (const auto& m : proposed_removals) {
                              ids.push_back(m.key);
                            }
                            return ids;
                          }())));
        for (const auto& change : proposed) {
          print("  " + support::visible(describe_change(change)) + "\n");
        }
        for (const auto& missing : proposed_removals) {
          print("  " + support::visible(describe_removal(missing)) + "\n");
        }
      }
    }
    if (m_dry_run || files.empty()) {
      return k_exit_ok;
    }
    transaction->begin(files, {}, "the commit of the import would take those changes in");
    edit.write();
    const std::string commit = m_options.git.commit ? transaction->commit(fmt::format(
                                   "handoff({}): import {}", m_id, std::filesystem::path(m_file).filename().string()))
                                                    : std::string();
    if (!globals.quiet) {
      std::string joined;
      for (const auto& file : files) {
        joined += (joined.empty() ? "" : ", ") + file;
      }
      print(fmt::format("{}: wrote {}\n", m_id, joined));
      if (m_options.git.commit) {
        print(fmt::format("{}: committed {} as {}\n", m_id, workspace::committed_files(joined, transaction->included()),
                          commit));
      }
      if (!added.empty()) {
        print(fmt::format("{}: `handoff check --next` now also reports:\n{}", m_id, edit::describe(added)));
      }
    }
    return k_exit_ok;
  }

private:
  std::string m_id;
  std::string m_file;
  std::string m_form;
  bool m_dry_run = false;
  bool m_remove = false;
  EditOptions m_options;
};

}  // namespace

std::unique_ptr<Command> make_export()
{
  return std::make_unique<ExportCommand>();
}

std::unique_ptr<Command> make_import()
{
  return std::make_unique<ImportCommand>();
}

}  // namespace handoff::cli
