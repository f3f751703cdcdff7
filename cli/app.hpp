#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/error.hpp"
#include "support/date.hpp"
#include "workspace/transaction.hpp"
#include "workspace/workspace.hpp"

// The command line: global options, the table of subcommands, colour and exit codes.
namespace handoff::cli {

// Exit codes (docs/cli.md, "Exit codes").
constexpr int k_exit_ok = 0;
constexpr int k_exit_findings = 1;
constexpr int k_exit_usage = 2;
constexpr int k_exit_internal = 3;  // the tool's own failures (core::ToolError) and internal errors

// A mistake in the arguments or the workspace configuration: printed as
// "handoff: error: ..." and exit 2.
class UsageError : public core::UserError {
public:
  using core::UserError::UserError;
};

// Options every command understands.
struct Globals {
  std::string directory;       // -C DIR
  std::string color = "auto";  // auto | always | never
  bool quiet = false;
  std::string lang;        // --lang: the output language; empty: `language:` of handoff.yaml
  bool use_color = false;  // decided once from `color`, the terminal and NO_COLOR
};

// One subcommand: `setup` declares its options on its CLI11 app, `run` does the work after
// parsing and returns the exit code.
class Command {
public:
  virtual ~Command() = default;
  virtual std::string_view name() const = 0;
  virtual std::string_view summary() const = 0;
  virtual void setup(CLI::App& app) = 0;
  virtual int run(const Globals& globals) = 0;
};

// Runs the command line and returns the process exit code.
int run(int argc, char** argv);

// --- helpers shared by the commands -------------------------------------------------------

// Accepts one of `values` (shown as {a,b,c} in --help); anything else is refused with the
// list and, when one is close, "did you mean". Used instead of CLI::IsMember.
CLI::Validator one_of(std::vector<std::string> values);

// Refuses an empty value (`-o ''`, an empty item of `--affects a,,b`) with "an empty value names
// no WHAT; GIVE", so that an option given empty is never taken as an option left out.
CLI::Validator non_empty(std::string what, std::string give);

// Opens the workspace (docs/records.md: -C DIR, else discovery from the current directory).
// Throws UsageError when the folder is missing or handoff.yaml has configuration errors.
workspace::Workspace open_workspace(const Globals& globals);

// Returns the language of the human-readable output: --lang, else `language:` of the workspace's
// handoff.yaml (nullptr: no workspace), else English. Throws UsageError for a --lang it does not
// know, listing every accepted spelling.
core::Language output_language(const Globals& globals, const model::Config* config);

// Throws UsageError for an id that names no project, with a suggestion.
void require_projects(const workspace::Workspace& ws, const std::vector<std::string>& ids);

// Throws UsageError when the folder of project `id` leads out of the workspace: writers never
// write there (DESIGN §9.9).
void require_inside(const workspace::Workspace& ws, const std::string& id);

// Throws a UsageError when the record `file` of project `id` (a file name: "project.yaml") is
// a symbolic link: a writer that rewrites the file in place neither writes through a link nor
// replaces it with a file.
void require_not_link(const workspace::Workspace& ws, const std::string& id, const std::string& file,
                      const std::string& command);

// Adds --commit and --include-changes to a writer's `app`: `what` says what --commit commits
// ("changes.yaml (and nothing else)").
void add_commit_options(CLI::App& app, workspace::CommitOptions& options, const std::string& what);

// Returns --today when given, else HANDOFF_TODAY, else the system date. Throws UsageError
// for a malformed date.
support::Date resolve_today(const std::string& option);

// Adds the --today option to `app`, storing into `value`.
void add_today_option(CLI::App& app, std::string& value);

// Adds -j/--jobs N to `app`, storing into `value` (left at 0, meaning one job per core, when
// absent). CLI11 rejects a value below 1.
void add_jobs_option(CLI::App& app, unsigned& value);

// Returns a progress callback that shows "<what>: done/total" on stderr once a run has taken
// over a second, and clears that line at the end; returns an empty callback (no progress) when
// `enabled` is false, with --quiet, when stderr is not a terminal, when TERM is unset or dumb,
// or when CI is set.
support::ProgressFn make_progress(const Globals& globals, bool enabled, std::string what);

// Writes to stdout / stderr.
void print(std::string_view text);
void print_error(std::string_view text);

// The commands, in the order `--help` lists them.
std::unique_ptr<Command> make_init();
std::unique_ptr<Command> make_new();
std::unique_ptr<Command> make_check();
std::unique_ptr<Command> make_baseline();
std::unique_ptr<Command> make_status();
std::unique_ptr<Command> make_todo();
std::unique_ptr<Command> make_notify();
std::unique_ptr<Command> make_report();
std::unique_ptr<Command> make_verify();
std::unique_ptr<Command> make_forecast();
std::unique_ptr<Command> make_advance();
std::unique_ptr<Command> make_sign();
std::unique_ptr<Command> make_change();
std::unique_ptr<Command> make_contact();
std::unique_ptr<Command> make_contract();
std::unique_ptr<Command> make_commitment();
std::unique_ptr<Command> make_req();
std::unique_ptr<Command> make_feasibility();
std::unique_ptr<Command> make_assess();
std::unique_ptr<Command> make_raci();
std::unique_ptr<Command> make_activity();
std::unique_ptr<Command> make_kickoff();
std::unique_ptr<Command> make_milestone();
std::unique_ptr<Command> make_risk();
std::unique_ptr<Command> make_reported();
std::unique_ptr<Command> make_accept();
std::unique_ptr<Command> make_support();
std::unique_ptr<Command> make_close();
std::unique_ptr<Command> make_payment();
std::unique_ptr<Command> make_diff();
std::unique_ptr<Command> make_log();
std::unique_ptr<Command> make_export();
std::unique_ptr<Command> make_import();
std::unique_ptr<Command> make_owners();
std::unique_ptr<Command> make_rules();
std::unique_ptr<Command> make_explain();
std::unique_ptr<Command> make_schema();

}  // namespace handoff::cli
