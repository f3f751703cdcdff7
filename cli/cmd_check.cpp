#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "app.hpp"
#include "git/changed.hpp"
#include "git/repo.hpp"
#include "io/discover.hpp"
#include "io/write.hpp"
#include "output/format.hpp"
#include "report/labels.hpp"
#include "signoff/canonical.hpp"
#include "support/text.hpp"
#include "workspace/baseline.hpp"
#include "workspace/changed.hpp"

namespace handoff::cli {

namespace {

// Appends `content` to the existing file `path` (a step summary is appended to, like
// `>> "$GITHUB_STEP_SUMMARY"`: other steps' sections stay), then flushes it to disk. Returns an
// error message, or nullopt.
std::optional<std::string> append_to(const std::string& path, const std::string& content)
{
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) {
    return std::string(std::strerror(errno));
  }
  std::string_view rest = content;
  while (!rest.empty()) {
    const ssize_t n = ::write(fd, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      const std::string error = n < 0 ? std::strerror(errno) : "nothing written";
      ::close(fd);
      return error;
    }
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  const bool synced = ::fsync(fd) == 0 || errno == EINVAL;  // EINVAL: a pipe or /dev/full-like file
  const std::string error = synced ? "" : std::strerror(errno);
  if (::close(fd) != 0 || !synced) {
    return error.empty() ? std::string(std::strerror(errno)) : error;
  }
  return std::nullopt;
}

// Writes one output file: a summary is appended to an existing file; any other file is created
// (or replaced, with `force`) atomically.
std::optional<std::string> write_output(const std::string& format, const std::string& path, const std::string& content,
                                        bool force)
{
  if (format == "summary" && std::filesystem::exists(path)) {
    return append_to(path, content);
  }
  return force ? io::write_atomic(path, content) : io::create_atomic(path, content);
}

class CheckCommand final : public Command {
public:
  std::string_view name() const override { return "check"; }
  std::string_view summary() const override { return "Check the records and the lifecycle gates of the projects"; }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_ids, "Projects to check (default: all)");
    app.add_option("--changed-since", m_changed_since,
                   "Check only the projects with a file changed between git revision REV and the work tree "
                   "(all when handoff.yaml changed): for pull requests")
        ->check(non_empty("revision", "give a branch, tag or commit such as origin/main, or leave --changed-since "
                                      "out to check every project"))
        ->type_name("REV");
    app.add_option("--gate", m_gate,
                   "Check only this gate, whatever the stage: schema, qualify, clarify, feasibility, "
                   "handoff, control, accept, close")
        ->type_name("GATE");
    app.add_option("--format", m_format,
                   "Output format: text, json, github (Actions annotations), junit (JUnit XML), sarif "
                   "(SARIF 2.1.0 for code scanning), codequality (GitLab Code Quality) or summary (Markdown for "
                   "$GITHUB_STEP_SUMMARY)")
        ->check(one_of({"text", "json", "github", "junit", "sarif", "codequality", "summary"}))
        ->type_name("FORMAT");
    for (auto& file : m_files) {
      app.add_option("--" + file.format, file.path, file.what)
          ->check(non_empty("file", "name the file to write, or leave --" + file.format + " out"))
          ->type_name("FILE");
    }
    app.add_flag("--force", m_force, "Replace the files that --json, --junit, --sarif, ... name when they exist");
    app.add_flag("--next", m_next,
                 "Check each project against the gates of the stage after the one it claims: what `handoff "
                 "advance` needs")
        ->excludes("--gate");
    app.add_flag("--strict", m_strict, "Warnings fail the check too (exit 1); the same as --fail-on warning");
    app.add_option("--fail-on", m_fail_on,
                   "The lowest severity that fails the check (exit 1): error (the default) or warning")
        ->check(one_of({"error", "warning"}))
        ->type_name("SEVERITY");
    app.add_option("--max-warnings", m_max_warnings, "Fail the check (exit 1) when it finds more than N warnings")
        ->check(CLI::Validator(
            [](std::string& text) {
              const bool digits =
                  !text.empty() && text.size() <= 9 && text.find_first_not_of("0123456789") == std::string::npos;
              return digits ? std::string()
                            : "\"" + text + "\" is not a number of warnings; give 0 or more, such as 10";
            },
            "", ""))
        ->type_name("N");
    app.add_option("--min-severity", m_min_severity,
                   "Leave findings below this severity out of every output and its counts: warning (the default, "
                   "all) or error (errors only)")
        ->check(one_of({"warning", "error"}))
        ->type_name("SEVERITY");
    app.add_flag("--no-baseline", m_no_baseline,
                 "Report every finding, also those .handoff/baseline.json holds (see `handoff baseline`)");
    add_today_option(app, m_today);
    add_jobs_option(app, m_jobs);
    app.footer(R"(
Each project is checked against every gate up to the stage it claims. Findings print like a
compiler's diagnostics, then a summary:
  projects/acme-mes/plan.yaml:14:5: error[HF401]: must requirement REQ-003 "Yield report" is covered by no milestone

Examples:
  handoff check                              every project
  handoff check acme-mes globex-crm          two projects
  handoff check --gate clarify --strict      one gate, warnings fail too
  handoff check acme-mes --next              what the next stage needs (writes nothing)
  handoff check --format json > findings.json
  handoff check --format github              annotations on a GitHub pull request
  handoff check --format junit > junit.xml   test report for GitLab, Jenkins, ...
  handoff check --no-baseline                also the findings .handoff/baseline.json holds
  handoff check --format sarif > h.sarif     for GitHub code scanning
  handoff check --format github --sarif h.sarif --summary "$GITHUB_STEP_SUMMARY"
                                             annotations, a SARIF file and a step summary at once
  handoff check --format codequality > gl-code-quality.json   GitLab Code Quality report
  handoff check --max-warnings 10            fail on errors, or on more than 10 warnings
  HANDOFF_TODAY=2026-11-20 handoff check     reproducible date-driven rules
  handoff check -j 1                         one project at a time (same output as -j 8)
  handoff check --changed-since origin/main  only what a pull request changed (needs that commit:
                                             fetch-depth: 0 in a shallow CI checkout)

On a terminal, a run that takes over a second shows its progress on stderr.)");
  }

