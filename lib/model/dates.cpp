#include "model/dates.hpp"

#include <fmt/format.h>

#include "support/text.hpp"

namespace handoff::model {

namespace {

// Returns "milestone M3", or "milestone at line 12" without an id.
std::string item_name(const char* kind, const Text& id, core::Pos pos)
{
  return std::string(kind) + " " + (id.has() ? *id : "at line " + std::to_string(pos.line));
}

// Returns "里程碑 M3", or "第 12 行的里程碑" without an id.
std::string item_name_zh(const char* kind, const Text& id, core::Pos pos)
{
  return id.has() ? std::string(kind) + " " + *id : "第 " + std::to_string(pos.line) + " 行的" + kind;
}

std::vector<std::string> ids_of(const Text& id)
{
  return id.has() ? std::vector<std::string>{*id} : std::vector<std::string>{};
}

}  // namespace

std::vector<EventDate> event_dates(const Project& project)
{
  std::vector<EventDate> out;
  const auto add = [&](Record record, const DateField& date, std::string field, core::Message item, core::Message event,
                       std::vector<std::string> ids = {}) {
    if (date.has()) {
      out.push_back({record, &date, std::move(field), std::move(item.en), std::move(event.en), std::move(ids),
                     std::move(item.zh), std::move(event.zh)});
    }
  };
  const auto& card = project.card;
  add(Record::project, card.kickoff.date, "kickoff.date", {},
      {"the day the kickoff meeting was held", "召开启动会的日期"});
  add(Record::project, card.went_live, "closure.went_live", {}, {"the day the system went live", "系统上线的日期"});
  add(Record::project, card.accepted, "closure.accepted", {},
      {"the day the customer accepted the project", "客户验收项目的日期"});
  for (const auto& m : project.plan.milestones) {
    add(Record::plan, m.done, "done", {item_name("milestone", m.id, m.pos), item_name_zh("里程碑", m.id, m.pos)},
        {"the day the milestone was finished", "里程碑完成的日期"}, ids_of(m.id));
  }
  for (const auto& p : card.payments) {
    const core::Message item{item_name("payment", p.id, p.pos), item_name_zh("回款", p.id, p.pos)};
    add(Record::project, p.invoiced, "invoiced", item, {"the day the invoice was sent", "开具发票的日期"},
        ids_of(p.id));
    add(Record::project, p.received, "received", item, {"the day the money arrived", "款项到账的日期"}, ids_of(p.id));
  }
  add(Record::plan, project.plan.last_report, "reporting.last_report", {},
      {"the day the last status report was sent", "最近一次发送状态报告的日期"});
  add(Record::acceptance, project.acceptance.date, "date", {"acceptance.yaml", "acceptance.yaml"},
      {"the day the customer signed the acceptance", "客户签署验收的日期"});
  for (const auto& a : project.activities) {
    const core::Message item{item_name("activity", a.id, a.pos), item_name_zh("活动", a.id, a.pos)};
    add(Record::activities, a.date, "date", item, {"the day the activity took place", "活动举行的日期"}, ids_of(a.id));
    add(Record::activities, a.summary_date, "summary_date", item,
        {"the day the activity's summary was shared", "活动纪要分享的日期"}, ids_of(a.id));
  }
  return out;
}

std::vector<DateOrder> date_orders(const Project& project)
{
  std::vector<DateOrder> out;
  const auto add = [&](Record record, const DateField& earlier, const DateField& later, std::string earlier_field,
                       std::string later_field, core::Message item, core::Message why,
                       std::vector<std::string> ids = {}) {
    if (earlier.has() && later.has()) {
      out.push_back({record, &earlier, &later, std::move(earlier_field), std::move(later_field), std::move(item.en),
                     std::move(why.en), std::move(ids), std::move(item.zh), std::move(why.zh)});
    }
  };
  const auto& card = project.card;
  add(Record::project, card.signed_date, card.went_live, "contract.signed", "closure.went_live", {},
      {"a system goes live after its contract is signed", "系统应在合同签订之后上线"});
  add(Record::project, card.went_live, card.accepted, "closure.went_live", "closure.accepted", {},
      {"the customer accepts a project once it has gone live", "客户应在系统上线之后验收项目"});
  for (const auto& p : card.payments) {
    add(Record::project, p.invoiced, p.received, "invoiced", "received",
        {item_name("payment", p.id, p.pos), item_name_zh("回款", p.id, p.pos)},
        {"money is received after it is invoiced", "款项应在开具发票之后到账"}, ids_of(p.id));
  }
  for (const auto& a : project.activities) {
    add(Record::activities, a.date, a.summary_date, "date", "summary_date",
        {item_name("activity", a.id, a.pos), item_name_zh("活动", a.id, a.pos)},
        {"a summary is shared after the activity it sums up", "纪要应在活动之后分享"}, ids_of(a.id));
  }
  return out;
}

std::string name_of(const EventDate& event)
{
  return event.item.empty() ? event.field : event.field + ": of " + event.item;
}

std::string name_of_zh(const EventDate& event)
{
  return event.item_zh.empty() ? event.field : event.item_zh + " 的 " + event.field + ":";
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

namespace handoff::model {

std::string disorder_text_zh(const DateOrder& order)
{
  const Date earlier = **order.earlier;
  const Date later = **order.later;
  const std::string owner = order.item_zh.empty() ? "" : order.item_zh + " 的 ";
  return fmt::format("{}{} {} 比 {} {} 早 {} 天", owner, order.later_field, later.str(), order.earlier_field,
                     earlier.str(), support::days_between(later, earlier));
}

}  // namespace handoff::model
