#include "report/data.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "forecast/forecast.hpp"
#include "forecast/render.hpp"
#include "report/fields.hpp"
#include "report/labels.hpp"
#include "support/text.hpp"

// The portfolio's data: one row per project, and the KPIs summed over the rows.
namespace handoff::report {

using namespace fields;

PortfolioEntry portfolio_entry(const CheckedProject& checked, const DataOptions& options)
{
  const model::Project& p = checked.project;
  const rules::ProjectOutcome& outcome = checked.outcome;
  PortfolioEntry entry;
  entry.id = p.folder;
  entry.customer = p.card.customer_name.value_or("");
  entry.stage = outcome.stage;
  entry.implausible = implausible_dates(outcome);
  const SignoffState signoffs = signoff_state(p);
  if (signoffs.baseline && p.card.signed_date.has()) {
    entry.lead_days = support::days_between(*p.card.signed_date, *signoffs.baseline);
  }
  entry.milestones = count_milestones(p, options.today);
  const ChangeTotals ct = total_changes(p);
  entry.changes = ChangeCounts{ct.count, ct.billable.count, ct.billable.effort_days, ct.value_added.count,
                               ct.value_added.effort_days};
  if (p.card.csat.has()) {
    entry.csat = static_cast<int>(*p.card.csat);
  }
  entry.closed = p.stage() == core::Stage::closed;
  if (entry.closed) {
    const forecast::Sample s = forecast::sample_of(p);
    if (s.went_live && s.go_live) {
      entry.promise_kept = s.went_live->days() <= s.go_live->days();
    }
    entry.schedule_ratio = model::schedule_ratio(s.start, s.went_live, s.duration_weeks);
  }
  for (const auto& c : p.changes) {
    std::optional<support::Date> first;
    for (const auto& a : c.approvals) {
      if (a.date.has() && (!first || a.date->days() < first->days())) {
        first = *a.date;
      }
    }
    if (c.date.has() && first && first->days() >= c.date->days()) {
      entry.response_days.push_back(support::days_between(*c.date, *first));
    }
  }
  const auto& o = p.card.outcome;
  const std::string ended = o.status.value_or("");
  entry.lost = p.inactive() && (ended == "lost" || ended == "no_go");
  entry.won = !entry.lost && p.stage() >= core::Stage::contracted && (!p.inactive() || ended == "cancelled");
  for (const auto& a : p.activities) {
    using Summary = model::Activity::Summary;
    const Summary state = a.summary_state(options.today);
    if (state == Summary::unknown || state == Summary::not_due) {
      continue;
    }
    ++entry.summaries_due;
    entry.summaries_on_time += state == Summary::on_time ? 1 : 0;
  }
  const std::optional<double> value = p.card.value.has() ? std::optional<double>(*p.card.value) : std::nullopt;
  const std::string currency = p.card.currency.value_or("");
  for (const auto& pay : p.card.payments) {
    const PaymentState state = payment_state(p, pay, options.today, options.payment_terms_days);
    const double amount = pay.value(value).value_or(0.0);
    if (state == PaymentState::due || state == PaymentState::invoiced || state == PaymentState::overdue) {
      entry.receivable[currency] += amount;
      ++entry.receivable_count;
    }
    if (state == PaymentState::overdue) {
      entry.overdue[currency] += amount;
      ++entry.overdue_count;
    }
    const auto trigger = p.payment_trigger(pay, options.today);
    if (state == PaymentState::received && trigger) {
      // Paid before its trigger (an advance paid early) counts as no wait at all.
      entry.days_to_cash.push_back(std::max(0LL, support::days_between(*trigger, *pay.received)));
    }
  }
  Json changes{{"count", ct.count},
               {"open", ct.open},
               {"billable", change_sum_json(ct.billable)},
               {"value_added", change_sum_json(ct.value_added)},
               {"currency", text(p.card.currency)}};
  entry.row =
      Json{{"id", p.folder},
           {"name", p.card.name.has() ? Json(*p.card.name) : Json(p.folder)},
           {"customer", text(p.card.customer_name)},
           {"stage", stage_json(outcome.stage)},
           {"ready_for", stage_json(outcome.ready_for)},
           {"gates", gates_json(outcome)},
           {"failing_gates", failing_gates_json(outcome)},
           {"health", health_json(outcome, shows_rule_names(options.audience))},
           {"signed", date(p.card.signed_date)},
           {"baseline", date(signoffs.baseline)},
           {"handoff_lead_days", entry.lead_days ? Json(*entry.lead_days) : Json(nullptr)},
           {"milestones", milestone_counts_json(entry.milestones)},
           {"changes", std::move(changes)},
           {"csat", integer(p.card.csat)},
           {"payments", Json{{"receivable", entry.receivable_count}, {"overdue", entry.overdue_count}}},
           {"outcome", p.inactive() ? Json{{"status", text(o.status)}, {"date", date(o.date)}} : Json(nullptr)}};
  restrict_to_audience(entry.row, DataKind::portfolio_row, options.audience);
  return entry;
}

namespace {

// A money KPI: the amounts by currency ("360,000 CNY; 12,000 EUR"), how many payments, and what
// it counts.
Json money_kpi(const std::map<std::string, double>& amounts, int payments, const std::string& counts)
{
  Json list = Json::array();
  std::string total;
  for (const auto& [currency, amount] : amounts) {
    list.push_back(Json{{"currency", currency.empty() ? Json(nullptr) : Json(currency)}, {"amount", number(amount)}});
    total += (total.empty() ? "" : "; ") + group_thousands(amount) + (currency.empty() ? "" : " " + currency);
  }
  total = total.empty() ? "0" : total;
  return Json{{"payments", payments},
              {"amounts", std::move(list)},
              {"total_text", total},
              {"text", payments == 0
                           ? "none: 0 payments " + counts
                           : fmt::format("{} in {}: {}", total, support::plural(payments, "payment"), counts)}};
}

}  // namespace

PortfolioData::PortfolioData(const DataOptions& options, std::size_t count, std::string customer)
    : m_options(options), m_count(count), m_customer(std::move(customer))
{
}

nlohmann::ordered_json PortfolioData::add(PortfolioEntry entry)
{
  if (entry.stage) {
    m_stages[*entry.stage]++;
  }
  if (entry.implausible) {
    m_left_out.push_back(entry.id);
    return finish_row(std::move(entry.row));
  }
  if (entry.lead_days) {
    const long long days = *entry.lead_days;
    m_lead_sum += days;
    ++m_lead_count;
    m_lead_min = m_lead_min ? std::min(*m_lead_min, days) : days;
    m_lead_max = m_lead_max ? std::max(*m_lead_max, days) : days;
  }
  m_milestones += entry.milestones;
  m_changes += entry.changes;
  if (entry.csat) {
    m_csat_sum += *entry.csat;
    ++m_csat_count;
  }
  m_closed += entry.closed ? 1 : 0;
  if (entry.promise_kept) {
    ++m_promises;
    m_promises_kept += *entry.promise_kept ? 1 : 0;
  }
  if (entry.schedule_ratio) {
    m_ratios.push_back(*entry.schedule_ratio);
  }
  m_response_days.insert(m_response_days.end(), entry.response_days.begin(), entry.response_days.end());
  m_won += entry.won ? 1 : 0;
  m_lost += entry.lost ? 1 : 0;
  m_summaries_due += entry.summaries_due;
  m_summaries_on_time += entry.summaries_on_time;
  for (const auto& [currency, amount] : entry.receivable) {
    m_receivable[currency] += amount;
  }
  for (const auto& [currency, amount] : entry.overdue) {
    m_overdue[currency] += amount;
  }
  m_receivable_count += entry.receivable_count;
  m_overdue_count += entry.overdue_count;
  m_days_to_cash.insert(m_days_to_cash.end(), entry.days_to_cash.begin(), entry.days_to_cash.end());
  return finish_row(std::move(entry.row));
}

nlohmann::ordered_json PortfolioData::finish_row(nlohmann::ordered_json row)
{
  // What with_presence_flags gives an object in a list: has_KEY flags inside, then `last`.
  row = with_presence_flags(std::move(row));
  row["last"] = ++m_added == m_count;
  return row;
}

nlohmann::ordered_json PortfolioData::root() const
{
  Json root = common_root(m_options.report, m_options.audience, m_options.today);
  root["customer"] = m_customer.empty() ? Json(nullptr) : Json(m_customer);
  root["projects"] = Json::array();  // a placeholder for the rows, in its place among the keys
  Json stage_rows = Json::array();
  for (const auto& [stage, count] : m_stages) {
    stage_rows.push_back(Json{{"stage", core::to_string(stage)}, {"count", count}});
  }
  root["stages"] = std::move(stage_rows);
  const int all = static_cast<int>(m_count);
  const int left_out = static_cast<int>(m_left_out.size());
  const int n = all - left_out;  // the projects the KPIs count
  Json kpis;
  kpis["projects"] = all;
  kpis["projects_text"] = support::plural(all, "project");  // "1 project", "4 projects"
  std::string left_out_text;
  if (left_out > 0) {
    left_out_text = support::plural(left_out, "project") + " left out for implausible dates"
                    + (shows_rule_names(m_options.audience) ? " (HF011/HF012)" : "") + ": "
                    + support::join_words(m_left_out, ", ");
  }
  kpis["left_out"] = Json{{"projects", left_out},
                          {"any", left_out > 0},
                          {"ids", m_left_out},
                          {"ids_text", support::join_words(m_left_out, ", ")},
                          {"text", left_out > 0 ? Json(left_out_text) : Json(nullptr)}};
  kpis["handoff_lead_time"] = Json{
      {"projects", m_lead_count},
      {"any", m_lead_count > 0},
      {"average_days", m_lead_count > 0 ? Json(std::round(10.0 * static_cast<double>(m_lead_sum) / m_lead_count) / 10.0)
                                        : Json(nullptr)},
      {"average_days_text", m_lead_count > 0 ? one_decimal(static_cast<double>(m_lead_sum) / m_lead_count) : "n/a"},
      {"min_days", m_lead_min ? Json(*m_lead_min) : Json(nullptr)},
      {"max_days", m_lead_max ? Json(*m_lead_max) : Json(nullptr)}};
  kpis["on_time_milestones"] = milestone_counts_json(m_milestones);
  Json change_kpi{{"total", m_changes.total},
                  {"per_project", n > 0 ? Json(std::round(100.0 * m_changes.total / n) / 100.0) : Json(nullptr)},
                  {"per_project_text", n > 0 ? one_decimal(static_cast<double>(m_changes.total) / n) : "n/a"},
                  {"billable", m_changes.billable},
                  {"value_added", m_changes.conceded},
                  {"billable_effort_days", number(m_changes.billable_effort)},
                  {"conceded_effort_days", number(m_changes.conceded_effort)}};
  kpis["change_requests"] = std::move(change_kpi);
  kpis["csat"] =
      Json{{"projects", m_csat_count},
           {"average", m_csat_count > 0 ? Json(std::round(100.0 * m_csat_sum / m_csat_count) / 100.0) : Json(nullptr)},
           {"average_text", m_csat_count > 0 ? one_decimal(static_cast<double>(m_csat_sum) / m_csat_count) : "n/a"}};
  const std::string closed_text = support::plural(m_closed, "closed project");
  kpis["promise_kept"] = Json{{"closed", m_closed},
                              {"projects", m_promises},
                              {"kept", m_promises_kept},
                              {"rate", ratio(m_promises_kept, m_promises)},
                              {"rate_text", percent_text(m_promises_kept, m_promises)},
                              {"text", fmt::format("{} of {} with closure.went_live and contract.go_live",
                                                   m_promises_kept, support::plural(m_promises, "closed project"))}};
  std::vector<double> ratios = m_ratios;
  std::sort(ratios.begin(), ratios.end());
  const int n_ratios = static_cast<int>(ratios.size());
  kpis["estimate_accuracy"] =
      Json{{"projects", n_ratios},
           {"median",
            ratios.empty() ? Json(nullptr) : Json(std::round(1000.0 * forecast::nearest_rank(ratios, 50)) / 1000.0)},
           {"median_text", ratios.empty() ? "n/a" : forecast::ratio_text(forecast::nearest_rank(ratios, 50))},
           {"text", fmt::format("over {} of {}", n_ratios, closed_text)}};
  kpis["conceded_effort"] = Json{{"days", number(m_changes.conceded_effort)},
                                 {"changes", m_changes.conceded},
                                 {"text", fmt::format("{} person-days in {} (approved or implemented)",
                                                      forecast::amount(m_changes.conceded_effort),
                                                      support::plural(m_changes.conceded, "value-added change"))}};
  std::vector<long long> response = m_response_days;
  std::sort(response.begin(), response.end());
  const auto median_response = [&]() -> std::optional<long long> {
    if (response.empty()) {
      return std::nullopt;
    }
    const auto count = static_cast<long long>(response.size());
    return response[static_cast<std::size_t>((50 * count + 99) / 100 - 1)];
  }();
  kpis["change_response"] =
      Json{{"changes", response.size()},
           {"median_days", median_response ? Json(*median_response) : Json(nullptr)},
           {"median_text", median_response ? support::plural(*median_response, "day") : std::string("n/a")},
           {"text", fmt::format("from the request date to its first approval, over {}",
                                support::plural(static_cast<long long>(response.size()), "change request"))}};
  const int decided = m_won + m_lost;
  kpis["win_rate"] = Json{{"won", m_won},
                          {"lost", m_lost},
                          {"deals", decided},
                          {"rate", ratio(m_won, decided)},
                          {"rate_text", percent_text(m_won, decided)},
                          {"text", fmt::format("{} of {} won: contracted or later, over those plus lost and no-go",
                                               m_won, support::plural(decided, "decided deal"))}};
  kpis["summaries_on_time"] =
      Json{{"due", m_summaries_due},
           {"on_time", m_summaries_on_time},
           {"rate", ratio(m_summaries_on_time, m_summaries_due)},
           {"rate_text", percent_text(m_summaries_on_time, m_summaries_due)},
           {"text", fmt::format("{} of {} summarized within a day, as HF104 asks", m_summaries_on_time,
                                support::plural(m_summaries_due, "presales activity", "presales activities"))}};
  kpis["receivables"] = money_kpi(m_receivable, m_receivable_count,
                                  "due (trigger happened), invoiced or overdue, neither received nor written off");
  kpis["overdue_receivables"] = money_kpi(m_overdue, m_overdue_count,
                                          fmt::format("invoiced more than {} ago (payment_terms_days) and not received",
                                                      support::plural(m_options.payment_terms_days, "day")));
  std::vector<long long> to_cash = m_days_to_cash;
  std::sort(to_cash.begin(), to_cash.end());
  const long long median_to_cash = to_cash.empty() ? -1 : to_cash[(50 * to_cash.size() + 99) / 100 - 1];
  kpis["days_to_cash"] =
      Json{{"payments", to_cash.size()},
           {"median_days", median_to_cash >= 0 ? Json(median_to_cash) : Json(nullptr)},
           {"median_text", median_to_cash >= 0 ? support::plural(median_to_cash, "day") : std::string("n/a")},
           {"text",
            fmt::format("from the trigger, a milestone done, the acceptance or a date, to the money received, over {}",
                        support::plural(static_cast<long long>(to_cash.size()), "received payment"))}};
  root["kpis"] = std::move(kpis);
  restrict_to_audience(root, DataKind::portfolio, m_options.audience);
  root = with_presence_flags(std::move(root));
  root["has_projects"] = m_count > 0;  // the placeholder is empty; the rows are not
  return root;
}

}  // namespace handoff::report
