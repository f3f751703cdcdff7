#include "model/dates.hpp"

#include "support/text.hpp"

namespace handoff::model {

namespace {

// Returns "milestone M3", or "milestone at line 12" without an id.
std::string item_name(const char* kind, const Text& id, core::Pos pos)
{
  return std::string(kind) + " " + (id.has() ? *id : "at line " + std::to_string(pos.line));
}

std::vector<std::string> ids_of(const Text& id)
{
  return id.has() ? std::vector<std::string>{*id} : std::vector<std::string>{};
}

}  // namespace

std::vector<EventDate> event_dates(const Project& project)
{
  std::vector<EventDate> out;
  const auto add = [&](Record record, const DateField& date, std::string field, std::string item, std::string event,
                       std::vector<std::string> ids = {}) {
    if (date.has()) {
      out.push_back({record, &date, std::move(field), std::move(item), std::move(event), std::move(ids)});
    }
  };
  const auto& card = project.card;
  add(Record::project, card.kickoff.date, "kickoff.date", "", "the day the kickoff meeting was held");
  add(Record::project, card.went_live, "closure.went_live", "", "the day the system went live");
  add(Record::project, card.accepted, "closure.accepted", "", "the day the customer accepted the project");
  for (const auto& m : project.plan.milestones) {
    add(Record::plan, m.done, "done", item_name("milestone", m.id, m.pos), "the day the milestone was finished",
        ids_of(m.id));
  }
  add(Record::plan, project.plan.last_report, "reporting.last_report", "", "the day the last status report was sent");
  add(Record::acceptance, project.acceptance.date, "date", "acceptance.yaml",
      "the day the customer signed the acceptance");
  for (const auto& a : project.activities) {
    const std::string item = item_name("activity", a.id, a.pos);
    add(Record::activities, a.date, "date", item, "the day the activity took place", ids_of(a.id));
    add(Record::activities, a.summary_date, "summary_date", item, "the day the activity's summary was shared",
        ids_of(a.id));
  }
  return out;
}

std::vector<DateOrder> date_orders(const Project& project)
{
  std::vector<DateOrder> out;
  const auto add = [&](Record record, const DateField& earlier, const DateField& later, std::string earlier_field,
                       std::string later_field, std::string item, std::string why, std::vector<std::string> ids = {}) {
    if (earlier.has() && later.has()) {
      out.push_back({record, &earlier, &later, std::move(earlier_field), std::move(later_field), std::move(item),
                     std::move(why), std::move(ids)});
    }
  };
  const auto& card = project.card;
  add(Record::project, card.signed_date, card.went_live, "contract.signed", "closure.went_live", "",
      "a system goes live after its contract is signed");
  add(Record::project, card.went_live, card.accepted, "closure.went_live", "closure.accepted", "",
      "the customer accepts a project once it has gone live");
  for (const auto& a : project.activities) {
    add(Record::activities, a.date, a.summary_date, "date", "summary_date", item_name("activity", a.id, a.pos),
        "a summary is shared after the activity it sums up", ids_of(a.id));
  }
  return out;
}

std::string name_of(const EventDate& event)
{
  return event.item.empty() ? event.field : event.field + ": of " + event.item;
}

bool out_of_order(const DateOrder& order)
{
  return **order.later < **order.earlier;
}

std::string disorder_text(const DateOrder& order)
{
  const Date earlier = **order.earlier;
  const Date later = **order.later;
  const std::string later_text = order.item.empty() ? order.later_field + " " + later.str()
                                                    : order.later_field + ": " + later.str() + " of " + order.item;
  const std::string earlier_text = order.item.empty() ? order.earlier_field + " " + earlier.str()
                                                      : "its " + order.earlier_field + ": " + earlier.str();
  return later_text + " is " + support::plural(support::days_between(later, earlier), "day") + " before "
         + earlier_text;
}

}  // namespace handoff::model
