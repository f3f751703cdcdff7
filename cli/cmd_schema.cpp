#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "app.hpp"
#include "io/filesystem.hpp"
#include "io/write.hpp"
#include "model/json_schema.hpp"
#include "output/schemas.hpp"
#include "support/text.hpp"

namespace handoff::cli {

namespace {

namespace fs = std::filesystem;

class SchemaCommand final : public Command {
public:
  std::string_view name() const override { return "schema"; }
  std::string_view summary() const override
  {
    return "Print or write the JSON Schema of the records (for editors) or of the JSON outputs";
  }

  void setup(CLI::App& app) override
  {
    app.add_option("RECORD", m_record,
                   "handoff (handoff.yaml), project, requirements, feasibility, plan, risks, changes, signoffs, "
                   "acceptance or activities; with --outputs, an output: "
                       + support::join_words(output::output_schema_names(), ", "));
    app.add_flag("--outputs", m_outputs,
                 "The schemas of the JSON outputs (check --format json, status, todo, ...) instead of the records; "
                 "alone, lists them");
    app.add_option("--out", m_out, "Write <RECORD>.schema.json files into DIR (all of them without RECORD)")
        ->check(non_empty("folder", "give a folder such as .handoff/schema"))
        ->type_name("DIR");
    app.add_flag("--force", m_force, "Replace schema files in DIR whose content differs");
    // Most outputs are named after their command (`schema --outputs check`): once `schema` is
    // the command, such a word is its argument, not a second command.
    app.preparse_callback([&app](std::size_t) { app.get_parent()->require_subcommand(0, 1); });
    app.footer(R"(
The schemas (JSON Schema draft 2020-12) are generated from the same description of the
records that `handoff check` validates against. Editors that use yaml-language-server (VS Code
with the YAML extension, Neovim, Helix, ...) read the first line of each file that `handoff
init` and `handoff new` write:
  # yaml-language-server: $schema=../../.handoff/schema/plan.schema.json
and complete and validate the fields as you type. `handoff init` writes .handoff/schema/; run
`handoff schema --out .handoff/schema --force` after upgrading handoff to refresh it.

With --outputs, the schemas describe what scripts read: the JSON of check, status, todo,
report (of a project and --portfolio), forecast, diff, log and rules, and check's GitLab Code
Quality report. Every object
lists its keys: a document with a key the schema does not name fails validation. New keys
may come in later versions of handoff (within "schema": 1); refresh the files when upgrading.

Examples:
  handoff schema plan                         print the schema of plan.yaml
  handoff schema --out .handoff/schema        write all ten schema files
  handoff schema --outputs                    list the schemas of the JSON outputs
  handoff schema --outputs check              print the schema of `check --format json`
  handoff schema --outputs --out schemas      write every output schema into schemas/)");
  }

  int run(const Globals& globals) override
  {
    if (m_outputs) {
      return run_outputs(globals);
    }
    std::vector<std::string> names = model::schema_names();
    if (!m_record.empty()) {
      if (!model::json_schema(m_record)) {
        std::string message = fmt::format("\"{}\" is not a record", m_record);
        const auto guess = support::did_you_mean(m_record, names);
        message += guess ? fmt::format("; did you mean \"{}\"?", *guess)
                         : fmt::format("; records: {}", support::join_words(names, ", "));
        throw UsageError(message);
      }
      names = {m_record};
    }
    if (m_out.empty()) {
      if (m_record.empty()) {
        throw UsageError("name a record (" + support::join_words(model::schema_names(), ", ")
                         + ") to print its schema, or give --out DIR to write them all; --outputs lists the schemas of "
                           "the JSON outputs");
      }
      print(model::json_schema(m_record)->dump(2) + "\n");
      return k_exit_ok;
    }
    std::vector<std::pair<std::string, std::string>> files;
    files.reserve(names.size());
    for (const auto& name : names) {
      files.emplace_back(model::schema_file_name(name), model::json_schema(name)->dump(2) + "\n");
    }
    write_files(globals, files);
    return k_exit_ok;
  }

private:
  int run_outputs(const Globals& globals)
  {
    std::vector<std::string> names = output::output_schema_names();
    if (!m_record.empty()) {
      if (output::find_output_schema(m_record) == nullptr) {
        std::string message = fmt::format("\"{}\" is not an output with a schema", m_record);
        const auto guess = support::did_you_mean(m_record, names);
        message += guess ? fmt::format("; did you mean \"{}\"?", *guess)
                         : fmt::format("; outputs: {}", support::join_words(names, ", "));
        throw UsageError(message);
      }
      names = {m_record};
    }
    if (m_out.empty()) {
      if (!m_record.empty()) {
        print(std::string(output::find_output_schema(m_record)->text));
        return k_exit_ok;
      }
      std::size_t width = 0;
      for (const auto& schema : output::output_schemas()) {
        width = std::max(width, schema.name.size());
      }
      std::string out;
      for (const auto& schema : output::output_schemas()) {
        out += fmt::format("{:<{}}  {}\n", schema.name, width, schema.title);
      }
      print(out);
      return k_exit_ok;
    }
    std::vector<std::pair<std::string, std::string>> files;
    files.reserve(names.size());
    for (const auto& name : names) {
      files.emplace_back(output::output_schema_file_name(name), std::string(output::find_output_schema(name)->text));
    }
    write_files(globals, files);
    return k_exit_ok;
  }

  // Writes each (file name, content) into --out, creating the folder; refuses to replace a file
  // with other content without --force, and then writes nothing.
  void write_files(const Globals& globals, const std::vector<std::pair<std::string, std::string>>& files) const
  {
    fs::path dir(m_out);
    if (dir.is_relative() && !globals.directory.empty()) {
      dir = fs::path(globals.directory) / dir;
    }
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir, ec)) {
      throw UsageError(fmt::format("--out {}: cannot create the folder", dir.string()));
    }
    // Check every file before writing any, so that a refusal leaves the folder as it was.
    std::vector<std::pair<fs::path, std::string>> writes;
    for (const auto& [file, content] : files) {
      const fs::path path = dir / file;
      if (const auto existing = read_existing(path); existing && *existing != content && !m_force) {
        throw UsageError(fmt::format("{} exists with other content; use --force to replace it", path.string()));
      }
      writes.emplace_back(path, content);
    }
    for (const auto& [path, content] : writes) {
      const auto existing = read_existing(path);
      if (existing && *existing == content) {
        report(globals, fmt::format("unchanged {}\n", path.string()));
        continue;
      }
      if (auto error = io::write_atomic(path.string(), content)) {
        throw UsageError(*error);
      }
      report(globals, fmt::format("wrote {}\n", path.string()));
    }
  }

  static std::optional<std::string> read_existing(const fs::path& path)
  {
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(path, ec))) {
      return std::nullopt;
    }
    io::DiskFileSystem disk(path.parent_path().string());
    io::ReadResult read = disk.read(path.filename().string(), 8u << 20);
    if (!read.ok) {
      throw UsageError(fmt::format("{}: {}", path.string(), read.error));
    }
    return std::move(read.data);
  }

  static void report(const Globals& globals, const std::string& line)
  {
    if (!globals.quiet) {
      print(line);
    }
  }

  std::string m_record;
  std::string m_out;
  bool m_outputs = false;
  bool m_force = false;
};

}  // namespace

std::unique_ptr<Command> make_schema()
{
  return std::make_unique<SchemaCommand>();
}

}  // namespace handoff::cli
