#include "app.hpp"
#include "edit/project_edit.hpp"

#include <algorithm>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <system_error>

#include <fmt/format.h>

#include "io/discover.hpp"
#include "support/text.hpp"

namespace handoff::cli {

namespace {

constexpr std::string_view k_examples = R"(
Examples:
  handoff init                      start a workspace in the current folder
  handoff new acme-mes --customer "ACME Manufacturing" --sales li.wei
  handoff check                     check every project; exit 1 on errors
  handoff check acme-mes --gate feasibility --format json
  handoff status                    one line per project
  handoff advance acme-mes          move to the next stage when its gates pass
  handoff explain HF304             why a rule exists and how to fix a finding

Exit codes: 0 all gates pass, 1 findings at error severity, 2 usage or configuration error,
3 internal error. Run `handoff COMMAND --help` for a command's options.)";

bool decide_color(const std::string& mode)
{
  if (mode == "always") {
    return true;
  }
  if (mode == "never") {
    return false;
  }
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') {
    return false;
  }
  const char* term = std::getenv("TERM");
  if (term == nullptr || std::string_view(term) == "dumb") {
    return false;
  }
  return ::isatty(STDOUT_FILENO) != 0;
}

// Returns "; did you mean --x?" for the first unknown --option, from the options of the
// command being parsed and the global ones; empty when nothing is close.
std::string suggest_option(const CLI::App& app, int argc, char** argv)
{
  std::vector<std::string> names;
  const auto collect = [&names](const CLI::App& from) {
    for (const CLI::Option* option : from.get_options()) {
      for (const auto& name : option->get_lnames()) {
        names.push_back("--" + name);
      }
    }
  };
  collect(app);
  for (const CLI::App* sub : app.get_subcommands()) {
    collect(*sub);
  }
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--", 0) != 0 || std::find(names.begin(), names.end(), arg.substr(0, arg.find('='))) != names.end()) {
      continue;
    }
    if (const auto guess = support::did_you_mean(arg.substr(0, arg.find('=')), names)) {
      return fmt::format("; did you mean {}?", *guess);
    }
  }
  return "";
}

// Returns the loader's limits; HANDOFF_MAX_FILE_SIZE (bytes, or with a K or M suffix)
// raises or lowers the size limit per file.
model::LoadOptions load_options()
{
  model::LoadOptions options;
  const char* env = std::getenv("HANDOFF_MAX_FILE_SIZE");
  if (env == nullptr || *env == '\0') {
    return options;
  }
  const std::string text = env;
  std::size_t used = 0;
  unsigned long long value = 0;
  try {
    value = std::stoull(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  const std::string suffix = text.substr(used);
  const unsigned long long scale = suffix.empty() ? 1 : suffix == "K" ? 1024ULL : suffix == "M" ? 1024ULL * 1024 : 0;
  if (used == 0 || text[0] == '-' || scale == 0 || value == 0 || value > (1ULL << 40) / scale) {
    throw UsageError(fmt::format("HANDOFF_MAX_FILE_SIZE \"{}\" is not a size: use bytes, or a number with K or M "
                                 "(for example 16M)",
                                 text));
  }
  options.max_file_size = static_cast<std::size_t>(value * scale);
  return options;
}

// The first line of the "Examples:" block of a command's --help footer, without its trailing
// "# comment": what a RequiredError shows so that the user sees the command written out.
std::string first_example(const std::string& footer, const std::string& command = {})
{
  const std::string_view marker = "Examples:\n";
  const auto at = footer.find(marker);
  if (at == std::string::npos) {
    return {};
  }
  auto start = footer.find_first_not_of(' ', at + marker.size());
  // With `command` ("req add"), the first example of that command.
  while (!command.empty() && start != std::string::npos
         && footer.compare(start, 8 + command.size() + 1, "handoff " + command + " ") != 0) {
    const auto next = footer.find('\n', start);
    start = next == std::string::npos ? next : footer.find_first_not_of(' ', next + 1);
  }
  if (start == std::string::npos) {
    return {};
  }
  std::string line = footer.substr(start, footer.find('\n', start) - start);
  if (const auto comment = line.find("  #"); comment != std::string::npos) {
    line.erase(comment);
  }
  while (!line.empty() && line.back() == ' ') {
    line.pop_back();
  }
  if (!line.empty() && line.back() == '\\') {  // continued on the next line: say so
    line.pop_back();
    while (!line.empty() && line.back() == ' ') {
      line.pop_back();
    }
    line += " ...";
  }
  return line;
}

}  // namespace

namespace {

// The first error writing to standard output (errno), kept until the command ends.
int g_stdout_error = 0;

// Flushes standard output and returns the exit code of the command, or k_exit_internal with
// a message when something it printed could not be written (a full disk, a closed file). A
// reader that closed the pipe on purpose (`handoff check | head -1`, EPIPE) is not an error.
int finish_output(int code)
{
  if (std::fflush(stdout) != 0 && g_stdout_error == 0) {
    g_stdout_error = errno;
  }
  if (g_stdout_error == 0 && std::ferror(stdout) != 0) {
    g_stdout_error = EIO;
  }
  if (g_stdout_error == 0 || g_stdout_error == EPIPE) {
    return code;
  }
  const std::string message = std::error_code(g_stdout_error, std::generic_category()).message();
  std::fputs(
      fmt::format("handoff: error: cannot write to standard output: {}; the output is incomplete\n", message).c_str(),
      stderr);
  return k_exit_internal;
}

}  // namespace

void print(std::string_view text)
{
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() && g_stdout_error == 0) {
    g_stdout_error = errno != 0 ? errno : EIO;
  }
}