  int run(const Globals& globals) override
  {
    try {
      return run_check(globals);
    } catch (const core::UserError& e) {
      // A machine format still gets a document, holding the error (the caller's upload step
      // then shows it instead of failing on an empty file); stderr and the exit code are as
      // for every usage error.
      const std::string message = e.what();
      const std::string config_file = config_path(globals);
      if (m_format != "text") {
        print(error_document(m_format, message, config_file));
      }
      // The files --sarif, --junit, ... name get the same document, unless the error is that
      // one of them exists (or names no writable place: then the message on stderr is all).
      for (const auto& file : m_files) {
        if (!file.path.empty() && !m_files_refused
            && (m_force || file.format == "summary" || !std::filesystem::exists(file.path))) {
          if (auto error =
                  write_output(file.format, file.path, error_document(file.format, message, config_file), true)) {
            print_error(fmt::format("handoff: error: cannot write --{} {}: {}\n", file.format, file.path, *error));
          }
        }
      }
      throw;
    }
  }

private:
  // One output file the run also writes (--sarif FILE, ...).
  struct FileOutput {
    std::string format;  // the --format value it writes, also the option's name
    std::string what;    // its --help
    std::string path;    // empty: not asked for
  };

  // Where handoff.yaml is, as the machine formats name it: from the repository's top when the
  // workspace is a subfolder (`-C records`), else "handoff.yaml" (also when none is found).
  static std::string config_path(const Globals& globals)
  {
    try {
      std::error_code ec;
      const std::string root = globals.directory.empty()
                                   ? io::discover_root(".")
                                   : std::filesystem::absolute(globals.directory, ec).lexically_normal().string();
      return git::workspace_prefix(root) + "handoff.yaml";
    } catch (const std::exception&) {
      return "handoff.yaml";
    }
  }

  static std::string error_document(const std::string& format, const std::string& message,
                                    const std::string& config_file)
  {
    if (format == "json") {
      return output::json_error(message);
    }
    if (format == "github") {
      return output::github_error(message);
    }
    if (format == "junit") {
      return output::junit_error(message);
    }
    if (format == "sarif") {
      return output::sarif_error(message);
    }
    if (format == "codequality") {
      return output::codequality_error(message, fingerprint, config_file);
    }
    return output::step_summary_error(message);
  }

