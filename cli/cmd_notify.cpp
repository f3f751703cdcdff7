#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "app.hpp"
#include "notify/chat.hpp"
#include "notify/events.hpp"
#include "notify/post.hpp"
#include "notify/render.hpp"
#include "support/text.hpp"
#include "workspace/todo.hpp"

namespace handoff::cli {

namespace {

class NotifyCommand final : public Command {
public:
  std::string_view name() const override { return "notify"; }
  std::string_view summary() const override { return "Tell people what changed and what waits on them (chat, e-mail)"; }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_ids, "Projects to look at (default: all)");
    app.add_option("--since", m_since,
                   "Git revision to compare the records with: what changed since then becomes events")
        ->check(non_empty("revision", "give a revision such as HEAD~1, or leave --since out"))
        ->type_name("REV");
    app.add_option("--within", m_within, "Days ahead for the todo digest (default 14)")
        ->check(CLI::Range(0LL, 3660LL).description(""))
        ->type_name("DAYS");
    app.add_option("--format", m_format, "Message format: text, json, dingtalk, feishu, wecom, slack or email")
        ->check(one_of({"text", "json", "dingtalk", "feishu", "wecom", "slack", "email"}))
        ->type_name("FORMAT");
    auto* post = app.add_option("--post", m_post, "Send the message to this webhook URL (prefer --post-env)")
                     ->check(non_empty("URL", "give the webhook URL"))
                     ->type_name("URL");
    app.add_option("--post-env", m_post_env, "Send the message to the webhook URL held by this environment variable")
        ->check(non_empty("variable", "give the name of the variable that holds the webhook URL"))
        ->type_name("VAR")
        ->excludes(post);
    add_today_option(app, m_today);
    add_jobs_option(app, m_jobs);
    app.footer(R"(
Events (with --since REV, from the records' difference between REV and the working tree):
  change_proposed    a new change request waits for approvals (the approvers are told)
  change_approved    a change request got an approval and waits for another one
  signoff_made       a sign-off was added (the side that has not signed yet is told)
  signoff_needed     the project reached handoff and nobody signed yet
  milestone_overdue  a milestone is overdue today and was not when REV was committed
  acceptance_failed  a new acceptance result failed (implementation and pm are told)
Then each person's todo digest (as `handoff todo --within DAYS`).
People are mentioned with people[].chat of handoff.yaml. --post sends one message (JSON
formats only) through libcurl, once, with a 10 s timeout (HANDOFF_NOTIFY_TIMEOUT=SECONDS);
a failed post exits 3 and names the URL without its path or token. The e-mail format
prints an RFC 5322 message for a mail transfer agent (From: HANDOFF_MAIL_FROM).
notify never writes to the workspace.

Examples:
  handoff notify --since HEAD~1
  handoff notify --since origin/main@{1} --format dingtalk --post-env DINGTALK_WEBHOOK
  handoff notify --format email --lang zh-CN | sendmail -t)");
  }

  int run(const Globals& globals) override
  {
    const notify::Format format = *notify::parse_format(m_format);
    std::string url = m_post;
    if (!m_post_env.empty()) {
      const char* value = std::getenv(m_post_env.c_str());
      if (value == nullptr || *value == '\0') {
        throw UsageError(fmt::format("--post-env {}: the variable is not set or empty; set it to the webhook URL",
                                     support::visible(m_post_env)));
      }
      url = value;
    }
    const bool posting = !m_post.empty() || !m_post_env.empty();
    if (posting && (format == notify::Format::text || format == notify::Format::email)) {
      throw UsageError(fmt::format("--post sends a webhook payload, not --format {}; give --format dingtalk, "
                                   "feishu, wecom, slack or json (an e-mail goes to a mail transfer agent: "
                                   "handoff notify --format email | sendmail -t)",
                                   m_format));
    }
    if (posting && !support::starts_with(url, "http://") && !support::starts_with(url, "https://")) {
      throw UsageError(fmt::format("--post: {} is not an http:// or https:// URL", notify::redact_url(url)));
    }
    notify::PostOptions post_options;
    if (posting) {
      post_options.timeout_ms = notify::post_timeout_ms();
    }
    notify::RenderOptions render_options;
    if (const char* from = std::getenv("HANDOFF_MAIL_FROM"); from != nullptr && *from != '\0') {
      const std::string_view f(from);
      if (std::any_of(f.begin(), f.end(),
                      [](char ch) { return static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F; })) {
        throw UsageError("HANDOFF_MAIL_FROM holds a control character; give an address such as "
                         "\"handoff <handoff@example.com>\"");
      }
      render_options.from = from;
    }

    notify::Notice notice;
    notice.today = resolve_today(m_today);
    notice.since = m_since;
    const workspace::Workspace ws = open_workspace(globals);
    render_options.language = output_language(globals, &ws.config());
    require_projects(ws, m_ids);
    if (!m_since.empty()) {
      notice.events = notify::events_since(ws, m_ids, m_since, notice.today, notice.commit);
    }
    workspace::TodoOptions todo;
    todo.check.today = notice.today;
    todo.within = m_within;
    const support::Parallelism parallelism{m_jobs, make_progress(globals, true, "checking projects")};
    notice.todo = workspace::todo_items(ws, m_ids, todo, parallelism);

    const std::string message = notify::render(notice, ws.config(), notify::chat_ids(ws), format, render_options);
    if (!posting) {
      print(message);
      return k_exit_ok;
    }
    const notify::PostResult result = notify::post_json(url, message, post_options);
    if (!globals.quiet) {
      print(fmt::format("posted {} to {} (HTTP {})\n", m_format, notify::redact_url(url), result.status));
    }
    return k_exit_ok;
  }

private:
  std::vector<std::string> m_ids;
  std::string m_since;
  long long m_within = 14;
  std::string m_format = "text";
  std::string m_post;
  std::string m_post_env;
  std::string m_today;
  unsigned m_jobs = 0;
};

}  // namespace

std::unique_ptr<Command> make_notify()
{
  return std::make_unique<NotifyCommand>();
}

}  // namespace handoff::cli