void print_error(std::string_view text)
{
  std::fflush(stdout);
  std::fwrite(text.data(), 1, text.size(), stderr);
}

CLI::Validator one_of(std::vector<std::string> values)
{
  std::string description = "{";
  for (const auto& value : values) {
    description += (description.size() > 1 ? "," : "") + value;
  }
  description += "}";
  return CLI::Validator(
      [values = std::move(values)](const std::string& input) -> std::string {
        if (std::find(values.begin(), values.end(), input) != values.end()) {
          return "";
        }
        std::string message = fmt::format("\"{}\" is not one of {}", input, support::join_words(values, " or "));
        if (const auto guess = support::did_you_mean(input, values)) {
          message += fmt::format("; did you mean \"{}\"?", *guess);
        }
        return message;
      },
      description);
}

CLI::Validator non_empty(std::string what, std::string give)
{
  return CLI::Validator(
      [what = std::move(what), give = std::move(give)](const std::string& input) -> std::string {
        return input.empty() ? fmt::format("an empty value names no {}; {}", what, give) : std::string();
      },
      "");
}

core::Language output_language(const Globals& globals, const model::Config* config)
{
  if (!globals.lang.empty()) {
    const auto language = core::parse_language(globals.lang);
    if (!language) {
      throw UsageError(fmt::format("--lang \"{}\" is not a language handoff speaks; languages: {}", globals.lang,
                                   support::join_words(core::language_spellings(), ", ")));
    }
    return *language;
  }
  if (config != nullptr) {
    return core::parse_language(config->language).value_or(core::Language::en);
  }
  return core::Language::en;
}

workspace::Workspace open_workspace(const Globals& globals)
{
  std::string root;
  if (!globals.directory.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_directory(globals.directory, ec)) {
      throw UsageError(fmt::format("-C {}: no such folder", globals.directory));
    }
    root = std::filesystem::absolute(globals.directory, ec).lexically_normal().string();
  } else {
    root = io::discover_root(".");
  }
  workspace::Workspace ws(root, load_options());
  const auto errors = ws.config_errors();
  if (!errors.empty()) {
    std::string message = "the workspace configuration is invalid:";
    for (const auto& e : errors) {
      message += "\n  " + e;
    }
    throw UsageError(message);
  }
  // A folder with neither handoff.yaml nor a projects folder is no workspace: a check there
  // must not pass by finding nothing, and a writer must not scatter records (DESIGN §9.9).
  std::error_code ec;
  const std::filesystem::path base(ws.root());
  if (!std::filesystem::is_regular_file(base / "handoff.yaml", ec)
      && !std::filesystem::is_directory(base / ws.config().projects_dir, ec)) {
    throw UsageError("no handoff workspace here or above; run `handoff init`");
  }
  return ws;
}

void require_projects(const workspace::Workspace& ws, const std::vector<std::string>& ids)
{
  for (const auto& id : ids) {
    if (auto message = ws.unknown_project(id)) {
      throw UsageError(*message);
    }
  }
}

void require_inside(const workspace::Workspace& ws, const std::string& id)
{
  const std::string dir = io::join(ws.config().projects_dir, id);
  if (ws.fs().kind(dir) == io::FileKind::outside) {
    throw UsageError(
        fmt::format("{} is a symbolic link that leads out of the workspace (or loops); handoff writes only "
                    "inside the workspace: copy the project into {}/ instead of linking it",
                    dir, ws.config().projects_dir));
  }
}