  // GitLab's fingerprint of a finding: the baseline's (which leaves out lines, columns and
  // numbers, so a moved line stays the same issue), as hex digits; a repeated finding gets its
  // occurrence hashed in.
  static std::string fingerprint(const core::Finding& f, std::size_t occurrence)
  {
    std::string fp = workspace::fingerprint(f);
    if (occurrence > 0) {
      fp = signoff::sha256(fp + '#' + std::to_string(occurrence));
    }
    return fp.substr(fp.find(':') + 1);
  }

  static std::string render(const std::string& format, const rules::CheckRun& run, bool quiet)
  {
    if (format == "json") {
      return output::json(run);
    }
    if (format == "github") {
      return output::github(run, quiet);
    }
    if (format == "junit") {
      return output::junit(run);
    }
    if (format == "sarif") {
      return output::sarif(run);
    }
    if (format == "codequality") {
      return output::codequality(run, fingerprint);
    }
    return output::step_summary(run);
  }

  bool any_file() const
  {
    return std::any_of(m_files.begin(), m_files.end(), [](const FileOutput& f) { return !f.path.empty(); });
  }

  // Refuses contradicting options and output files that exist (without --force) or that two
  // options name, before anything is checked.
  void check_options()
  {
    if (m_strict && m_fail_on == "error") {
      throw UsageError("--strict makes warnings fail, --fail-on error says they do not: give one of them");
    }
    if (m_min_severity == "error" && (m_strict || m_fail_on == "warning" || m_max_warnings >= 0)) {
      throw UsageError(fmt::format("--min-severity error leaves out the warnings that {} counts: warnings that "
                                   "fail the check must be shown",
                                   m_max_warnings >= 0 ? "--max-warnings"
                                   : m_strict          ? "--strict"
                                                       : "--fail-on warning"));
    }
    std::set<std::filesystem::path> seen;
    for (const auto& file : m_files) {
      if (file.path.empty()) {
        continue;
      }
      if (!seen.insert(std::filesystem::path(file.path).lexically_normal()).second) {
        m_files_refused = true;
        throw UsageError(
            fmt::format("--{} {}: another option names the same file; give each its own", file.format, file.path));
      }
      if (!m_force && file.format != "summary" && std::filesystem::exists(file.path)) {
        m_files_refused = true;
        throw UsageError(
            fmt::format("--{} {}: the file exists; --force replaces it (or remove it first)", file.format, file.path));
      }
    }
  }

  // Writes every file --sarif, --junit, ... names, each atomically; a file that cannot be
  // written is exit 3, naming it (the others are still written).
  void write_files(const rules::CheckRun& run, const Globals& globals) const
  {
    std::string failures;
    for (const auto& file : m_files) {
      if (file.path.empty()) {
        continue;
      }
      const std::string content = render(file.format, run, globals.quiet);
      const auto error = write_output(file.format, file.path, content, m_force);
      if (error) {
        failures +=
            fmt::format("{}cannot write --{} {}: {}", failures.empty() ? "" : "; ", file.format, file.path, *error);
      }
    }
    if (!failures.empty()) {
      throw core::ToolError(failures);
    }
  }

  // Gives every path of `run` from the repository's top (machine formats), when the workspace
  // is a subfolder of its repository (`-C records`).
  static void repository_paths(const workspace::Workspace& ws, rules::CheckRun& run)
  {
    const std::string prefix = git::workspace_prefix(ws.root());
    if (prefix.empty()) {
      return;
    }
    for (auto& f : run.workspace_findings) {
      f.file = prefix + f.file;
    }
    for (auto& p : run.projects) {
      for (auto& f : p.findings) {
        f.file = prefix + f.file;
      }
      for (auto& f : p.readiness.blockers) {
        f.file = prefix + f.file;
      }
      for (auto& s : p.suppressed) {
        s.finding.file = prefix + s.finding.file;
      }
    }
  }

