#include "report/data.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "forecast/render.hpp"
#include "report/escape.hpp"
#include "report/fields.hpp"
#include "support/text.hpp"

// The project report's data: one function per section. Every section is built whole; what
// the customer audience does not see is removed afterwards by restrict_to_audience.
namespace handoff::report {

namespace {

using namespace fields;

Json requirements_json(const model::Config& config, const model::Project& p)
{
  std::map<std::string, std::vector<std::string>> covered_by;
  for (const auto& m : p.plan.milestones) {
    for (const auto& c : m.covers.items) {
      if (c.has() && m.id.has()) {
        covered_by[*c].push_back(*m.id);
      }
    }
  }
  std::map<std::string, const model::Assessment*> assessment;
  for (const auto& a : p.feasibility.assessments) {
    if (a.requirement.has()) {
      assessment.emplace(*a.requirement, &a);
    }
  }
  Json out = Json::array();
  for (const auto& r : p.requirements) {
    Json q = Json::array();
    int open = 0;
    for (const auto& question : r.questions) {
      open += question.open() ? 1 : 0;
      q.push_back(Json{{"text", text(question.text)},
                       {"status", question.status.has() ? Json(*question.status) : Json("open")},
                       {"open", question.open()},
                       {"owner", text(question.owner)},
                       {"owner_name", person_name(config, question.owner)},
                       {"asked", date(question.asked)},
                       {"answer", text(question.answer)}});
    }
    const std::string id = r.id.value_or("");
    const auto a = assessment.find(id);
    Json item{{"id", text(r.id)},
              {"title", text(r.title)},
              {"description", text(r.description)},
              {"source", text(r.source)},
              {"priority", text(r.priority)},
              {"type", text(r.type)},
              {"contract_item", text(r.contract_item)},
              {"acceptance", text(r.acceptance)},
              {"status", text(r.status)},
              {"in_scope", r.in_scope()},
              {"questions", std::move(q)},
              {"open_questions", open},
              {"milestones", covered_by.count(id) != 0 ? Json(covered_by[id]) : Json::array()},
              {"verdict", a != assessment.end() ? text(a->second->verdict) : Json(nullptr)}};
    item["effort_days"] = a != assessment.end() ? number(a->second->effort_days) : Json(nullptr);
    out.push_back(std::move(item));
  }
  return out;
}

Json requirement_counts_json(const model::Project& p)
{
  std::map<std::string, int> by_priority{{"must", 0}, {"should", 0}, {"could", 0}, {"wont", 0}};
  int confirmed = 0;
  int open = 0;
  for (const auto& r : p.requirements) {
    if (r.priority.has() && by_priority.count(*r.priority) != 0) {
      by_priority[*r.priority]++;
    }
    confirmed += r.status.has() && *r.status == "confirmed" ? 1 : 0;
    for (const auto& q : r.questions) {
      open += q.open() ? 1 : 0;
    }
  }
  return Json{{"total", p.requirements.size()}, {"must", by_priority["must"]}, {"should", by_priority["should"]},
              {"could", by_priority["could"]},  {"wont", by_priority["wont"]}, {"confirmed", confirmed},
              {"open_questions", open}};
}

Json open_questions_json(const model::Config& config, const model::Project& p)
{
  Json out = Json::array();
  for (const auto& r : p.requirements) {
    for (const auto& q : r.questions) {
      if (!q.open()) {
        continue;
      }
      out.push_back(Json{{"requirement", text(r.id)},
                         {"requirement_title", text(r.title)},
                         {"priority", text(r.priority)},
                         {"text", text(q.text)},
                         {"owner", text(q.owner)},
                         {"owner_name", person_name(config, q.owner)},
                         {"asked", date(q.asked)}});
    }
  }
  return out;
}

Json commitments_json(const model::Config& config, const model::Project& p)
{
  Json out = Json::array();
  for (const auto& c : p.card.commitments) {
    Json refs = Json::array();
    for (const auto& ref : c.refs.items) {
      if (!ref.has()) {
        continue;
      }
      std::string kind = "unknown";
      Json title = nullptr;
      if (const auto* r = p.requirement(*ref)) {
        kind = "requirement";
        title = text(r->title);
      } else if (const auto* m = p.milestone(*ref)) {
        kind = "milestone";
        title = text(m->name);
      }
      refs.push_back(Json{{"id", *ref}, {"kind", kind}, {"title", title}});
    }
    const bool traced = !refs.empty();
    out.push_back(Json{{"id", text(c.id)},
                       {"text", text(c.text)},
                       {"made_by", text(c.made_by)},
                       {"made_by_name", person_name(config, c.made_by)},
                       {"date", date(c.date)},
                       {"honoured_by", std::move(refs)},
                       {"traced", traced}});
  }
  return out;
}

Json contract_json(const model::Project& p)
{
  const auto& card = p.card;
  std::map<std::string, std::vector<std::string>> requirements_of;
  for (const auto& r : p.requirements) {
    if (r.contract_item.has() && r.id.has()) {
      requirements_of[*r.contract_item].push_back(*r.id);
    }
  }
  Json items = Json::array();
  for (const auto& item : card.items) {
    const std::string id = item.id.value_or("");
    Json j{{"id", text(item.id)}, {"title", text(item.title)}};
    j["price"] = number(item.price);
    j["requirements"] = requirements_of.count(id) != 0 ? Json(requirements_of[id]) : Json::array();
    items.push_back(std::move(j));
  }
  Json out{{"present", card.has_contract},
           {"signed", date(card.signed_date)},
           {"start", date(card.delivery_start())},
           {"go_live", date(card.go_live)},
           {"currency", text(card.currency)}};
  out["value"] = number(card.value);
  out["items"] = std::move(items);
  return out;
}

// The payment schedule as it stands today: each payment's terms, its trigger and its state
// (kpi.hpp's payment_state), and the amount it comes to.
Json payments_json(const model::Project& p, const DataOptions& options)
{
  const std::optional<double> value = p.card.value.has() ? std::optional<double>(*p.card.value) : std::nullopt;
  Json out = Json::array();
  for (const auto& pay : p.card.payments) {
    using Kind = model::PaymentDue::Kind;
    const auto amount = pay.value(value);
    const auto trigger = p.payment_trigger(pay, options.today);
    Json j{{"id", text(pay.id)}, {"title", text(pay.title)}};
    j["percent"] = number(pay.percent);
    j["amount"] = amount ? number(*amount) : Json(nullptr);
    j["due_acceptance"] = pay.due.kind == Kind::acceptance;
    j["due_milestone"] = pay.due.kind == Kind::milestone ? text(pay.due.milestone) : Json(nullptr);
    j["due_date"] = pay.due.kind == Kind::date ? date(pay.due.date) : Json(nullptr);
    j["triggered"] = date(trigger);
    j["invoiced"] = date(pay.invoiced);
    j["received"] = date(pay.received);
    j["status"] = std::string(to_string(payment_state(p, pay, options.today, options.payment_terms_days)));
    j["note"] = text(pay.note);
    j["written_off"] = text(pay.written_off);
    out.push_back(std::move(j));
  }
  return out;
}

Json feasibility_json(const model::Config& config, const model::Project& p)
{
  const auto& f = p.feasibility;
  const bool present = p.file(model::Record::feasibility).exists;
  std::map<std::string, int> verdicts{{"standard", 0}, {"configuration", 0}, {"customization", 0}, {"infeasible", 0}};
  Json assessments = Json::array();
  double must_effort = 0;
  double all_effort = 0;
  for (const auto& a : f.assessments) {
    const model::Requirement* r = a.requirement.has() ? p.requirement(*a.requirement) : nullptr;
    if (a.verdict.has() && verdicts.count(*a.verdict) != 0) {
      verdicts[*a.verdict]++;
    }
    if (a.effort_days.has()) {
      all_effort += *a.effort_days;
      must_effort += r != nullptr && r->is_must() ? *a.effort_days : 0;
    }
    Json j{{"requirement", text(a.requirement)},
           {"title", r != nullptr ? text(r->title) : Json(nullptr)},
           {"priority", r != nullptr ? text(r->priority) : Json(nullptr)},
           {"verdict", text(a.verdict)}};
    j["effort_days"] = number(a.effort_days);
    j["notes"] = text(a.notes);
    j["risks"] = texts(a.risks);
    assessments.push_back(std::move(j));
  }
  // Estimate vs promise: the same arithmetic as HF304.
  const auto start = p.card.delivery_start();
  const std::optional<support::Date> estimated = p.estimated_go_live();
  Json promise{
      {"start", date(start)}, {"estimated_go_live", date(estimated)}, {"promised_go_live", date(p.card.go_live)}};
  if (estimated && p.card.go_live.has()) {
    const long long gap = support::days_between(*p.card.go_live, *estimated);
    promise["gap_days"] = gap;
    promise["fits"] = gap <= 0;
    promise["late"] = gap > 0;
    promise["buffer_days"] = gap < 0 ? -gap : 0;
  } else {
    promise["gap_days"] = nullptr;
    promise["fits"] = false;
    promise["late"] = false;
    promise["buffer_days"] = nullptr;
  }
  promise["known"] = estimated && p.card.go_live.has();

  Json out{{"present", present},
           {"assessed_by", text(f.assessed_by)},
           {"assessed_by_name", person_name(config, f.assessed_by)},
           {"date", date(f.date)},
           {"duration_weeks", number(f.duration_weeks)}};
  out["effort_days"] = number(f.effort_days);
  out["confidence"] = text(f.confidence);
  out["recommendation"] = text(f.recommendation);
  out["conditions"] = texts(f.conditions);
  out["assessments"] = std::move(assessments);
  out["verdicts"] = Json{{"standard", verdicts["standard"]},
                         {"configuration", verdicts["configuration"]},
                         {"customization", verdicts["customization"]},
                         {"infeasible", verdicts["infeasible"]}};
  out["assessed_effort_days"] = number(all_effort);
  out["must_effort_days"] = number(must_effort);
  out["must_effort_share_text"] =
      all_effort > 0 ? fmt::format("{}%", std::lround(100.0 * must_effort / all_effort)) : std::string("n/a");
  out["promise"] = std::move(promise);
  return out;
}

// Returns every risk in rank order (model::ranks_before, the order of the top risk).
std::vector<const model::Risk*> sorted_risks(const model::Project& p)
{
  std::vector<const model::Risk*> out;
  for (const auto& r : p.risks) {
    out.push_back(&r);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const model::Risk* a, const model::Risk* b) { return model::ranks_before(*a, *b); });
  return out;
}

Json risk_json(const model::Config& config, const model::Risk& r)
{
  const auto score = r.score();
  return Json{{"id", text(r.id)},
              {"title", text(r.title)},
              {"probability", integer(r.probability)},
              {"impact", integer(r.impact)},
              {"score", score ? Json(*score) : Json(nullptr)},
              {"high", score && *score >= 15},
              {"owner", text(r.owner)},
              {"owner_name", person_name(config, r.owner)},
              {"response", text(r.response)},
              {"mitigation", text(r.mitigation)},
              {"status", r.status.has() ? Json(*r.status) : Json("open")},
              {"live", r.live()},
              {"review_by", date(r.review_by)},
              {"refs", texts(r.refs)}};
}

Json milestone_json(const model::Config& config, const model::Milestone& m, support::Date today)
{
  Json late_days = nullptr;
  if (const auto on_time = m.finished_on_time(); on_time && !*on_time) {
    late_days = support::days_between(*m.due, *m.done);
  }
  Json overdue_days = nullptr;
  if (m.overdue(today)) {
    overdue_days = support::days_between(*m.due, today);
  }
  return Json{{"id", text(m.id)},
              {"name", text(m.name)},
              {"due", date(m.due)},
              {"owner", text(m.owner)},
              {"owner_name", person_name(config, m.owner)},
              {"covers", texts(m.covers)},
              {"depends_on", texts(m.depends_on)},
              {"acceptance", text(m.acceptance)},
              {"status", m.status.has() ? Json(*m.status) : Json("planned")},
              {"done", date(m.done)},
              {"finished", m.finished()},
              {"on_time", m.finished_on_time().value_or(false)},
              {"late_days", late_days},
              {"overdue", m.overdue(today)},
              {"overdue_days", overdue_days}};
}

// Returns the milestones in the order of their due dates (undated last), then id.
std::vector<const model::Milestone*> by_due(const model::Project& p)
{
  std::vector<const model::Milestone*> out;
  for (const auto& m : p.plan.milestones) {
    out.push_back(&m);
  }
  std::stable_sort(out.begin(), out.end(), [](const model::Milestone* a, const model::Milestone* b) {
    if (a->due.has() != b->due.has()) {
      return a->due.has();
    }
    if (a->due.has() && *a->due != *b->due) {
      return *a->due < *b->due;
    }
    return a->id.value_or("") < b->id.value_or("");
  });
  return out;
}

// The Mermaid gantt chart: one bar per dated milestone from the latest due date of the
// milestones it depends on (else the delivery start) to its own due date.
Json gantt_json(const model::Project& p, support::Date today)
{
  Json tasks = Json::array();
  const auto start = p.card.delivery_start();
  int number = 0;
  for (const auto& m : p.plan.milestones) {
    if (!m.due.has()) {
      continue;
    }
    // Task ids are ours (m1, m2, ...), never the milestone's id: Mermaid reads `click`,
    // `section` or `excludes` there as statements.
    const std::string task_id = "m" + std::to_string(++number);
    std::optional<support::Date> from;
    for (const auto& dep : m.depends_on.items) {
      const model::Milestone* d = dep.has() ? p.milestone(*dep) : nullptr;
      if (d != nullptr && d->due.has()) {
        from = later(from, d->due.value);
      }
    }
    if (!from) {
      from = start;
    }
    std::vector<std::string> tags;
    if (m.finished()) {
      tags.emplace_back("done");
    } else if (m.status.has() && *m.status == "in_progress") {
      tags.emplace_back("active");
    }
    if (m.overdue(today)) {
      tags.emplace_back("crit");
    }
    std::string meta;
    for (const auto& t : tags) {
      meta += t + ", ";
    }
    if (!from || *from >= *m.due) {
      meta = "milestone, " + meta + task_id + ", " + m.due->str() + ", 0d";
    } else {
      meta += task_id + ", " + from->str() + ", " + m.due->str();
    }
    const std::string label = mermaid_task_label(m.id.value_or("") + " " + m.name.value_or(""));
    tasks.push_back(Json{{"label", label}, {"meta", meta}});
  }
  Json out{{"title", mermaid_label(p.card.name.value_or(p.folder))}, {"tasks", std::move(tasks)}};
  out["go_live"] = p.card.go_live.has() ? Json(p.card.go_live->str()) : Json(nullptr);
  out["present"] = !out["tasks"].empty();
  return out;
}

Json coverage_json(const model::Project& p)
{
  Json rows = Json::array();
  int covered = 0;
  for (const auto& r : p.requirements) {
    if (!r.is_must() || !r.id.has()) {
      continue;
    }
    // Must coverage is the model's (HF401's) definition; the milestones shown are those with an id.
    Json by = Json::array();
    for (const model::Milestone* m : p.covering(*r.id)) {
      if (m->id.has()) {
        by.push_back(*m->id);
      }
    }
    const bool is_covered = p.covered(r);
    covered += is_covered ? 1 : 0;
    rows.push_back(
        Json{{"id", *r.id}, {"title", text(r.title)}, {"milestones", std::move(by)}, {"covered", is_covered}});
  }
  const int must = static_cast<int>(rows.size());
  return Json{{"must", must},
              {"covered", covered},
              {"uncovered", must - covered},
              {"complete", covered == must},
              {"requirements", std::move(rows)}};
}

Json raci_json(const model::Config& config, const model::Project& p)
{
  // Columns: the configured roles in their order, then any other role the matrix uses.
  std::vector<std::string> roles;
  std::set<std::string> used;
  for (const auto& row : p.plan.raci) {
    for (const auto& cell : row.cells) {
      used.insert(cell.role);
    }
  }
  for (const auto& role : config.roles) {
    if (used.count(role) != 0) {
      roles.push_back(role);
    }
  }
  for (const auto& role : used) {
    if (std::find(roles.begin(), roles.end(), role) == roles.end()) {
      roles.push_back(role);
    }
  }
  Json rows = Json::array();
  for (const auto& row : p.plan.raci) {
    Json cells = Json::array();
    for (const auto& role : roles) {
      Json value = nullptr;  // the activity does not name the role
      for (const auto& cell : row.cells) {
        if (cell.role == role && cell.value.has()) {
          value = *cell.value;
        }
      }
      cells.push_back(Json{{"role", role}, {"value", value}});
    }
    rows.push_back(Json{{"activity", text(row.activity)}, {"cells", std::move(cells)}});
  }
  return Json{{"present", !p.plan.raci.empty()}, {"roles", roles}, {"rows", std::move(rows)}};
}

// The acceptance certificate: every requirement in scope and feasible with its criterion and
// its last result, the failures still open and what holds up acceptance
// (Project::blocks_acceptance); the others are listed apart (`excluded`): `wont` ones, and
// those feasibility.yaml assesses infeasible, which nobody can accept.
Json acceptance_json(const model::Config& config, const model::Project& p)
{
  const model::Acceptance& a = p.acceptance;
  std::set<std::string> infeasible;
  for (const auto& assessment : p.feasibility.assessments) {
    if (assessment.requirement.has() && assessment.verdict.has() && *assessment.verdict == "infeasible") {
      infeasible.insert(*assessment.requirement);
    }
  }
  Json items = Json::array();
  Json excluded = Json::array();
  Json failures = Json::array();
  Json blocking = Json::array();
  int passed = 0;
  int failed = 0;
  int waived = 0;
  int untested = 0;
  for (const auto& r : p.requirements) {
    const bool is_infeasible = r.id.has() && infeasible.count(*r.id) != 0;
    if (!r.in_scope() || is_infeasible) {
      excluded.push_back(Json{
          {"id", text(r.id)}, {"title", text(r.title)}, {"priority", text(r.priority)}, {"infeasible", is_infeasible}});
      continue;
    }
    const model::AcceptanceResult* result = r.id.has() ? a.result_for(*r.id) : nullptr;
    const bool has_result = result != nullptr && result->result.has();
    Json item{{"id", text(r.id)},
              {"title", text(r.title)},
              {"priority", text(r.priority)},
              {"criterion", text(r.acceptance)},
              {"result", has_result ? Json(*result->result) : Json(nullptr)},
              {"evidence", result != nullptr ? text(result->evidence) : Json(nullptr)},
              {"note", result != nullptr ? text(result->note) : Json(nullptr)},
              {"blocking", p.blocks_acceptance(r)}};
    if (!has_result) {
      ++untested;
    } else if (result->passed()) {
      ++passed;
    } else if (result->failed()) {
      ++failed;
      failures.push_back(item);
    } else {
      ++waived;
    }
    if (p.blocks_acceptance(r)) {
      blocking.push_back(item);
    }
    items.push_back(std::move(item));
  }
  const auto count = static_cast<int>(items.size());
  // Who signs for us: the project manager, else the implementation owner.
  const model::TeamMember* signer = p.card.member("pm");
  if (signer == nullptr || !signer->person.has()) {
    signer = p.card.member("implementation");
  }
  Json out{{"date", date(a.date)},
           {"signed_by", text(a.signed_by)},
           {"supplier_signer", signer != nullptr ? person_name(config, signer->person) : Json(nullptr)},
           {"requirements", std::move(items)},
           {"excluded", std::move(excluded)},
           {"failures", std::move(failures)},
           {"blocking", std::move(blocking)}};
  out["counts"] =
      Json{{"requirements", count}, {"passed", passed}, {"failed", failed}, {"waived", waived}, {"untested", untested}};
  return out;
}

Json signoffs_json(const model::Config& config, const model::Project& p)
{
  const SignoffState state = signoff_state(p);
  const auto entry = [&](const model::Signoff* s) -> Json {
    if (s == nullptr) {
      return nullptr;
    }
    return Json{{"role", text(s->role)},
                {"person", text(s->person)},
                {"person_name", person_name(config, s->person)},
                {"date", date(s->date)}};
  };
  Json entries = Json::array();
  for (const auto& s : p.signoffs) {
    entries.push_back(entry(&s));
  }
  return Json{{"entries", std::move(entries)},
              {"sales", entry(state.sales)},
              {"implementation", entry(state.implementation)},
              {"signed", state.baseline.has_value()},
              {"differ", state.differ},
              {"baseline", date(state.baseline)}};
}

Json change_json(const model::Config& config, const model::Change& c)
{
  Json approvals = Json::array();
  for (const auto& a : c.approvals) {
    approvals.push_back(Json{
        {"role", text(a.role)}, {"by", text(a.by)}, {"by_name", person_name(config, a.by)}, {"date", date(a.date)}});
  }
  const std::string cls = c.classification.value_or("");
  Json j{{"id", text(c.id)},
         {"title", text(c.title)},
         {"requested_by", text(c.requested_by)},
         {"date", date(c.date)},
         {"description", text(c.description)},
         {"affects", texts(c.affects)},
         {"classification", text(c.classification)},
         {"billable", cls == "out_of_scope"},
         {"concession", cls == "value_added"}};
  j["effort_days"] = number(c.effort_days);
  j["schedule_days"] = number(c.schedule_days);
  j["cost"] = number(c.cost);
  j["status"] = c.state();
  j["decided"] = c.decided();
  j["approvals"] = std::move(approvals);
  j["implemented"] = date(c.implemented);
  return j;
}

Json change_totals_json(const ChangeTotals& t)
{
  Json by_status = Json::object();
  for (const auto& s : {"proposed", "assessed", "approved", "rejected", "implemented"}) {
    by_status[s] = t.by_status.at(s);
  }
  return Json{{"count", t.count},
              {"by_status", std::move(by_status)},
              {"billable", change_sum_json(t.billable)},
              {"value_added", change_sum_json(t.value_added)},
              {"in_scope", change_sum_json(t.in_scope)},
              {"unclassified", change_sum_json(t.unclassified)},
              {"pending", change_sum_json(t.pending)}};
}

Json findings_json(const rules::ProjectOutcome& outcome)
{
  Json out = Json::array();
  for (const auto& f : outcome.findings) {
    out.push_back(Json{{"rule", f.rule},
                       {"severity", core::to_string(f.severity)},
                       {"error", f.severity == core::Severity::error},
                       {"gate", core::to_string(f.gate)},
                       {"file", f.file},
                       {"line", f.pos.line},
                       {"column", f.pos.column},
                       {"message", f.message}});
  }
  return out;
}

// The status report's period: since the last report (plan.reporting.last_report), else
// since one cadence (default 7 days) ago.
Json status_json(const model::Config& config, const model::Project& p, support::Date today)
{
  support::Date since = today.plus_days(-p.plan.cadence_days.value_or(7));
  if (p.plan.last_report.has()) {
    since = *p.plan.last_report;
  }
  Json done = Json::array();
  Json overdue = Json::array();
  Json next = Json::array();
  for (const model::Milestone* m : by_due(p)) {
    if (m->finished()) {
      if (m->done.has() && *m->done > since && *m->done <= today) {
        done.push_back(milestone_json(config, *m, today));
      }
    } else if (m->overdue(today)) {
      overdue.push_back(milestone_json(config, *m, today));
    } else if (next.size() < 3) {
      next.push_back(milestone_json(config, *m, today));
    }
  }
  Json changes = Json::array();
  for (const auto& c : p.changes) {
    const auto touched = last_activity(c);
    if (touched && *touched > since && *touched <= today) {
      changes.push_back(change_json(config, c));
    }
  }
  Json out{{"since", since.str()},
           {"until", today.str()},
           {"milestones_done", std::move(done)},
           {"milestones_overdue", std::move(overdue)},
           {"milestones_next", std::move(next)},
           {"changes", std::move(changes)}};
  Json top = Json::array();
  for (const model::Risk* r : p.ranked_risks()) {
    if (top.size() < 3) {
      top.push_back(risk_json(config, *r));
    }
  }
  out["top_risks"] = std::move(top);
  return out;
}
// The forecast beside the estimate (docs/forecast.md): the evaluation's one forecast of the
// project, in the JSON of `handoff forecast --format json`, with what the templates show
// beside it (texts, gaps, the bars of a Mermaid chart).
Json forecast_json(const forecast::Forecast& f)
{
  const auto& s = f.schedule;
  Json out = forecast::render_json(f);
  out["class_text"] = forecast::describe_class(f);
  out["basis"] = f.basis;
  out["basis_value"] = f.basis == "all" ? Json(nullptr) : Json(f.basis_value);
  out["by_industry"] = f.basis == "industry";
  out["ids"] = s.ids;
  out["size"] = s.ids.size();
  out["min_class"] = f.min_class;
  out["enough"] = s.enough;
  out["dates"] = f.has_dates();
  const auto shown = [&](double r) { return s.ratios.empty() ? Json(nullptr) : Json(forecast::ratio_text(r)); };
  out["min"] = shown(s.min);
  out["p50"] = shown(s.p50);
  out["p80"] = shown(s.p80);
  out["max"] = shown(s.max);
  out["p50_date"] = date(f.p50_date);
  out["p80_date"] = date(f.p80_date);
  out["promise"] = date(f.promise);
  std::string promise_text;
  if (f.days_to_p50) {
    const auto distance = [](long long days, const char* which) {
      if (days == 0) {
        return fmt::format("on the {} date", which);
      }
      return fmt::format("{} {} {}", support::plural(std::llabs(days), "day"), days > 0 ? "before" : "after", which);
    };
    promise_text = distance(*f.days_to_p50, "P50") + " and " + distance(*f.days_to_p80, "P80");
  }
  out["promise_text"] = promise_text.empty() ? Json(nullptr) : Json(promise_text);
  // The same distances as data, for templates in other languages.
  const auto gap = [](const std::optional<long long>& days) {
    if (!days) {
      return Json(nullptr);
    }
    return Json{{"days", std::llabs(*days)}, {"before", *days > 0}, {"after", *days < 0}, {"same", *days == 0}};
  };
  out["p50_gap"] = gap(f.days_to_p50);
  out["p80_gap"] = gap(f.days_to_p80);
  std::string why_not;
  if (s.refused) {
    why_not = *s.refused;
  } else if (!s.enough) {
    why_not = fmt::format("the reference class has {}, fewer than forecast.min_class ({})",
                          support::plural(static_cast<long long>(s.ids.size()), "closed project"), f.min_class);
  }
  out["why_not"] = why_not.empty() ? Json(nullptr) : Json(why_not);
  // The record field whose absence (or zero) leaves nothing to stretch, else null.
  const bool no_duration = !s.estimate || *s.estimate <= 0;
  out["why_not_field"] = !s.refused    ? Json(nullptr)
                         : no_duration ? Json("estimate.duration_weeks")
                                       : Json("contract.start");
  // `effort` is the forecast's (`enough`: the effort class has forecast.min_class members);
  // `given` says whether the project has an effort forecast, which the templates show.
  out["effort"]["given"] = f.p50_effort.has_value();
  // The chart's bars, by ratio: the same order as the ratios.
  Json bar_list = Json::array();
  for (std::size_t i = 0; i < s.ratios.size(); ++i) {
    // A label of the chart (written unescaped in its x-axis), made safe as the gantt's are:
    // a folder name cannot close the code block or the quotes.
    bar_list.push_back(Json{{"id", mermaid_label(s.by_ratio[i])}, {"ratio", forecast::ratio_text(s.ratios[i])}});
  }
  out["bars"] = std::move(bar_list);
  out["y_max"] = forecast::ratio_text(std::ceil(std::max(1.0, s.ratios.empty() ? 1.0 : s.max) * 2.0) / 2.0);
  return out;
}

// Lessons of closed projects sharing the project's industry or a tag (only for projects that
// are not closed themselves: a closed project has its own).
Json lessons_json(const model::Project& p, const forecast::Source& reference)
{
  Json out = Json::array();
  if (p.stage() == core::Stage::closed) {
    return out;
  }
  for (const auto& lesson : forecast::related_lessons(forecast::sample_of(p), reference.closed())) {
    out.push_back(Json{{"project", lesson.project},
                       {"text", lesson.text},
                       {"tags", lesson.tags},
                       {"tags_text", support::join_words(lesson.tags, ", ")}});
  }
  return out;
}

const char* summary_state_name(model::Activity::Summary state)
{
  using Summary = model::Activity::Summary;
  switch (state) {
  case Summary::unknown:
    return "unknown";
  case Summary::not_due:
    return "not_due";
  case Summary::on_time:
    return "on_time";
  case Summary::missing:
    return "missing";
  case Summary::undated:
    return "undated";
  case Summary::late:
    return "late";
  }
  return "unknown";
}

// A presales activity, with where its written summary stands (HF104's test).
Json activity_json(const model::Config& config, const model::Activity& a, support::Date today)
{
  Json by = Json::array();
  for (const auto& person : a.by.items) {
    if (person.has()) {
      by.push_back(Json{{"id", *person}, {"name", person_name(config, person)}});
    }
  }
  const auto state = a.summary_state(today);
  const auto due = a.summary_due();
  Json late_days = nullptr;
  Json late_text = nullptr;
  if (state == model::Activity::Summary::late) {
    const long long days = support::days_between(*due, *a.summary_date);
    late_days = days;
    late_text = support::plural(days, "day") + " late";
  }
  std::string customer_names;
  for (const auto& name : a.customer.items) {
    if (name.has()) {
      customer_names += (customer_names.empty() ? "" : ", ") + *name;
    }
  }
  Json j{{"id", text(a.id)},
         {"date", date(a.date)},
         {"kind", a.kind.has() ? Json(*a.kind) : Json("other")},
         {"by", std::move(by)},
         {"customer", texts(a.customer)},
         {"customer_names", customer_names.empty() ? Json(nullptr) : Json(customer_names)},
         {"summary", text(a.summary)},
         {"summary_date", date(a.summary_date)},
         {"summary_due", date(due)},
         {"summary_state", summary_state_name(state)},
         {"on_time", state == model::Activity::Summary::on_time},
         {"late", state == model::Activity::Summary::late},
         {"overdue", state == model::Activity::Summary::missing || state == model::Activity::Summary::undated},
         {"late_days", late_days},
         {"late_text", late_text}};
  j["hours"] = number(a.hours);
  j["confirmed_by"] = text(a.confirmed_by);
  j["confirmed_by_name"] = person_name(config, a.confirmed_by);
  j["next_steps"] = text(a.next_steps);
  // The same texts as Markdown blocks, paragraphs and lists kept, for {{{summary_md}}}.
  j["summary_md"] = a.summary.has() ? Json(escape_markdown_block(*a.summary)) : Json(nullptr);
  j["next_steps_md"] = a.next_steps.has() ? Json(escape_markdown_block(*a.next_steps)) : Json(nullptr);
  return j;
}

}  // namespace

