#include "workspace/todo.hpp"

#include <algorithm>
#include <iterator>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/labels.hpp"
#include "rules/describe.hpp"
#include "signoff/baseline.hpp"
#include "support/json_text.hpp"
#include "support/text.hpp"

namespace handoff::workspace {

namespace {

using support::Date;

// What a collector reads about one project.
struct TodoContext {
  const model::Config& config;
  const model::Project& project;
  const rules::ProjectOutcome& outcome;
  Date today;
  Date horizon;  // today + within: dated items up to this day are listed
  std::vector<TodoItem>& items;

  void add(const std::string& person, std::string kind, std::vector<std::string> ids, std::optional<Date> due,
           core::Message message) const
  {
    items.push_back(
        {person, project.folder, std::move(kind), std::move(ids), due, std::move(message.en), std::move(message.zh)});
  }

  // Returns the person who holds `role` in the project's team, or nullptr.
  const std::string* holder(const std::string& role) const
  {
    const model::TeamMember* member = project.card.member(role);
    return member != nullptr && member->person.has() ? &*member->person : nullptr;
  }

  // Returns " (HFnnn)" when the evaluation reported rule `rule` about `id` (any, when empty),
  // so an item says which finding of `check` it answers.
  std::string finding(const char* rule, const std::string& id = {}) const
  {
    for (const auto& f : outcome.findings) {
      if (f.rule == rule && (id.empty() || std::find(f.ids.begin(), f.ids.end(), id) != f.ids.end())) {
        return fmt::format(" ({})", rule);
      }
    }
    return "";
  }
};

// Returns "overdue by 3 days", "due today" or "due in 5 days" for `due` seen on `today`, and in
// Chinese ("已逾期 3 天", "今天到期", "5 天后到期").
core::Message when(Date due, Date today)
{
  const long long days = support::days_between(today, due);
  if (days < 0) {
    return {"overdue by " + support::plural(-days, "day"), fmt::format("已逾期 {} 天", -days)};
  }
  if (days == 0) {
    return {"due today", "今天到期"};
  }
  return {"due in " + support::plural(days, "day"), fmt::format("{} 天后到期", days)};
}

// Open questions the person owns, in any stage.
void collect_questions(const TodoContext& ctx)
{
  for (const auto& req : ctx.project.requirements) {
    for (const auto& q : req.questions) {
      if (!q.open() || !q.owner.has()) {
        continue;
      }
      core::Message message{"open question on requirement " + rules::describe(req),
                            "需求 " + rules::describe_zh(req) + " 有待答复的问题"};
      if (q.text.has()) {
        message.en += ": " + rules::quote(*q.text);
        message.zh += "：" + rules::quote(*q.text);
      }
      if (q.asked.has()) {
        message.en += ", asked " + q.asked->str();
        message.zh += "，提出于 " + q.asked->str();
      }
      const std::string id = req.id.value_or("");
      const std::string finding = ctx.finding("HF204", id);
      message.en += finding + "; answer it in requirements.yaml (answer:, status: answered)";
      message.zh += finding + "；请在 requirements.yaml 中答复（answer:，status: answered）";
      ctx.add(*q.owner, "question", rules::ids_of(req.id), std::nullopt, std::move(message));
    }
  }
}

// Change requests that are not rejected and miss the approval of a role: sales and
// implementation always (HF502), the customer for a billable change (HF503). The approver is
// the team's holder of the role; the answer is due change_response_days after the request (HF512).
void collect_approvals(const TodoContext& ctx)
{
  const long long allowed = ctx.config.response_days();
  for (const auto& c : ctx.project.changes) {
    if (c.state() == "rejected" || (c.status.invalid && !c.status.has())) {
      continue;
    }
    std::vector<std::string> roles{"sales", "implementation"};
    if (c.classification.has() && *c.classification == "out_of_scope") {
      roles.emplace_back("customer");
    }
    const std::string id = c.id.value_or("");
    for (const auto& role : roles) {
      const std::string* person = ctx.holder(role);
      if (c.approved_for(role) || person == nullptr) {
        continue;
      }
      std::optional<Date> due;
      core::Message message{"change request " + rules::describe(c.id, c.title, c.pos) + " (" + c.state()
                                + ") waits for the " + role + " approval",
                            "变更申请 " + rules::describe_zh(c.id, c.title, c.pos) + "（"
                                + report::code_label("status", c.state(), core::Language::zh_cn) + "）等待"
                                + report::code_label("role", role, core::Language::zh_cn) + "审批"};
      if (c.date.has()) {
        due = c.date->plus_days(allowed);
        const core::Message answer = when(*due, ctx.today);
        message.en += ", requested " + c.date->str() + ", answer " + answer.en;
        message.zh += "，提出于 " + c.date->str() + "，答复期限 " + due->str() + "（" + answer.zh + "）";
      }
      const std::string findings = ctx.finding("HF512", id) + ctx.finding(role == "customer" ? "HF503" : "HF502", id);
      message.en += findings + "; approve or reject it in changes.yaml (approvals: with role: " + role + ")";
      message.zh += findings + "；请在 changes.yaml 中批准或拒绝（approvals: 中写 role: " + role + "）";
      ctx.add(*person, "approval", rules::ids_of(c.id), due, std::move(message));
    }
  }
}

// Milestones the person owns that are not finished and due by the horizon, at every active
// stage (a milestone due while the project is still at handoff waits on its owner all the same).
void collect_milestones(const TodoContext& ctx)
{
  for (const auto& m : ctx.project.plan.milestones) {
    if (m.finished() || !m.due.has() || !m.owner.has() || *m.due > ctx.horizon) {
      continue;
    }
    const std::string id = m.id.value_or("");
    const core::Message due = when(*m.due, ctx.today);
    const std::string finding = ctx.finding("HF506", id);
    ctx.add(*m.owner, "milestone", rules::ids_of(m.id), *m.due,
            {"milestone " + rules::describe(m) + " is " + due.en + finding
                 + "; finish it and set status: done, or re-plan it in plan.yaml",
             "里程碑 " + rules::describe_zh(m) + "：" + due.zh + finding
                 + "；请完成并设置 status: done，或在 plan.yaml 中重新计划"});
  }
}

// Live risks the person owns whose review is due by the horizon, at every active stage.
void collect_risks(const TodoContext& ctx)
{
  for (const auto& r : ctx.project.risks) {
    if (!r.live() || !r.review_by.has() || !r.owner.has() || *r.review_by > ctx.horizon) {
      continue;
    }
    const std::string id = r.id.value_or("");
    const core::Message due = when(*r.review_by, ctx.today);
    const std::string finding = ctx.finding("HF507", id);
    ctx.add(*r.owner, "risk", rules::ids_of(r.id), *r.review_by,
            {"review of risk " + rules::describe(r.id, r.title, r.pos) + " is " + due.en + finding
                 + "; review it and set the next review_by: in risks.yaml",
             "风险 " + rules::describe_zh(r.id, r.title, r.pos) + " 的复核：" + due.zh + finding
                 + "；请复核并在 risks.yaml 中设置下次的 review_by:"});
  }
}

// The next status report, owed by the team's pm, while dates are tracked.
void collect_status_report(const TodoContext& ctx)
{
  const std::string* pm = ctx.holder("pm");
  if (!ctx.project.tracking_dates() || !ctx.project.plan.cadence_days.has() || pm == nullptr) {
    return;
  }
  const std::optional<Date> due = ctx.project.next_status_report();
  if (due && *due > ctx.horizon) {
    return;
  }
  const core::Message what =
      due ? core::Message{"status report is " + when(*due, ctx.today).en, "下一份状态报告：" + when(*due, ctx.today).zh}
          : core::Message{"no status report is recorded", "没有记录任何状态报告"};
  const std::string finding = ctx.finding("HF508");
  ctx.add(*pm, "status_report", {}, due,
          {what.en + finding + "; send it to sales and record its date in plan.yaml (reporting: last_report:)",
           what.zh + finding + "；请发送给销售，并在 plan.yaml 中记录日期（reporting: last_report:）"});
}

// The sign-off of the sales or implementation owner, while the project is at handoff without a
// baseline (HF411).
void collect_signoffs(const TodoContext& ctx)
{
  const model::Project& p = ctx.project;
  if (p.stage() != core::Stage::handoff || p.file(model::Record::signoffs).broken || signoff::find_baseline(p)) {
    return;
  }
  for (const char* role : {"sales", "implementation"}) {
    const std::string* person = ctx.holder(role);
    if (person == nullptr || signoff::latest_signoff(p, role) != nullptr) {
      continue;
    }
    const std::string finding = ctx.finding("HF411");
    const std::string command = "`handoff sign " + p.folder + " --role " + std::string(role) + "`";
    ctx.add(*person, "signoff", {}, std::nullopt,
            {std::string("no ") + role + " sign-off yet" + finding + "; review the records and sign with " + command,
             std::string("尚无 ") + role + " 的签字" + finding + "；请审阅记录后用 " + command + " 签字"});
  }
}

// The written summaries of presales activities, owed by each of our people who took part until
// it is shared with its date (HF104): due the day after the activity.
void collect_activity_summaries(const TodoContext& ctx)
{
  using Summary = model::Activity::Summary;
  for (const auto& a : ctx.project.activities) {
    const Summary state = a.summary_state(ctx.today);
    if (state != Summary::not_due && state != Summary::missing && state != Summary::undated) {
      continue;
    }
    const Date due = *a.summary_due();
    const std::string id = a.id.value_or("");
    const core::Message deadline = when(due, ctx.today);
    const std::string finding = ctx.finding("HF104", id);
    const core::Message message{
        (state == Summary::undated ? "the sharing date of the summary of " : std::string("the summary of "))
            + rules::describe(a) + " is " + deadline.en + finding
            + (state == Summary::undated ? "; add summary_date: in activities.yaml"
                                         : "; write it under summary: in activities.yaml, share it with sales and "
                                           "record summary_date:"),
        rules::describe_zh(a) + (state == Summary::undated ? "纪要的分享日期：" : "的纪要：") + deadline.zh + finding
            + (state == Summary::undated ? "；请在 activities.yaml 中添加 summary_date:"
                                         : "；请写在 activities.yaml 的 summary: 下，分享给销售并记录 summary_date:")};
    for (const auto& person : a.by.items) {
      if (person.has()) {
        ctx.add(*person, "activity", rules::ids_of(a.id), due, message);
      }
    }
  }
}

// Whom a payment waits on: the team's finance holder, else its sales owner.
const std::string* collector(const TodoContext& ctx)
{
  const std::string* finance = ctx.holder("finance");
  return finance != nullptr ? finance : ctx.holder("sales");
}

// Returns " 'Advance'" for a payment with a title, "" without.
std::string payment_title(const model::Payment& pay)
{
  return pay.title.has() ? " " + rules::quote(*pay.title) : "";
}

// Payments to invoice, once the contract is signed: each whose trigger happened (its milestone
// finished, the project accepted, its date reached) or whose date comes by the horizon, and that
// is neither invoiced, received nor written off. Due invoice_days after the trigger (HF514).
void collect_invoices(const TodoContext& ctx)
{
  const model::Project& p = ctx.project;
  const std::string* person = collector(ctx);
  if (person == nullptr || p.stage() < core::Stage::contracted) {
    return;
  }
  for (const auto& pay : p.card.payments) {
    if (!pay.id.has() || pay.invoiced.has() || pay.invoiced.invalid || pay.received.has() || pay.written_off.has()) {
      continue;
    }
    std::optional<Date> trigger = p.payment_trigger(pay, ctx.today);
    if (!trigger && pay.due.kind == model::PaymentDue::Kind::date && *pay.due.date <= ctx.horizon) {
      trigger = *pay.due.date;
    }
    if (!trigger) {
      continue;
    }
    const Date due = trigger->plus_days(ctx.config.invoice_days());
    const core::Message deadline = when(due, ctx.today);
    const std::string finding = ctx.finding("HF514", *pay.id);
    const std::string command = fmt::format("`handoff payment invoiced {} {}`", p.folder, *pay.id);
    ctx.add(*person, "invoice", {*pay.id}, due,
            {"invoice for payment " + *pay.id + payment_title(pay) + " (due " + trigger->str() + ") is " + deadline.en
                 + finding + "; send it and record its date with " + command,
             "回款 " + *pay.id + payment_title(pay) + "（" + trigger->str() + " 到期）的发票：" + deadline.zh + finding
                 + "；请开具发票，并用 " + command + " 记录开票日期"});
  }
}

// Invoiced payments not yet received nor written off, due payment_terms_days after the invoice
// (HF515), listed from the horizon on: chase them, record the receipt.
void collect_payments(const TodoContext& ctx)
{
  const model::Project& p = ctx.project;
  const std::string* person = collector(ctx);
  if (person == nullptr) {
    return;
  }
  for (const auto& pay : p.card.payments) {
    if (!pay.id.has() || !pay.invoiced.has() || pay.received.has() || pay.received.invalid || pay.written_off.has()) {
      continue;
    }
    const Date due = pay.invoiced->plus_days(ctx.config.payment_terms_days());
    if (due > ctx.horizon) {
      continue;
    }
    const core::Message deadline = when(due, ctx.today);
    const std::string finding = ctx.finding("HF515", *pay.id);
    const std::string command = fmt::format("`handoff payment received {} {}`", p.folder, *pay.id);
    ctx.add(*person, "payment", {*pay.id}, due,
            {"payment " + *pay.id + payment_title(pay) + ", invoiced " + pay.invoiced->str() + ", is " + deadline.en
                 + finding + "; chase it and record the day the money arrived with " + command,
             "回款 " + *pay.id + payment_title(pay) + "（" + pay.invoiced->str() + " 开票）：" + deadline.zh + finding
                 + "；请催收，并用 " + command + " 记录到账日期"});
  }
}

// The kinds of item, in the order they are collected. A new kind is one function and one line.
using Collector = void (*)(const TodoContext&);
constexpr Collector k_collectors[] = {
    collect_questions, collect_approvals,          collect_milestones, collect_risks,    collect_status_report,
    collect_signoffs,  collect_activity_summaries, collect_invoices,   collect_payments,
};

}  // namespace

std::vector<TodoItem> todo_of(const model::Config& config, const rules::CheckedProject& checked, Date today,
                              long long within)
{
  std::vector<TodoItem> items;
  // Nothing waits on anyone in a project that is ready for nothing (the evaluation's one
  // readiness verdict): a closed project, or one that ended (outcome:).
  using State = rules::Readiness::State;
  const State state = checked.outcome.readiness.state;
  if (state == State::closed || state == State::inactive) {
    return items;
  }
  const TodoContext ctx{config, checked.project, checked.outcome, today, today.plus_days(within), items};
  for (const Collector collect : k_collectors) {
    collect(ctx);
  }
  return items;
}

std::vector<TodoItem> todo_items(const Workspace& ws, const std::vector<std::string>& ids, const TodoOptions& options,
                                 const support::Parallelism& parallelism)
{
  const std::vector<std::string> which = ids.empty() ? ws.project_ids() : ids;
  std::vector<std::vector<TodoItem>> per_project(which.size());
  ws.evaluate(which, options.check, parallelism, [&](std::size_t i, rules::CheckedProject&& checked) {
    std::vector<TodoItem> found = todo_of(ws.config(), checked, options.check.today, options.within);
    if (!options.person.empty()) {
      std::erase_if(found, [&](const TodoItem& item) { return item.person != options.person; });
    }
    per_project[i] = std::move(found);
  });
  std::vector<TodoItem> items;
  for (auto& found : per_project) {
    std::move(found.begin(), found.end(), std::back_inserter(items));
  }
  std::stable_sort(items.begin(), items.end(), [](const TodoItem& a, const TodoItem& b) {
    if (a.person != b.person) {
      return a.person < b.person;
    }
    if (a.due.has_value() != b.due.has_value()) {
      return a.due.has_value();  // dated items first, undated ones after them
    }
    if (a.due != b.due) {
      return *a.due < *b.due;
    }
    return std::tie(a.project, a.kind, a.ids) < std::tie(b.project, b.kind, b.ids);
  });
  return items;
}

std::string todo_text(const std::vector<TodoItem>& items, const model::Config& config, const TodoOptions& options,
                      bool quiet)
{
  const bool zh = options.language == core::Language::zh_cn;
  std::string out;
  std::string person;
  for (const auto& item : items) {
    if (item.person != person || out.empty()) {
      person = item.person;
      const auto count =
          std::count_if(items.begin(), items.end(), [&](const TodoItem& other) { return other.person == person; });
      const model::Person* entry = config.person(person);
      const std::string name =
          entry != nullptr && entry->name.has() ? (zh ? "（" + *entry->name + "）" : " (" + *entry->name + ")") : "";
      // Ids, names, folder names and the record text in messages are shown with their control
      // characters visible (DESIGN §9.9): one item is one line, and nothing steers the terminal.
      out += fmt::format("{}{}{}{}{}\n", out.empty() ? "" : "\n", support::visible(person), support::visible(name),
                         zh ? "：" : ": ", zh ? fmt::format("{} 项", count) : support::plural(count, "item"));
    }
    const std::string& message = zh && !item.message_zh.empty() ? item.message_zh : item.message;
    out += fmt::format("  {:<10}  {}{}{}\n", item.due ? item.due->str() : "-", support::visible(item.project),
                       zh ? "：" : ": ", support::visible(message));
  }
  if (!quiet && zh) {
    const std::string who = options.person.empty() ? "任何人" : support::visible(options.person);
    if (items.empty()) {
      out += fmt::format("没有等待{}处理的事项（今天 {}，向后看 {} 天）\n", who, options.check.today.str(),
                         options.within);
    } else {
      out +=
          fmt::format("\n共 {} 项（今天 {}，向后看 {} 天）\n", items.size(), options.check.today.str(), options.within);
    }
  } else if (!quiet) {
    const std::string who = options.person.empty() ? "anyone" : support::visible(options.person);
    if (items.empty()) {
      out += fmt::format("nothing waits on {} (today {}, looking {} ahead)\n", who, options.check.today.str(),
                         support::plural(options.within, "day"));
    } else {
      out += fmt::format("\n{} (today {}, looking {} ahead)\n",
                         support::plural(static_cast<long long>(items.size()), "item"), options.check.today.str(),
                         support::plural(options.within, "day"));
    }
  }
  return out;
}

std::string todo_json(const std::vector<TodoItem>& items, const TodoOptions& options)
{
  nlohmann::ordered_json doc;
  doc["schema"] = 1;
  doc["today"] = options.check.today.str();
  doc["within"] = options.within;
  doc["items"] = nlohmann::ordered_json::array();
  for (const auto& item : items) {
    nlohmann::ordered_json j;
    j["person"] = item.person;
    j["project"] = item.project;
    j["kind"] = item.kind;
    j["ids"] = item.ids;
    j["due"] = item.due ? nlohmann::ordered_json(item.due->str()) : nlohmann::ordered_json(nullptr);
    if (options.language == core::Language::zh_cn && !item.message_zh.empty()) {
      j["message"] = item.message_zh;
      j["message_en"] = item.message;
    } else {
      j["message"] = item.message;
    }
    doc["items"].push_back(std::move(j));
  }
  return support::json_text(doc);
}

}  // namespace handoff::workspace