  int run_check(const Globals& globals)
  {
    check_options();
    rules::CheckOptions options;
    options.today = resolve_today(m_today);
    options.strict = m_strict || m_fail_on == "warning";
    options.next = m_next;
    if (!m_gate.empty()) {
      options.gate = core::parse_gate(m_gate);
      if (!options.gate) {
        std::vector<std::string> names(core::gate_names().begin(), core::gate_names().end());
        std::string message = fmt::format("--gate \"{}\" is not a gate", m_gate);
        if (const auto guess = support::did_you_mean(m_gate, names)) {
          message += fmt::format("; did you mean \"{}\"?", *guess);
        } else {
          message += "; gates: " + support::join_words(names, ", ");
        }
        throw UsageError(message);
      }
    }
    const workspace::Workspace ws = open_workspace(globals);
    require_projects(ws, m_ids);
    if (!m_no_baseline && !m_next) {  // --next says what `advance` needs: every finding counts
      m_baseline = workspace::Baseline::read(ws.fs());
    }
    std::vector<std::string> notes;
    bool nothing = false;  // --changed-since found no changed project: check none
    if (!m_changed_since.empty()) {
      if (!m_ids.empty()) {
        throw UsageError("--changed-since chooses the projects itself: give either project ids or --changed-since");
      }
      const auto changed = workspace::changed_projects(ws, git::changed_since(ws.root(), m_changed_since));
      const std::size_t total = ws.project_ids().size();
      if (changed.all) {
        notes.push_back(fmt::format("--changed-since {}: {} changed, so every project is checked", m_changed_since,
                                    ws.config().file));
      } else {
        notes.push_back(fmt::format("--changed-since {}: {} of {} changed and checked", m_changed_since,
                                    support::plural(static_cast<long long>(changed.ids.size()), "project"), total));
        nothing = changed.ids.empty();
        m_ids = changed.ids;
      }
    }
    // The machine formats name each finding's owners (routing): only they pay for it.
    const auto names_owners = [](const std::string& format) { return format == "json" || format == "sarif"; };
    options.owners = names_owners(m_format) || std::any_of(m_files.begin(), m_files.end(), [&](const FileOutput& f) {
                       return !f.path.empty() && names_owners(f.format);
                     });
    const support::Parallelism parallelism{m_jobs, make_progress(globals, m_format == "text", "checking projects")};
    if (m_format == "text") {
      return run_text(globals, ws, options, parallelism, notes, nothing);
    }
    const core::Language language = output_language(globals, &ws.config());
    rules::CheckRun run;
    if (nothing) {
      run.today = options.today;
      run.strict = options.strict;
      run.workspace_findings = ws.workspace_findings();
    } else {
      run = ws.check(m_ids, options, parallelism);
    }
    run.notes.insert(run.notes.begin(), notes.begin(), notes.end());
    run.max_warnings = max_warnings();
    run.language = language;
    run.help_url = ws.config().help_url;
    std::set<std::string> checked{""};
    filter(run.workspace_findings);
    for (auto& p : run.projects) {
      filter(p.findings);
      checked.insert(p.id);
    }
    add_filter_notes(checked, options, run.notes);
    // Code scanning, annotations and test reports place a finding by its path from the
    // repository's top: a workspace in a subfolder (`-C records`) adds that folder.
    repository_paths(ws, run);
    print(render(m_format, run, globals.quiet));
    write_files(run, globals);
    const bool not_ready = m_next
                           && std::any_of(run.projects.begin(), run.projects.end(),
                                          [](const rules::ProjectOutcome& p) { return !p.readiness.ready(); });
    return output::failed(run) || not_ready ? k_exit_findings : k_exit_ok;
  }

  std::optional<long long> max_warnings() const
  {
    return m_max_warnings >= 0 ? std::optional<long long>(m_max_warnings) : std::nullopt;
  }

