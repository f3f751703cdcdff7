#include "edit.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "support/text.hpp"

namespace handoff::cli {

void add_edit_options(CLI::App& app, EditOptions& options)
{
  add_commit_options(app, options.git, "the records the edit writes");
  add_today_option(app, options.today);
}

std::optional<std::string> FreeText::value() const
{
  if (file.empty()) {
    return text.empty() ? std::nullopt : std::optional<std::string>(text);
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw UsageError(fmt::format("cannot read {}", support::quote(file)));
  }
  std::ostringstream data;
  data << in.rdbuf();
  std::string content = data.str();
  if (content.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    content.erase(0, 3);
  }
  if (const auto bad = support::find_invalid_utf8(content)) {
    throw UsageError(fmt::format("{} is not UTF-8 text (byte {}); save it as UTF-8", support::quote(file), *bad + 1));
  }
  std::string out;
  for (char c : content) {
    if (c != '\r') {
      out += c;
    }
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ' || out.back() == '\t')) {
    out.pop_back();
  }
  if (out.empty()) {
    throw UsageError(fmt::format("{} is empty", support::quote(file)));
  }
  return out;
}

void add_free_text(CLI::App& app, FreeText& text, const std::string& name, const std::string& what)
{
  CLI::Option* inline_text = app.add_option("--" + name, text.text, what)->type_name("TEXT");
  inline_text->check(non_empty(what, "give the text, or leave --" + name + " out"));
  CLI::Option* file = app.add_option("--" + name + "-file", text.file, what + ", read from a UTF-8 file")
                          ->type_name("FILE")
                          ->check(non_empty("file", "give a file name"));
  inline_text->excludes(file);
}

std::string number_text(double value)
{
  return fmt::format("{}", value);
}

std::vector<std::string> split_list(const std::vector<std::string>& values)
{
  std::vector<std::string> out;
  for (const auto& value : values) {
    std::size_t start = 0;
    while (true) {
      const std::size_t comma = value.find(',', start);
      std::string item = support::trim(value.substr(start, comma == std::string::npos ? comma : comma - start));
      if (!item.empty()) {
        out.push_back(std::move(item));
      }
      if (comma == std::string::npos) {
        break;
      }
      start = comma + 1;
    }
  }
  return out;
}

int run_edit(const Globals& globals, const std::string& command, const std::string& id, const EditOptions& options,
             const std::function<EditDone(edit::ProjectEdit&)>& build)
{
  const support::Date today = resolve_today(options.today);
  const workspace::Workspace ws = open_workspace(globals);
  require_projects(ws, {id});
  require_inside(ws, id);
  workspace::Transaction transaction(ws, "handoff " + command + " " + id, options.git);
  edit::ProjectEdit edit(ws, id, today);
  EditDone done;
  try {
    done = build(edit);
  } catch (const yaml::EditError& e) {
    throw core::UserError(e.what());
  }
  const std::vector<core::Finding> added = edit.check(done.refuse);
  const std::vector<std::string> files = edit.files();
  if (files.empty()) {
    if (!globals.quiet) {
      print(fmt::format("{}: {}; nothing to change\n", id, done.summary));
    }
    return k_exit_ok;
  }
  if (!done.person.empty()) {
    transaction.require_identity(ws.config(), done.person, command + " --commit would record this");
  }
  // Only the files the edit writes matter: their commit would take in whatever else changed in
  // them (refused with --commit unless --include-changes); the edit itself checked the records
  // as they are on disk, and commits none of the others.
  transaction.begin(files, {}, "the commit of the edit would take those changes in");
  edit.write();
  const std::string commit =
      options.git.commit ? transaction.commit(fmt::format("handoff({}): {}", id, done.commit)) : std::string();
  if (!globals.quiet) {
    std::string joined;
    for (const auto& file : files) {
      joined += (joined.empty() ? "" : ", ") + file;
    }
    print(fmt::format("{}: {} ({})\n", id, done.summary, joined));
    if (options.git.commit) {
      print(fmt::format("{}: committed {} as {}\n", id, workspace::committed_files(joined, transaction.included()),
                        commit));
    }
    if (!added.empty()) {
      print(fmt::format("{}: `handoff check --next` now also reports:\n{}", id, edit::describe(added)));
    }
  }
  return k_exit_ok;
}

}  // namespace handoff::cli
