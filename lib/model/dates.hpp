#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/records.hpp"

// The dates of a project that record what happened, and the pairs of them that come in a
// fixed order: one definition for HF011 and HF012 (rules/schema.cpp), the portfolio's KPIs
// and the forecast's reference class, which leave out a project whose dates cannot be right.
namespace handoff::model {

// A date that records something that happened: it cannot lie after today (HF011).
struct EventDate {
  Record record;
  const DateField* date;         // set (has())
  std::string field;             // how the record names it: "closure.went_live", "done"
  std::string item;              // the item it belongs to ("milestone M3"); empty for a date of the record itself
  std::string event;             // what it records: "the day the system went live"
  std::vector<std::string> ids;  // the ids of the item, for the finding
  std::string item_zh;           // `item` in Simplified Chinese ("里程碑 M3")
  std::string event_zh;          // `event` in Simplified Chinese ("系统上线的日期")
};

// Two dates that happen in this order: `later` cannot be before `earlier` (HF012).
struct DateOrder {
  Record record;             // the file of `later`, where a finding points
  const DateField* earlier;  // both set
  const DateField* later;
  std::string earlier_field;  // "contract.signed"
  std::string later_field;    // "closure.went_live"
  std::string item;           // as EventDate::item
  std::string why;            // "a system goes live after its contract is signed"
  std::vector<std::string> ids;
  std::string item_zh;  // `item` in Simplified Chinese
  std::string why_zh;   // `why` in Simplified Chinese
};

// Returns the set dates of `project` that record something that happened, in record order:
// closure.went_live and closure.accepted, kickoff.date, acceptance.yaml's date, each milestone's
// done:, reporting.last_report, each activity's date and summary_date.
std::vector<EventDate> event_dates(const Project& project);

// Returns the pairs of set dates of `project` that must come in order: went_live after
// contract.signed, closure.accepted after went_live, an activity's summary_date after its date.
std::vector<DateOrder> date_orders(const Project& project);

// Returns how a message names the date: "closure.went_live", "done: of milestone M3".
std::string name_of(const EventDate& event);
// The same in Simplified Chinese: "closure.went_live", "里程碑 M3 的 done:".
std::string name_of_zh(const EventDate& event);

// Returns true when the pair is out of order: `later` is before `earlier`.
bool out_of_order(const DateOrder& order);

// Returns what is wrong with a pair out of order: "closure.accepted 2026-07-01 is 3 days before
// closure.went_live 2026-07-04", "summary_date: 2026-09-20 of activity A-1 is 2 days before its
// date: 2026-09-22".
std::string disorder_text(const DateOrder& order);
// The same in Simplified Chinese.
std::string disorder_text_zh(const DateOrder& order);

}  // namespace handoff::model