  // The text format is printed project by project as they are checked, in the same order and
  // with the same bytes as the whole document would have, so memory stays flat however many
  // projects there are. A progress line on the same terminal is cleared before each print and
  // drawn again on its next tick.
  int run_text(const Globals& globals, const workspace::Workspace& ws, const rules::CheckOptions& options,
               const support::Parallelism& parallelism, const std::vector<std::string>& notes, bool nothing)
  {
    output::TextWriter writer(
        output::TextStyle{globals.use_color, globals.quiet, output_language(globals, &ws.config())}, options.strict);
    writer.set_max_warnings(max_warnings());
    std::vector<core::Finding> workspace_findings = ws.workspace_findings();
    filter(workspace_findings);
    print(writer.workspace(workspace_findings));
    // The files --sarif, --junit, ... name need the whole run: kept only when asked for, so
    // memory stays flat otherwise.
    const bool keep = any_file();
    rules::CheckRun kept;
    kept.today = options.today;
    kept.strict = options.strict;
    kept.max_warnings = max_warnings();
    kept.language = output_language(globals, &ws.config());
    kept.help_url = ws.config().help_url;
    if (keep) {
      kept.workspace_findings = workspace_findings;
    }
    std::set<std::string> checked{""};
    if (nothing) {
      std::vector<std::string> all_notes = notes;
      add_filter_notes(checked, options, all_notes);
      print(writer.end(all_notes));
      if (keep) {
        kept.notes = all_notes;
        repository_paths(ws, kept);
        write_files(kept, globals);
      }
      return writer.failed() ? k_exit_findings : k_exit_ok;
    }
    const bool clear_progress = parallelism.progress && ::isatty(STDOUT_FILENO) != 0;
    bool not_ready = false;  // --next: a project that cannot move fails the run, as `advance` would
    rules::CheckRun run = ws.check_each(m_ids, options, parallelism, [&](rules::ProjectOutcome&& outcome) {
      filter(outcome.findings);
      checked.insert(outcome.id);
      if (keep) {
        kept.projects.push_back(outcome);
      }
      std::string lines = writer.project(outcome);
      not_ready = not_ready || !outcome.readiness.ready();
      if (m_next && !globals.quiet) {
        lines += next_stage_line(outcome, kept.language);
      }
      if (lines.empty()) {
        return;
      }
      if (clear_progress) {
        std::fputs("\r\033[K", stderr);
      }
      print(lines);
      if (clear_progress) {
        std::fflush(stdout);
      }
    });
    run.notes.insert(run.notes.begin(), notes.begin(), notes.end());
    add_filter_notes(checked, options, run.notes);
    print(writer.end(run.notes));
    if (keep) {
      kept.notes = run.notes;
      kept.signatures = run.signatures;
      repository_paths(ws, kept);
      write_files(kept, globals);
    }
    return writer.failed() || (m_next && not_ready) ? k_exit_findings : k_exit_ok;
  }

  // Leaves out the findings the baseline holds (nothing without a baseline) and, with
  // --min-severity error, the warnings.
  void filter(std::vector<core::Finding>& findings)
  {
    if (m_baseline) {
      m_baselined += m_baseline->filter(findings);
    }
    if (m_min_severity == "error") {
      const auto first = std::remove_if(findings.begin(), findings.end(),
                                        [](const core::Finding& f) { return f.severity != core::Severity::error; });
      m_below += static_cast<std::size_t>(findings.end() - first);
      findings.erase(first, findings.end());
    }
  }

  // Says how many warnings --min-severity left out, how many findings the baseline left out and
  // which of its findings are fixed (of the projects checked; not with --gate, which checks
  // only part of each project).
  void add_filter_notes(const std::set<std::string>& checked, const rules::CheckOptions& options,
                        std::vector<std::string>& notes) const
  {
    if (m_below > 0) {
      notes.push_back(fmt::format("{} not shown: --min-severity error",
                                  support::plural(static_cast<long long>(m_below), "warning")));
    }
    if (!m_baseline) {
      return;
    }
    if (m_baselined > 0) {
      notes.push_back(fmt::format("{} of {} not shown: they were there when the baseline was written; "
                                  "`--no-baseline` shows them",
                                  support::plural(static_cast<long long>(m_baselined), "finding"),
                                  workspace::Baseline::path()));
    }
    if (options.gate) {
      return;
    }
    const auto fixed = m_baseline->fixed(checked);
    for (const auto& entry : fixed) {
      notes.push_back(fmt::format("fixed since the baseline: {}: {}: {}", entry.file, entry.rule, entry.message));
    }
    if (!fixed.empty()) {
      notes.push_back(
          fmt::format("`handoff baseline` drops the {} from {}",
                      fixed.size() == 1 ? std::string("fixed finding") : fmt::format("{} fixed findings", fixed.size()),
                      workspace::Baseline::path()));
    }
  }