void require_not_link(const workspace::Workspace& ws, const std::string& id, const std::string& file,
                      const std::string& command)
{
  const std::string path = io::join(io::join(ws.config().projects_dir, id), file);
  std::error_code ec;
  if (ws.root().empty() || !std::filesystem::is_symlink(std::filesystem::path(ws.root()) / path, ec)) {
    return;
  }
  throw UsageError(fmt::format("{} is a symbolic link; `handoff {}` rewrites {} in place and never writes through "
                               "a link or replaces one: put the file itself there instead of the link",
                               support::visible(path), command, file));
}

support::Date resolve_today(const std::string& option)
{
  std::string text = option;
  std::string source = "--today";
  if (text.empty()) {
    if (const char* env = std::getenv("HANDOFF_TODAY"); env != nullptr && *env != '\0') {
      text = env;
      source = "HANDOFF_TODAY";
    }
  }
  if (text.empty()) {
    return support::system_today();
  }
  const auto date = support::Date::parse(text);
  if (!date) {
    throw UsageError(fmt::format("{} \"{}\" is not a real date in the form YYYY-MM-DD", source, text));
  }
  return *date;
}

void add_commit_options(CLI::App& app, workspace::CommitOptions& options, const std::string& what)
{
  app.add_flag("--commit", options.commit, fmt::format("Commit {} with your git identity", what));
  app.add_flag("--include-changes", options.include_changes,
               "With --commit: also commit the uncommitted changes of the records the command reads (otherwise it "
               "refuses them)")
      ->needs("--commit");
}

void add_today_option(CLI::App& app, std::string& value)
{
  app.add_option(
         "--today", value,
         "Date that date-driven rules take as today (YYYY-MM-DD; default: $HANDOFF_TODAY, else the system date)")
      ->check(CLI::Validator(
          [](std::string& text) {
            return text.empty() ? std::string("an empty value is no date; give YYYY-MM-DD, or leave --today out")
                                : std::string();
          },
          "", ""))
      ->type_name("DATE");
}

void add_jobs_option(CLI::App& app, unsigned& value)
{
  app.add_option("-j,--jobs", value, "Check N projects at a time (default: one per core)")
      ->check(CLI::Range(1u, 1024u).description(""))
      ->type_name("N");
}

support::ProgressFn make_progress(const Globals& globals, bool enabled, std::string what)
{
  if (!enabled || globals.quiet || ::isatty(STDERR_FILENO) == 0) {
    return {};
  }
  const char* term = std::getenv("TERM");
  const char* ci = std::getenv("CI");
  if (term == nullptr || std::string_view(term) == "dumb" || (ci != nullptr && *ci != '\0')) {
    return {};
  }
  struct State {
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    bool shown = false;
  };
  auto state = std::make_shared<State>();
  return [state, what = std::move(what)](std::size_t done, std::size_t total) {
    if (done == total) {
      if (state->shown) {
        std::fputs("\r\033[K", stderr);  // leave the terminal as it was
        std::fflush(stderr);
      }
      return;
    }
    if (std::chrono::steady_clock::now() - state->start < std::chrono::seconds(1)) {
      return;
    }
    state->shown = true;
    std::fputs(fmt::format("\r{}: {}/{}", what, done, total).c_str(), stderr);
    std::fflush(stderr);
  };
}

