#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "forecast/source.hpp"
#include "model/records.hpp"
#include "report/audience.hpp"
#include "report/kpi.hpp"
#include "rules/engine.hpp"
#include "support/date.hpp"

// The data a report template receives, built from the records and their check outcome
// (docs/reports.md documents every key). Built in project_data.cpp (one project) and
// portfolio_data.cpp (the portfolio), from the figures of kpi.hpp; audience.cpp decides what
// the customer audience does not see.
namespace handoff::report {

// What a report's data is built for.
struct DataOptions {
  std::string report = "brief";  // the template's name, passed on as `report`
  Audience audience = Audience::internal;
  support::Date today;
  const forecast::Source* reference = nullptr;  // closed projects: the forecast and lessons; nullptr: none
  std::string activity;                         // the presales activity the `visit` report is about (--activity)
  long long payment_terms_days = 30;            // handoff.yaml's: when an invoiced payment is overdue (HF515)
};

// A loaded project and the outcome of checking it (the workspace's one evaluation).
using CheckedProject = rules::CheckedProject;

// Builds the data of a project report. The customer audience gets no risk register, money,
// effort, internal notes, retrospective or findings: those keys are absent, not empty
// (restrict_to_audience).
nlohmann::ordered_json project_data(const model::Config& config, const CheckedProject& checked,
                                    const DataOptions& options);

// One project's part of the portfolio: its row of the table and what it adds to the KPIs.
// Built on a worker thread, so that the project's records can be dropped there.
struct PortfolioEntry {  // NOLINT(bugprone-exception-escape): json's moves do not throw
  nlohmann::ordered_json row;
  std::string id;
  std::string customer;  // customer.name, empty when unknown
  std::optional<core::Stage> stage;
  bool implausible = false;            // implausible_dates(): the KPIs leave the project out
  std::optional<long long> lead_days;  // contract signature to baseline
  MilestoneCounts milestones;
  ChangeCounts changes;
  std::optional<int> csat;
  bool closed = false;
  std::optional<bool> promise_kept;      // closed with went_live and go_live: went_live <= go_live
  std::optional<double> schedule_ratio;  // closed: (went_live - start) / (duration_weeks x 7)
  std::vector<long long> response_days;  // per change: its date to its first approval
  bool won = false;                      // active at contracted or later, or cancelled after the contract
  bool lost = false;                     // outcome lost or no_go
  int summaries_due = 0;                 // presales activities whose summary is due (HF104 judges them)
  int summaries_on_time = 0;             // of those, summarized within a day
  // Payments (the money of contract.payments, by currency code; "" when the contract has none):
  std::map<std::string, double> receivable;  // due, invoiced or overdue, not received nor written off
  std::map<std::string, double> overdue;     // invoiced more than payment_terms_days ago, not received
  int receivable_count = 0;
  int overdue_count = 0;
  std::vector<long long> days_to_cash;  // per received payment with a trigger: the trigger to the receipt
};

// Returns the portfolio entry of one checked project.
PortfolioEntry portfolio_entry(const CheckedProject& checked, const DataOptions& options);

// The data of the portfolio report, built one project at a time: add() folds an entry into
// the KPIs and returns its row, ready for the template; root() returns everything else, with
// an empty `projects` list where the rows go. Rows can so be handed on as they come instead
// of being held until the last project is checked.
class PortfolioData {
public:
  // count: how many entries will be added; customer: the customer whose projects they are, or empty
  PortfolioData(const DataOptions& options, std::size_t count, std::string customer = {});

  // Takes the entries in the order of the rows.
  nlohmann::ordered_json add(PortfolioEntry entry);
  nlohmann::ordered_json root() const;

private:
  // Returns a row ready for the template: presence flags, and `last` on the last row.
  nlohmann::ordered_json finish_row(nlohmann::ordered_json row);

  DataOptions m_options;
  std::size_t m_count;
  std::string m_customer;
  std::size_t m_added = 0;
  std::map<core::Stage, int> m_stages;
  std::vector<std::string> m_left_out;  // projects with implausible dates, which no KPI counts
  long long m_lead_sum = 0;
  int m_lead_count = 0;
  std::optional<long long> m_lead_min;
  std::optional<long long> m_lead_max;
  MilestoneCounts m_milestones;
  ChangeCounts m_changes;
  int m_csat_sum = 0;
  int m_csat_count = 0;
  int m_closed = 0;
  int m_promises = 0;  // closed projects with went_live and go_live
  int m_promises_kept = 0;
  std::vector<double> m_ratios;
  std::vector<long long> m_response_days;
  std::map<std::string, double> m_receivable;
  std::map<std::string, double> m_overdue;
  int m_receivable_count = 0;
  int m_overdue_count = 0;
  std::vector<long long> m_days_to_cash;
  int m_won = 0;
  int m_lost = 0;
  int m_summaries_due = 0;
  int m_summaries_on_time = 0;
};

}  // namespace handoff::report
