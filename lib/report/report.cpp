#include "report/report.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "report/templates.hpp"
#include "support/json_text.hpp"
#include "support/mustache.hpp"
#include "support/parallel.hpp"
#include "support/text.hpp"

namespace handoff::report {

namespace {

rules::CheckOptions check_options(const ReportOptions& options)
{
  rules::CheckOptions out;
  out.today = options.today;
  return out;
}

bool is_builtin(const std::string& name)
{
  const auto& names = builtin_reports();
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Resolves the template of a report; `portfolio` tells which kind of data it will receive.
support::TemplateText choose_template(const TemplateFinder& finder, const std::string& spec, bool portfolio)
{
  if (is_template_path(spec)) {
    return read_template_file(spec);
  }
  const std::string name = spec.empty() ? (portfolio ? "portfolio" : "brief") : spec;
  if (portfolio && is_builtin(name) && name != "portfolio") {
    throw TemplateError(fmt::format("\"{}\" is a project report: run `handoff report ID --template {}`", name, name));
  }
  if (!portfolio && name == "portfolio") {
    throw TemplateError("\"portfolio\" covers every project: run `handoff report --portfolio`");
  }
  if (auto found = finder.find(name)) {
    return *found;
  }
  std::string message = fmt::format("unknown template \"{}\"", name);
  if (auto guess = support::did_you_mean(name, finder.names())) {
    message += fmt::format("; did you mean \"{}\"?", *guess);
  } else {
    std::vector<std::string> reports;
    for (const auto& builtin : builtin_reports()) {
      if ((builtin == "portfolio") == portfolio) {
        reports.push_back(builtin);
      }
    }
    message += "; built-in reports: " + support::join_words(reports, ", ");
    if (const auto own = finder.workspace_names(); !own.empty()) {
      message += "; workspace templates: " + support::join_words(own, ", ");
    }
  }
  throw TemplateError(message);
}

std::string finish(const support::TemplateText& tmpl, nlohmann::ordered_json data, const TemplateFinder& finder,
                   bool json)
{
  if (json) {
    return support::json_text(data);
  }
  return render(tmpl, std::move(data), finder);
}

std::string template_name(const support::TemplateText& tmpl)
{
  // "built-in report/status.mustache", "templates/status.mustache", "x/my.mustache" -> stem
  std::string stem = tmpl.name.substr(tmpl.name.find_last_of('/') + 1);
  if (const auto dot = stem.rfind(".mustache"); dot != std::string::npos && dot + 9 == stem.size()) {
    stem.resize(dot);
  }
  return stem;
}

// The most findings a project report carries (its `findings` list, in the data and in the
// gates table): enough for any real project, and about 1 MB of Markdown. A record with hundreds
// of thousands of unknown keys would otherwise make a report of gigabytes of template data that
// ends at the template's output limit, which names the template rather than the records.
constexpr std::size_t k_max_report_findings = 10000;

// Refuses a project whose findings are too many for a report, naming the record file with the
// most of them: the records are the cause, and `check` lists every finding.
void require_reportable(const CheckedProject& checked)
{
  const auto& findings = checked.outcome.findings;
  if (findings.size() <= k_max_report_findings) {
    return;
  }
  std::map<std::string, std::size_t> per_file;
  for (const auto& f : findings) {
    ++per_file[f.file];
  }
  const auto most = std::max_element(per_file.begin(), per_file.end(),
                                     [](const auto& a, const auto& b) { return a.second < b.second; });
  throw core::UserError(fmt::format("{} has {} findings, more than the {} a report can hold ({} of them in {}); "
                                    "fix the records first: `handoff check {}` lists them",
                                    checked.project.folder, findings.size(), k_max_report_findings, most->second,
                                    most->first.empty() ? "no file" : most->first, checked.project.folder));
}

// Checks that `wanted` names an activity of the project; the visit report needs one.
void require_activity(const model::Project& project, const std::string& report, const std::string& wanted)
{
  std::vector<std::string> ids;
  for (const auto& a : project.activities) {
    if (a.id.has()) {
      ids.push_back(*a.id);
    }
  }
  const std::string known = ids.empty()
                                ? fmt::format("{} has no presales activities yet (activities.yaml)", project.folder)
                                : fmt::format("activities of {}: {}", project.folder, support::join_words(ids, ", "));
  if (wanted.empty()) {
    if (report == "visit") {
      throw core::UserError(
          fmt::format("the visit report summarizes one presales activity: add --activity ID; {}", known));
    }
    return;
  }
  if (std::find(ids.begin(), ids.end(), wanted) != ids.end()) {
    return;
  }
  std::string message = fmt::format("no activity \"{}\" in {}; {}", wanted, project.folder, known);
  if (auto guess = support::did_you_mean(wanted, ids)) {
    message += fmt::format("; did you mean \"{}\"?", *guess);
  }
  throw core::UserError(message);
}

bool same_customer(std::string_view a, std::string_view b)
{
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// Refuses a customer edition of the portfolio that would show every customer's projects.
void require_customer(const DataOptions& data_options, const ReportOptions& options)
{
  if (data_options.audience == Audience::customer && options.customer.empty()) {
    throw core::UserError("the customer edition of the portfolio shows one customer's projects: add --customer NAME "
                          "(the customer.name of its projects)");
  }
}

// The portfolio of one customer: every project is checked, then the rows of that customer's
// projects are built (a customer has few projects, so they are held until the count is known).
std::string customer_portfolio(const workspace::Workspace& ws, const ReportOptions& options,
                               const DataOptions& data_options, const support::TemplateText& tmpl,
                               const TemplateFinder& finder)
{
  const std::vector<std::string> ids = ws.project_ids();
  std::vector<std::optional<PortfolioEntry>> entries(ids.size());
  std::vector<std::string> customers(ids.size());
  ws.evaluate(ids, check_options(options), options.parallelism, [&](std::size_t i, CheckedProject&& checked) {
    customers[i] = checked.project.card.customer_name.value_or("");
    if (same_customer(customers[i], options.customer)) {
      entries[i] = portfolio_entry(checked, data_options);
    }
  });
  std::vector<PortfolioEntry> chosen;
  for (auto& entry : entries) {
    if (entry) {
      chosen.push_back(std::move(*entry));
    }
  }
  if (chosen.empty()) {
    std::vector<std::string> known;
    for (const auto& c : customers) {
      if (!c.empty() && std::find(known.begin(), known.end(), c) == known.end()) {
        known.push_back(c);
      }
    }
    std::sort(known.begin(), known.end());
    std::string message = fmt::format("no project has the customer \"{}\"", support::visible(options.customer));
    if (auto guess = support::did_you_mean(options.customer, known)) {
      message += fmt::format("; did you mean \"{}\"?", support::visible(*guess));
    } else if (!known.empty()) {
      std::vector<std::string> shown;
      shown.reserve(known.size());
      for (const auto& k : known) {
        shown.push_back(support::visible(k));
      }
      message += "; customers: " + support::join_words(shown, ", ");
    }
    throw core::UserError(message);
  }
  PortfolioData data(data_options, chosen.size(), chosen.front().customer);
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  support::MustacheList list;
  for (auto& entry : chosen) {
    nlohmann::ordered_json row = data.add(std::move(entry));
    add_labels(row, options.language);
    if (options.json) {
      rows.push_back(std::move(row));
    } else {
      list.append(std::move(row));
    }
  }
  nlohmann::ordered_json root = data.root();
  add_labels(root, options.language);
  if (options.json) {
    root["projects"] = std::move(rows);
    return support::json_text(root);
  }
  std::map<std::string, support::MustacheList> lists;
  lists.emplace("projects", std::move(list));
  return render(tmpl, std::move(root), std::move(lists), finder);
}

}  // namespace

std::string project_report(const workspace::Workspace& ws, const std::string& id, const ReportOptions& options)
{
  const TemplateFinder finder(ws.fs(), options.language);
  const support::TemplateText tmpl = choose_template(finder, options.template_spec, false);
  DataOptions data_options;
  data_options.report = template_name(tmpl);
  data_options.audience = options.audience.value_or(default_audience(data_options.report));
  data_options.today = options.today;
  data_options.payment_terms_days = ws.config().payment_terms_days();
  data_options.activity = options.activity;
  const auto reference = ws.reference(support::resolve_jobs(options.parallelism.jobs));
  data_options.reference = reference.get();
  rules::CheckOptions check = check_options(options);
  check.reference = reference.get();
  check.forecast = true;  // the evaluation's one forecast, which HF308 judges too
  const CheckedProject checked = ws.evaluate_one(id, check);
  require_reportable(checked);
  require_activity(checked.project, data_options.report, options.activity);
  nlohmann::ordered_json data = project_data(ws.config(), checked, data_options);
  add_labels(data, options.language);
  return finish(tmpl, std::move(data), finder, options.json);
}

std::string portfolio_report(const workspace::Workspace& ws, const ReportOptions& options)
{
  const TemplateFinder finder(ws.fs(), options.language);
  const support::TemplateText tmpl = choose_template(finder, options.template_spec, true);
  DataOptions data_options;
  data_options.report = template_name(tmpl);
  data_options.audience = options.audience.value_or(default_audience(data_options.report));
  data_options.today = options.today;
  data_options.payment_terms_days = ws.config().payment_terms_days();
  require_customer(data_options, options);
  if (!options.customer.empty()) {
    return customer_portfolio(ws, options, data_options, tmpl, finder);
  }
  const std::vector<std::string> ids = ws.project_ids();
  // Each row is handed on as soon as the rows before it are: into the JSON document, or
  // converted for the template at once, so the rows are never held as JSON and as template
  // data together (at 10,000 projects that was most of the peak memory; bench/RESULTS.md).
  std::vector<PortfolioEntry> entries(ids.size());
  PortfolioData data(data_options, ids.size());
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  support::MustacheList list;
  if (!options.json) {
    list.reserve(ids.size());
  }
  ws.evaluate(
      ids, check_options(options), options.parallelism,
      [&](std::size_t i, CheckedProject&& checked) { entries[i] = portfolio_entry(checked, data_options); },
      [&](std::size_t i) {
        nlohmann::ordered_json row = data.add(std::move(entries[i]));
        add_labels(row, options.language);
        entries[i] = PortfolioEntry{};
        if (options.json) {
          rows.push_back(std::move(row));
        } else {
          list.append(std::move(row));
        }
      });
  nlohmann::ordered_json root = data.root();
  add_labels(root, options.language);
  if (options.json) {
    root["projects"] = std::move(rows);
    return support::json_text(root);
  }
  std::map<std::string, support::MustacheList> lists;
  lists.emplace("projects", std::move(list));
  return render(tmpl, std::move(root), std::move(lists), finder);
}

}  // namespace handoff::report
