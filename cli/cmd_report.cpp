#include <cstdlib>
#include <filesystem>
#include <optional>

#include <fmt/format.h>

#include "app.hpp"
#include "io/write.hpp"
#include "report/docx.hpp"
#include "report/html.hpp"
#include "report/pdf.hpp"
#include "report/report.hpp"
#include "report/verification.hpp"
#include "support/text.hpp"

namespace handoff::cli {

namespace {

class ReportCommand final : public Command {
public:
  std::string_view name() const override { return "report"; }
  std::string_view summary() const override { return "Render a project's Markdown report, or the portfolio"; }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_id, "The project to report on");
    app.add_flag("--portfolio", m_portfolio, "Report on every project, with the portfolio KPIs");
    app.add_option(
           "--template", m_template,
           "Report to render: brief (default), feasibility, plan, changes, status, acceptance, visit, a name from the "
           "workspace's templates/, or a .mustache file")
        ->type_name("NAME|FILE");
    app.add_option("--activity", m_activity,
                   "The presales activity (activities.yaml) the visit report summarizes, such as A-1")
        ->type_name("ID");
    app.add_option("--audience", m_audience,
                   "internal (default; customer for acceptance) or customer: leaves out the risk register, "
                   "money, effort, internal notes, findings, gates and decision-maker flags")
        ->check(one_of({"internal", "customer"}))
        ->type_name("WHO");
    app.add_option("--customer", m_customer,
                   "With --portfolio: only the projects of this customer (customer.name, ignoring case); "
                   "required with --audience customer")
        ->check(non_empty("customer", "give the customer's name as its projects record it"))
        ->type_name("NAME");
    app.add_option("--lang", m_lang,
                   "Language of the built-in templates: en or zh-CN (Simplified Chinese; also zh, zh_CN, zh-Hans); "
                   "default: `language:` "
                   "in handoff.yaml, else en")
        ->type_name("LANG");
    app.add_option("-o,--output", m_output, "Write the report to FILE (atomically) instead of stdout")
        ->check(non_empty("file", "give a file name, or leave -o out to print the report"))
        ->type_name("FILE");
    app.add_flag("--force", m_force, "Let -o replace an existing file");
    app.add_option("--format", m_format,
                   "md (the rendered report), html (the report as one standalone HTML file: inline styles, "
                   "print layout, no scripts), pdf (that HTML printed by a headless Chromium; needs -o), docx (a Word "
                   "document; needs -o) or json (the data the template receives)")
        ->check(one_of({"md", "html", "pdf", "docx", "json"}))
        ->type_name("FORMAT");
    add_today_option(app, m_today);
    add_jobs_option(app, m_jobs);
    app.footer(R"(
A workspace's templates/NAME.mustache overrides the built-in report NAME; partials such as
{{> raci}} are looked up the same way, so one section can be replaced alone. docs/reports.md
lists the data every template receives. `report` exits 0 whatever the findings say; the
status report's health verdict is derived from them. --portfolio checks the projects on
-j threads (default: one per core); on a terminal, a run that takes over a second shows its
progress on stderr.

Examples:
  handoff report acme-mes                          the kickoff brief
  handoff report acme-mes --template status --audience customer
  handoff report acme-mes --template plan -o plan.md
  handoff report acme-mes --template status --format html -o status.html
  handoff report acme-mes --template plan --format pdf -o plan.pdf   printed by Chromium
  handoff report acme-mes --template acceptance --format docx -o acceptance.docx
  handoff report acme-mes --template acceptance      the certificate the customer signs
  handoff report acme-mes --template visit --activity A-1   the visit summary for sales
  handoff report acme-mes --template feasibility --lang zh-CN --audience customer
  handoff report --portfolio
  handoff report --portfolio --audience customer --customer "Cyberdyne Systems"
  handoff report acme-mes --format json | jq .health)");
  }