  // Returns the line that says whether the project can move to its next stage: the evaluation's
  // one readiness verdict, which `advance` and `status` read too.
  static std::string next_stage_line(const rules::ProjectOutcome& outcome, core::Language language)
  {
    const rules::Readiness& r = outcome.readiness;
    const bool zh = language == core::Language::zh_cn;
    switch (r.state) {
    case rules::Readiness::State::no_stage:
      return zh ? fmt::format("{}：无法进入下一阶段：project.yaml 没有有效的 `stage:`\n", outcome.id)
                : fmt::format("{}: not ready: project.yaml has no valid `stage:` to move from\n", outcome.id);
    case rules::Readiness::State::closed:
      return zh ? fmt::format("{}：没有下一阶段：已关闭是最后一个阶段\n", outcome.id)
                : fmt::format("{}: not ready for anything: closed is the last stage; nothing comes next\n", outcome.id);
    case rules::Readiness::State::inactive:
      if (zh) {
        return fmt::format("{}：没有下一阶段：项目已终止（{}），已结束的项目不再推进\n", outcome.id,
                           r.ended.empty() ? std::string("outcome: 未写 status")
                                           : "outcome " + report::code_label("status", r.ended, language));
      }
      return fmt::format("{}: not ready for anything: the project is inactive ({}); a project that ended does not "
                         "move on\n",
                         outcome.id, r.ended.empty() ? std::string("outcome: without a status") : "outcome " + r.ended);
    case rules::Readiness::State::ready:
      return zh ? fmt::format("{}：可以从{}进入{}：`handoff advance {}`\n", outcome.id,
                              core::stage_label(*outcome.stage, language), core::stage_label(*r.next, language),
                              outcome.id)
                : fmt::format("{}: ready to move from {} to {}: `handoff advance {}`\n", outcome.id,
                              core::to_string(*outcome.stage), core::to_string(*r.next), outcome.id);
    case rules::Readiness::State::blocked:
      break;
    }
    if (zh) {
      return fmt::format("{}：还不能从{}进入{}：须先解决上面 {} 项问题\n", outcome.id,
                         core::stage_label(*outcome.stage, language), core::stage_label(*r.next, language),
                         r.blockers.size());
    }
    return fmt::format("{}: not ready to move from {} to {}: {} must be fixed first\n", outcome.id,
                       core::to_string(*outcome.stage), core::to_string(*r.next),
                       r.blockers.size() == 1 ? std::string("the finding above")
                                              : fmt::format("the {} findings above", r.blockers.size()));
  }

  std::vector<std::string> m_ids;
  std::string m_changed_since;
  std::string m_gate;
  bool m_next = false;
  std::string m_format = "text";
  bool m_strict = false;
  std::string m_fail_on;
  long long m_max_warnings = -1;  // none
  std::string m_min_severity = "warning";
  std::size_t m_below = 0;  // findings --min-severity left out
  std::vector<FileOutput> m_files{
      {"json", "Also write the JSON document to FILE, from the same run", {}},
      {"junit", "Also write JUnit XML to FILE, from the same run", {}},
      {"sarif", "Also write SARIF to FILE, from the same run", {}},
      {"codequality", "Also write a GitLab Code Quality report to FILE, from the same run", {}},
      {"summary",
       "Also append the Markdown summary to FILE (created when missing), e.g. \"$GITHUB_STEP_SUMMARY\"",
       {}}};
  bool m_force = false;
  bool m_files_refused = false;  // check_options refused one of m_files: write none of them
  bool m_no_baseline = false;
  std::optional<workspace::Baseline> m_baseline;
  std::size_t m_baselined = 0;
  std::string m_today;
  unsigned m_jobs = 0;
};

}  // namespace

std::unique_ptr<Command> make_check()
{
  return std::make_unique<CheckCommand>();
}

}  // namespace handoff::cli