int run(int argc, char** argv)
{
  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(make_init());
  commands.push_back(make_new());
  commands.push_back(make_check());
  commands.push_back(make_baseline());
  commands.push_back(make_status());
  commands.push_back(make_todo());
  commands.push_back(make_notify());
  commands.push_back(make_report());
  commands.push_back(make_verify());
  commands.push_back(make_forecast());
  commands.push_back(make_advance());
  commands.push_back(make_sign());
  commands.push_back(make_change());
  commands.push_back(make_contact());
  commands.push_back(make_contract());
  commands.push_back(make_commitment());
  commands.push_back(make_req());
  commands.push_back(make_feasibility());
  commands.push_back(make_assess());
  commands.push_back(make_raci());
  commands.push_back(make_activity());
  commands.push_back(make_kickoff());
  commands.push_back(make_milestone());
  commands.push_back(make_risk());
  commands.push_back(make_reported());
  commands.push_back(make_accept());
  commands.push_back(make_support());
  commands.push_back(make_close());
  commands.push_back(make_payment());
  commands.push_back(make_diff());
  commands.push_back(make_log());
  commands.push_back(make_export());
  commands.push_back(make_import());
  commands.push_back(make_owners());
  commands.push_back(make_rules());
  commands.push_back(make_explain());
  commands.push_back(make_schema());

  CLI::App app{"handoff: keeps the sales-to-implementation handoff of software projects as checked YAML records."};
  app.name("handoff");
  app.footer(std::string(k_examples));
  app.get_formatter()->column_width(34);
  app.option_defaults()->always_capture_default(false);
  Globals globals;
  app.add_option("-C", globals.directory, "Run as if started in DIR (the workspace root)")->type_name("DIR");
  app.add_option("--color", globals.color,
                 "Colour the output: auto (only on a terminal, never with NO_COLOR), always, never")
      ->check(one_of({"auto", "always", "never"}))
      ->type_name("WHEN");
  app.add_flag("-q,--quiet", globals.quiet, "Print only findings and errors, no summary lines");
  app.add_option("--lang", globals.lang,
                 "Language of messages, explanations and summaries: en or zh-CN (also zh, zh_CN, zh-Hans); "
                 "default: `language:` of handoff.yaml")
      ->type_name("LANG");
  app.set_version_flag("--version", std::string("handoff ") + HANDOFF_VERSION);

  std::vector<std::pair<CLI::App*, Command*>> table;
  for (const auto& command : commands) {
    CLI::App* sub = app.add_subcommand(std::string(command->name()), std::string(command->summary()));
    sub->fallthrough();  // global options may follow the command: `handoff check -C dir`
    command->setup(*sub);
    table.emplace_back(sub, command.get());
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ExtrasError& e) {
    // A word CLI11 could not place while no command was recognised is a mistyped command: it
    // gets a suggestion instead of "argument was not expected". CLI11 has parsed the global
    // options, so their values are never taken for a command.
    // `--colour never check`: an unknown option followed by its value. CLI11 lists both as
    // unexpected; the user needs to hear about the option, with a suggestion.
    {
      const std::vector<std::string> extra = app.remaining();
      std::vector<std::string> option_names;
      std::vector<const CLI::App*> scopes{&app};
      for (const CLI::App* sub : app.get_subcommands()) {
        scopes.push_back(sub);
      }
      for (const CLI::App* scope : scopes) {
        for (const CLI::Option* option : scope->get_options()) {
          for (const auto& name : option->get_lnames()) {
            option_names.push_back("--" + name);
          }
          for (const auto& name : option->get_snames()) {
            option_names.push_back("-" + name);
          }
        }
      }
      const bool stray_value =
          std::any_of(extra.begin(), extra.end(), [](const std::string& w) { return !w.empty() && w[0] != '-'; });
      for (const std::string& word : extra) {
        if (!stray_value || word.size() < 2 || word[0] != '-' || word.find('=') != std::string::npos
            || std::find(option_names.begin(), option_names.end(), word) != option_names.end()) {
          continue;
        }
        std::string message = fmt::format("handoff: error: unknown option {}", support::visible(word));
        if (const auto guess = support::did_you_mean(word, option_names)) {
          message += fmt::format("; did you mean {}?", *guess);
        } else {
          message += "; `handoff --help` lists the global options";
        }
        print_error(message + "\n");
        return k_exit_usage;
      }
    }
    if (app.get_subcommands().empty()) {
      for (const std::string& word : app.remaining()) {
        if (word.empty() || word[0] == '-') {
          continue;
        }
        std::vector<std::string> names;
        names.reserve(commands.size());
        for (const auto& command : commands) {
          names.emplace_back(command->name());
        }
        std::string message = fmt::format("handoff: error: unknown command \"{}\"", word);
        if (const auto guess = support::did_you_mean(word, names)) {
          message += fmt::format("; did you mean \"{}\"?", *guess);
        } else {
          message += "; `handoff --help` lists the commands";
        }
        print_error(message + "\n");
        return k_exit_usage;
      }
    }
    print_error(fmt::format("handoff: error: {}{}\n", support::visible(e.what()), suggest_option(app, argc, argv)));
    print_error("Run with --help for usage.\n");
    return k_exit_usage;
  } catch (const CLI::RequiredError& e) {
    // `handoff new -acme`: CLI11 reads "-acme" as the short options -a -c -m -e, and then
    // misses the id; say so instead of only "ID is required".
    std::string hint;
    for (int i = 1; i < argc && hint.empty(); ++i) {
      const std::string_view arg = argv[i];
      if (arg.size() > 2 && arg[0] == '-' && arg[1] != '-' && arg.find('=') == std::string_view::npos) {
        hint = fmt::format("; \"{}\" reads as options, not as a value (ids start with a letter or a digit)", arg);
      }
    }
    for (const auto& [sub, command] : table) {
      // A command made of actions (`req add`, `change approve`) given none, or a word that is
      // none of them: name the actions, and the closest.
      const auto actions = sub->get_subcommands([](const CLI::App*) { return true; });
      if (sub->parsed() && !actions.empty() && sub->get_subcommands().empty()
          && std::string_view(e.what()).find("subcommand") != std::string_view::npos) {
        std::vector<std::string> names;
        names.reserve(actions.size());
        for (const CLI::App* action : actions) {
          names.push_back(action->get_name());
        }
        std::string word;
        for (int i = 1; i + 1 < argc && word.empty(); ++i) {
          if (argv[i] == command->name() && argv[i + 1][0] != '-') {
            word = argv[i + 1];
          }
        }
        std::string message = fmt::format("handoff: error: `handoff {}` needs an action: {}", command->name(),
                                          support::join_words(names, " or "));
        if (const auto guess = word.empty() ? std::nullopt : support::did_you_mean(word, names)) {
          message += fmt::format("; did you mean `handoff {} {}`?", command->name(), *guess);
        } else if (!word.empty()) {
          message += fmt::format(" (\"{}\" is none of them)", support::visible(word));
        }
        print_error(message + "\n");
        if (const std::string example = first_example(sub->get_footer()); !example.empty()) {
          print_error(fmt::format("For example: {}\n", example));
        }
        print_error(fmt::format("Run `handoff {} --help` for usage.\n", command->name()));
        return k_exit_usage;
      }
    }
    print_error(fmt::format("handoff: error: {}{}\n", e.what(), hint));
    for (const auto& [sub, command] : table) {
      // The action that misses something (`req add` without --title).
      for (CLI::App* action : sub->get_subcommands()) {
        const auto missing =
            action->get_options([](const CLI::Option* o) { return o->get_required() && o->count() == 0; });
        if (sub->parsed() && !missing.empty()) {
          const std::string path = std::string(command->name()) + " " + action->get_name();
          if (const std::string example = first_example(sub->get_footer(), path); !example.empty()) {
            print_error(fmt::format("For example: {}\n", example));
          }
          print_error(fmt::format("Run `handoff {} --help` for usage.\n", path));
          return k_exit_usage;
        }
      }
      // The command that misses something (`handoff rules explain` parses two commands).
      const auto options = sub->get_options([](const CLI::Option* o) { return o->get_required() && o->count() == 0; });
      if (sub->parsed() && !options.empty()) {
        if (const std::string example = first_example(sub->get_footer()); !example.empty()) {
          print_error(fmt::format("For example: {}\n", example));
        }
        print_error(fmt::format("Run `handoff {} --help` for usage.\n", command->name()));
        return k_exit_usage;
      }
    }
    print_error("Run with --help for usage.\n");
    return k_exit_usage;
  } catch (const CLI::ParseError& e) {
    print_error(fmt::format("handoff: error: {}\n", support::visible(e.what(), true)));
    print_error("Run with --help for usage.\n");
    return k_exit_usage;
  }

  globals.use_color = decide_color(globals.color);
  for (const auto& [sub, command] : table) {
    if (!sub->parsed()) {
      continue;
    }
    try {
      return finish_output(command->run(globals));
    } catch (const edit::Refused& e) {  // an edit the rules would flag: like a gate that fails, exit 1
      print_error(fmt::format("handoff: error: {}\n", support::visible(e.what(), true)));
      return finish_output(k_exit_findings);
    } catch (const core::UserError& e) {  // UsageError and the library's user errors
      // Messages may quote record text or arguments: control characters are made visible.
      print_error(fmt::format("handoff: error: {}\n", support::visible(e.what(), true)));
      return finish_output(k_exit_usage);
    } catch (const core::ToolError& e) {
      // Messages may quote record text or arguments: control characters are made visible.
      print_error(fmt::format("handoff: error: {}\n", support::visible(e.what(), true)));
      return finish_output(k_exit_internal);
    } catch (const std::exception& e) {
      print_error(fmt::format("handoff: internal error: {}\nThis is a bug in handoff; please report it with the "
                              "command line and the input.\n",
                              e.what()));
      return finish_output(k_exit_internal);
    }
  }
  print(app.help());
  print_error("handoff: error: a command is required\n");
  return k_exit_usage;
}

}  // namespace handoff::cli