  int run(const Globals& globals) override
  {
    if (m_portfolio && !m_id.empty()) {
      throw UsageError("give either a project ID or --portfolio, not both");
    }
    if (m_portfolio && !m_activity.empty()) {
      throw UsageError("--activity picks an activity of one project: run `handoff report ID --template visit "
                       "--activity "
                       + m_activity + "`");
    }
    if (!m_portfolio && !m_customer.empty()) {
      throw UsageError("--customer picks the projects of the portfolio: run `handoff report --portfolio --customer "
                       "NAME`");
    }
    if (!m_portfolio && m_id.empty()) {
      throw UsageError("which project? give an ID, or --portfolio for every project");
    }
    report::ReportOptions options;
    options.template_spec = m_template;
    if (!m_audience.empty()) {
      options.audience = m_audience == "customer" ? report::Audience::customer : report::Audience::internal;
    }
    options.today = resolve_today(m_today);
    options.json = m_format == "json";
    options.activity = m_activity;
    options.customer = m_customer;
    options.parallelism = {m_jobs, make_progress(globals, m_portfolio && !options.json, "checking projects")};
    if (m_format == "docx" && m_output.empty()) {
      throw UsageError("a Word document is written to a file: add -o FILE.docx");
    }
    std::optional<std::string> chromium;
    if (m_format == "pdf") {
      if (m_output.empty()) {
        throw UsageError("a PDF is written to a file: add -o FILE.pdf");
      }
      chromium = report::find_chromium();
      if (!chromium) {
        throw UsageError("--format pdf prints the HTML report with Chromium, and there is none: install the Debian "
                         "package `chromium` (apt-get install chromium), or set HANDOFF_CHROMIUM to a Chromium or "
                         "Chrome binary");
      }
    }
    if (!m_output.empty() && !m_force) {
      std::error_code ec;
      if (std::filesystem::symlink_status(m_output, ec).type() != std::filesystem::file_type::not_found) {
        throw UsageError(fmt::format("{} already exists; use --force to replace it", m_output));
      }
    }
    const workspace::Workspace ws = open_workspace(globals);
    // The subcommand's --lang, else the global one (`handoff --lang zh-CN report ID`), else the workspace's.
    const std::string& given = m_lang.empty() ? globals.lang : m_lang;
    const std::string& language = given.empty() ? ws.config().language : given;
    const auto parsed = report::parse_language(language);
    if (!parsed) {
      throw UsageError(fmt::format("--lang \"{}\" is not a report language; languages: {}", given,
                                   support::join_words(report::language_names(), ", ")));
    }
    options.language = *parsed;
    std::string text;
    try {
      if (m_portfolio) {
        text = report::portfolio_report(ws, options);
      } else {
        require_projects(ws, {m_id});
        text = report::project_report(ws, m_id, options);
      }
    } catch (const report::TemplateError& e) {
      throw UsageError(e.what());
    }
    if (m_format == "docx") {
      const report::Verification verification = m_portfolio
                                                    ? report::portfolio_verification(ws, m_customer, options.today)
                                                    : report::project_verification(ws, m_id, options.today);
      text = report::docx_document(text, options.language, verification);
    }
    if (m_format == "html" || m_format == "pdf") {
      const report::Verification verification = m_portfolio
                                                    ? report::portfolio_verification(ws, m_customer, options.today)
                                                    : report::project_verification(ws, m_id, options.today);
      const std::string markdown = std::move(text);
      text = report::html_document(markdown, options.language, &verification);
      if (chromium) {
        report::PrintOptions print_options;
        print_options.chromium = *chromium;
        print_options.timeout_seconds = chromium_timeout();
        text = report::add_pdf_metadata(report::print_pdf(text, print_options), report::html_title(markdown),
                                        verification);
      }
    }
    if (m_output.empty()) {
      print(text);
      return k_exit_ok;
    }
    const auto error = m_force ? io::write_atomic(m_output, text) : io::create_atomic(m_output, text);
    if (error) {
      throw UsageError(*error);
    }
    if (!globals.quiet) {
      print_error(fmt::format("wrote {}\n", m_output));
    }
    return k_exit_ok;
  }

private:
  // HANDOFF_CHROMIUM_TIMEOUT: seconds Chromium may take to print (default 120).
  static int chromium_timeout()
  {
    const char* env = std::getenv("HANDOFF_CHROMIUM_TIMEOUT");
    if (env == nullptr || *env == '\0') {
      return 120;
    }
    char* end = nullptr;
    const long value = std::strtol(env, &end, 10);
    if (*end != '\0' || value < 1 || value > 3600) {
      throw UsageError(fmt::format("HANDOFF_CHROMIUM_TIMEOUT \"{}\" is not a number of seconds from 1 to 3600", env));
    }
    return static_cast<int>(value);
  }

  std::string m_id;
  bool m_portfolio = false;
  unsigned m_jobs = 0;
  std::string m_template;
  std::string m_activity;
  std::string m_audience;  // empty: the report's default audience
  std::string m_customer;
  std::string m_lang;
  std::string m_output;
  bool m_force = false;
  std::string m_format = "md";
  std::string m_today;
};

}  // namespace

std::unique_ptr<Command> make_report()
{
  return std::make_unique<ReportCommand>();
}

}  // namespace handoff::cli
