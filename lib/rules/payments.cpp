// Payments and collections (回款): the payment schedule adds up to the contract (HF419, gate
// handoff), each instalment is invoiced once its trigger happened (HF514) and paid within the
// payment terms (HF515, both gate control), and nothing is left unpaid at close (HF706).
#include <cmath>
#include <string>

#include "rules/describe.hpp"
#include "rules/rule.hpp"
#include "support/text.hpp"

namespace handoff::rules {

namespace {

using model::Payment;
using model::PaymentDue;
using model::Record;

// The schedule may differ from contract.value by this share of it (rounding of percentages).
constexpr double k_tolerance = 0.005;

// Returns "payment P-2 \"Go-live\"" (or the line without an id).
std::string payment_name(const Payment& p)
{
  return "payment " + describe(p.id, p.title, p.pos);
}

std::string payment_name_zh(const Payment& p)
{
  return "回款 " + describe_zh(p.id, p.title, p.pos);
}

// Returns what triggered the payment on `date`: "milestone M3 was finished on 2026-11-02".
core::Message trigger_text(const Payment& p, support::Date date)
{
  switch (p.due.kind) {
  case PaymentDue::Kind::milestone:
    return {"milestone " + *p.due.milestone + " was finished on " + date.str(),
            "里程碑 " + *p.due.milestone + " 已于 " + date.str() + " 完成"};
  case PaymentDue::Kind::acceptance:
    return {"the customer accepted the project on " + date.str(), "客户已于 " + date.str() + " 验收项目"};
  case PaymentDue::Kind::date:
  case PaymentDue::Kind::none:
    break;
  }
  return {"it fell due on " + date.str(), "已于 " + date.str() + " 到期"};
}

void check_hf419(Context& ctx)
{
  const auto& p = ctx.project;
  const auto& card = p.card;
  if (card.payments.empty()) {
    return;
  }
  const bool plan_known = !p.file(Record::plan).broken;
  for (const auto& pay : card.payments) {
    if (plan_known && pay.due.kind == PaymentDue::Kind::milestone && p.milestone(*pay.due.milestone) == nullptr) {
      ctx.report(Record::project, pay.due.milestone.pos,
                 {payment_name(pay) + " is due on milestone " + *pay.due.milestone
                      + ", which plan.yaml does not have; name a milestone of the plan, or make it due on "
                        "acceptance or on a date",
                  payment_name_zh(pay) + " 的付款条件是里程碑 " + *pay.due.milestone
                      + "，但 plan.yaml 中没有该里程碑；请填写计划中的里程碑，或改为验收（acceptance）或某个日期"},
                 ids_of(pay.id));
    }
  }
  if (!card.value.has() || *card.value <= 0) {
    return;  // nothing to add up to
  }
  const double value = *card.value;
  double total = 0;
  for (const auto& pay : card.payments) {
    const auto amount = pay.value(value);
    if (!amount) {
      return;  // a payment without percent or amount (HF002/HF003): the sum is unknown
    }
    total += *amount;
  }
  if (std::fabs(total - value) <= value * k_tolerance * (1 + 1e-9)) {
    return;
  }
  const std::string share = format_number(std::round(total / value * 1000.0) / 10.0) + "%";
  const std::string currency = card.currency.has() ? " " + *card.currency : "";
  const std::string off = total < value ? "short of" : "over";
  const std::string off_zh = total < value ? "少" : "多";
  ctx.report(Record::project, card.payments_pos,
             {"the payments add up to " + format_number(total) + currency + " (" + share + " of contract.value "
                  + format_number(value) + currency + "), " + format_number(std::fabs(value - total)) + currency + " "
                  + off
                  + " it; a payment schedule adds up to the contract value within 0.5%: correct the "
                    "percentages or amounts",
              "回款合计 " + format_number(total) + currency + "（为合同金额 contract.value " + format_number(value)
                  + currency + " 的 " + share + "），" + off_zh + " " + format_number(std::fabs(value - total))
                  + currency + "；回款计划合计应与合同金额相差不超过 0.5%：请更正比例或金额"},
             {});
}

void check_hf514(Context& ctx)
{
  if (!ctx.project.tracking_dates()) {
    return;
  }
  const long long allowed = ctx.config.invoice_days();
  for (const auto& pay : ctx.project.card.payments) {
    if (pay.invoiced.has() || pay.invoiced.invalid || pay.received.has() || pay.written_off.has()) {
      continue;
    }
    const auto trigger = ctx.project.payment_trigger(pay, ctx.today);
    if (!trigger) {
      continue;
    }
    const long long days = support::days_between(*trigger, ctx.today);
    if (days <= allowed) {
      continue;
    }
    const core::Message why = trigger_text(pay, *trigger);
    ctx.report(Record::project, pay.pos,
               {payment_name(pay) + " is not invoiced " + support::plural(days, "day") + " after " + why.en
                    + " (handoff.yaml allows " + support::plural(allowed, "day")
                    + " in invoice_days); send the invoice and record invoiced: with its date",
                payment_name_zh(pay) + " 在" + why.zh + "之后 " + std::to_string(days)
                    + " 天仍未开具发票（handoff.yaml 的 invoice_days 允许 " + std::to_string(allowed)
                    + " 天）；请开具发票，并在 invoiced: 中记录开票日期"},
               ids_of(pay.id));
  }
}

void check_hf515(Context& ctx)
{
  if (!ctx.project.tracking_dates()) {
    return;
  }
  const long long allowed = ctx.config.payment_terms_days();
  for (const auto& pay : ctx.project.card.payments) {
    if (!pay.invoiced.has() || pay.received.has() || pay.received.invalid || pay.written_off.has()) {
      continue;
    }
    const long long days = support::days_between(*pay.invoiced, ctx.today);
    if (days <= allowed) {
      continue;
    }
    ctx.report(Record::project, pay.invoiced.pos,
               {payment_name(pay) + " was invoiced on " + pay.invoiced->str() + " and is not received "
                    + support::plural(days, "day") + " later (payment terms: " + support::plural(allowed, "day")
                    + " in payment_terms_days); chase the payment and record received: with the date the money arrived",
                payment_name_zh(pay) + " 已于 " + pay.invoiced->str() + " 开具发票，" + std::to_string(days)
                    + " 天后仍未到账（payment_terms_days 规定的账期为 " + std::to_string(allowed)
                    + " 天）；请催收，并在 received: 中记录到账日期"},
               ids_of(pay.id));
  }
}

void check_hf706(Context& ctx)
{
  for (const auto& pay : ctx.project.card.payments) {
    if (pay.received.has() || pay.received.invalid || pay.written_off.has()) {
      continue;
    }
    const std::string state = pay.invoiced.has() ? "invoiced on " + pay.invoiced->str() + " but not received"
                                                 : "neither invoiced nor received";
    const std::string state_zh =
        pay.invoiced.has() ? "已于 " + pay.invoiced->str() + " 开具发票但未到账" : "既未开票也未到账";
    ctx.report(Record::project, pay.pos,
               {payment_name(pay) + " is " + state
                    + " at close; record received: with the date the money arrived, or written_off: with the reason "
                      "it will not be collected",
                payment_name_zh(pay) + " 在收尾时" + state_zh
                    + "；请在 received: 中记录到账日期，或在 written_off: 中写明无法收回的原因"},
               ids_of(pay.id));
  }
}

}  // namespace

std::vector<Rule> payment_rules()
{
  using core::Gate;
  using core::Severity;
  return {
      {"HF419", Gate::handoff, Severity::error, "Payment schedule does not add up to the contract",
       "回款计划与合同不符",
       "The payment schedule (`contract.payments`) says when the customer pays what; it is part of the signed "
       "agreement. Its percentages and amounts must add up to `contract.value` (within 0.5%, for rounding), and a "
       "payment due on a milestone must name a milestone of plan.yaml. Otherwise part of the price is never "
       "asked for, or an instalment waits for a milestone that will never finish. Correct the percentages or "
       "amounts, or the milestone.",
       "回款计划（`contract.payments`）规定客户何时支付多少，属于签字确认的协议内容。各期比例和金额之和必须等于 "
       "`contract.value`（允许 0.5% 的舍入误差），以里程碑为付款条件的回款必须指向 plan.yaml "
       "中的里程碑。否则部分合同款永远不会被催收，或某期回款要等一个永远不会完成的里程碑。请更正比例、金额或里程碑。",
       "contract:\n  value: 300000\n  payments:\n    - id: P-1\n      title: Advance\n      percent: 30\n"
       "      due: {date: 2026-03-15}\n    - id: P-2\n      title: Go-live\n      percent: 60\n"
       "      due: {milestone: M3}\n    - id: P-3\n      title: Final\n      percent: 10\n      due: acceptance\n",
       check_hf419},
      {"HF514", Gate::control, Severity::warning, "Payment due but not invoiced", "回款已到期但未开票",
       "A payment falls due when its trigger happens: its milestone is finished (`done:`), the customer accepts "
       "the project (`closure.accepted`), or its date is reached. The customer pays only once invoiced, so an "
       "invoice sent late is money collected late. The warning fires when a payment is not `invoiced:` more "
       "than `invoice_days` days (handoff.yaml, default 7) after its trigger, unless it was received or written "
       "off. Raised only while the project is in delivery or acceptance, against `--today`.",
       "回款在其触发条件发生时到期：所绑定的里程碑完成（`done:`）、客户验收项目（`closure.accepted`），或到达约定日期"
       "。客户见到发票才会付款，发票开晚了，钱就收晚了。触发后超过 `invoice_days` 天（handoff.yaml，默认 7 "
       "天）仍未记录 `invoiced:` 的回款会被警告，已到账或已核销的除外。仅在项目处于交付或验收阶段时，按 "
       "`--today` 报告。",
       "- id: P-2\n  title: Go-live\n  percent: 60\n  due: {milestone: M3}\n  invoiced: 2026-11-04\n", check_hf514},
      {"HF515", Gate::control, Severity::warning, "Invoice not paid within the payment terms", "发票超过账期未回款",
       "An invoiced payment is expected within the payment terms: `payment_terms_days` days (handoff.yaml, "
       "default 30) after `invoiced:`. A payment still without `received:` after that is overdue: chase it, and "
       "record the date the money arrived. A written-off payment is not reported. Raised only while the project "
       "is in delivery or acceptance, against `--today`.",
       "已开票的回款应在账期内到账：`invoiced:` 之后 `payment_terms_days` 天（handoff.yaml，默认 30 "
       "天）。超过账期仍未记录 `received:` 的回款即为逾期：请催收，并记录到账日期。已核销的回款不报告。"
       "仅在项目处于交付或验收阶段时，按 `--today` 报告。",
       "- id: P-2\n  percent: 60\n  due: {milestone: M3}\n  invoiced: 2026-11-04\n  received: 2026-11-28\n",
       check_hf515},
      {"HF706", Gate::close, Severity::error, "Payment not received at close", "收尾时仍有回款未到账",
       "A project is not finished while part of its price is unpaid. Every payment of the schedule needs `received:` "
       "before the project closes; one that "
       "will not be collected (a settlement, a dispute lost) is closed with `written_off:` and the reason, so "
       "the loss is recorded rather than forgotten.",
       "合同款没收齐，项目就没有结束。项目收尾之前，回款计划中的每一期都需要记录 "
       "`received:`；无法收回的（和解、争议败诉）以 `written_off:` 写明原因后关闭，让损失被记录下来而不是被遗忘。",
       "- id: P-3\n  title: Final\n  percent: 10\n  due: acceptance\n  invoiced: 2026-12-01\n"
       "  received: 2026-12-20\n",
       check_hf706},
  };
}

}  // namespace handoff::rules