nlohmann::ordered_json project_data(const model::Config& config, const CheckedProject& checked,
                                    const DataOptions& options)
{
  const model::Project& p = checked.project;
  const rules::ProjectOutcome& outcome = checked.outcome;
  Json root = common_root(options.report, options.audience, options.today);

  Json contacts = Json::array();
  Json decision_makers = Json::array();
  for (const auto& c : p.card.contacts) {
    const bool dm = c.decision_maker.value_or(false);
    Json j{{"name", text(c.name)}, {"title", text(c.title)}, {"decision_maker", dm}};
    if (dm) {
      decision_makers.push_back(j);
    }
    contacts.push_back(std::move(j));
  }
  Json team = Json::array();
  for (const auto& m : p.card.team) {
    team.push_back(Json{{"role", m.role}, {"person", text(m.person)}, {"name", person_name(config, m.person)}});
  }
  root["project"] = Json{{"id", p.folder},
                         {"name", p.card.name.has() ? Json(*p.card.name) : Json(p.folder)},
                         {"stage", stage_json(outcome.stage)},
                         {"ready_for", stage_json(outcome.ready_for)},
                         {"customer", text(p.card.customer_name)},
                         {"industry", text(p.card.industry)},
                         {"tags", texts(p.card.tags)}};
  root["contacts"] = std::move(contacts);
  root["decision_makers"] = std::move(decision_makers);
  root["team"] = std::move(team);
  root["contract"] = contract_json(p);
  root["contract"]["payments"] = payments_json(p, options);
  root["commitments"] = commitments_json(config, p);
  root["requirements"] = requirements_json(config, p);
  root["requirement_counts"] = requirement_counts_json(p);
  root["open_questions"] = open_questions_json(config, p);
  root["feasibility"] = feasibility_json(config, p);
  root["forecast"] = outcome.forecast ? forecast_json(*outcome.forecast) : Json(nullptr);
  root["lessons"] = options.reference != nullptr ? lessons_json(p, *options.reference) : Json::array();
  Json risks = Json::array();
  for (const model::Risk* r : sorted_risks(p)) {
    risks.push_back(risk_json(config, *r));
  }
  root["risks"] = std::move(risks);
  Json milestones = Json::array();
  for (const model::Milestone* m : by_due(p)) {
    milestones.push_back(milestone_json(config, *m, options.today));
  }
  root["milestones"] = std::move(milestones);
  root["milestone_counts"] = milestone_counts_json(count_milestones(p, options.today));
  root["gantt"] = gantt_json(p, options.today);
  root["coverage"] = coverage_json(p);
  root["raci"] = raci_json(config, p);
  root["reporting"] = Json{{"cadence_days", integer(p.plan.cadence_days)}, {"last_report", date(p.plan.last_report)}};
  root["signoffs"] = signoffs_json(config, p);
  Json changes = Json::array();
  for (const auto& c : p.changes) {
    changes.push_back(change_json(config, c));
  }
  root["changes"] = std::move(changes);
  root["change_totals"] = change_totals_json(total_changes(p));
  root["status"] = status_json(config, p, options.today);
  Json closure{{"accepted", date(p.card.accepted)}, {"csat", integer(p.card.csat)}};
  closure["retrospective"] = text(p.card.retrospective);
  closure["went_live"] = date(p.card.went_live);
  closure["actual_effort_days"] = number(p.card.actual_effort_days);
  Json lessons = Json::array();
  for (const auto& lesson : p.card.lessons) {
    if (lesson.text.has()) {
      lessons.push_back(Json{{"text", *lesson.text}, {"tags", texts(lesson.tags)}});
    }
  }
  closure["lessons"] = std::move(lessons);
  closure["csat_followup"] = text(p.card.csat_followup);
  root["closure"] = std::move(closure);
  root["support"] = Json{{"owner", text(p.card.support_owner)},
                         {"owner_name", person_name(config, p.card.support_owner)},
                         {"until", date(p.card.support_until)},
                         {"channel", text(p.card.support_channel)}};
  root["acceptance"] = acceptance_json(config, p);
  const auto& ended = p.card.outcome;
  root["follows"] = text(p.card.follows);
  root["outcome"] = Json{{"inactive", p.inactive()},
                         {"status", text(ended.status)},
                         {"date", date(ended.date)},
                         {"reason", text(ended.reason)}};
  Json activities = Json::array();
  Json activity = nullptr;
  for (const auto& a : p.activities) {
    Json j = activity_json(config, a, options.today);
    if (!options.activity.empty() && a.id.has() && *a.id == options.activity) {
      activity = j;
    }
    activities.push_back(std::move(j));
  }
  root["activities"] = std::move(activities);
  root["activity"] = std::move(activity);
  root["gates"] = gates_json(outcome);
  root["failing_gates"] = failing_gates_json(outcome);
  root["health"] = health_json(outcome, shows_rule_names(options.audience));
  int errors = 0;
  int warnings = 0;
  for (const auto& f : outcome.findings) {
    (f.severity == core::Severity::error ? errors : warnings)++;
  }
  root["findings"] = findings_json(outcome);
  root["finding_counts"] = Json{{"errors", errors}, {"warnings", warnings}};
  restrict_to_audience(root, DataKind::project, options.audience);
  return with_presence_flags(std::move(root));
}

}  // namespace handoff::report
