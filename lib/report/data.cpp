#include "report/data.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "report/escape.hpp"
#include "support/text.hpp"

namespace handoff::report {

namespace {

using Json = nlohmann::ordered_json;

// --- scalars -------------------------------------------------------------------------------

Json text(const model::Text& field)
{
  return field.has() ? Json(*field) : Json(nullptr);
}

Json date(const model::DateField& field)
{
  return field.has() ? Json(field->str()) : Json(nullptr);
}

Json date(const std::optional<support::Date>& value)
{
  return value ? Json(value->str()) : Json(nullptr);
}

// Writes a whole number as an integer (620000, not 620000.0).
Json number(double value)
{
  if (std::isfinite(value) && std::floor(value) == value && std::fabs(value) < 1e15) {
    return Json(static_cast<long long>(value));
  }
  return Json(value);
}

Json number(const model::Number& field)
{
  return field.has() ? number(*field) : Json(nullptr);
}

Json integer(const model::Int& field)
{
  return field.has() ? Json(*field) : Json(nullptr);
}

Json texts(const model::TextList& list)
{
  Json out = Json::array();
  for (const auto& item : list.items) {
    if (item.has()) {
      out.push_back(*item);
    }
  }
  return out;
}

// Returns the registry name of person `id`, else the id itself (a free name).
Json person_name(const model::Config& config, const model::Text& id)
{
  if (!id.has()) {
    return nullptr;
  }
  if (const model::Person* p = config.person(*id); p != nullptr && p->name.has()) {
    return *p->name;
  }
  return *id;
}

// Returns "88%" for 0.875, "n/a" when there is nothing to divide.
std::string percent_text(int part, int whole)
{
  if (whole == 0) {
    return "n/a";
  }
  return fmt::format("{}%", static_cast<long long>(std::lround(100.0 * part / whole)));
}

Json ratio(int part, int whole)
{
  if (whole == 0) {
    return nullptr;
  }
  return std::round(1000.0 * part / whole) / 1000.0;
}

std::string one_decimal(double value)
{
  return fmt::format("{:.1f}", value);
}

// --- classification -----------------------------------------------------------------------

bool is_finished(const model::Milestone& m)
{
  return m.status.has() && (*m.status == "done" || *m.status == "accepted");
}

bool is_live(const model::Risk& r)
{
  return !r.status.has() || (*r.status != "closed" && *r.status != "mitigated");
}

bool is_decided(const model::Change& c)
{
  return c.status.has() && (*c.status == "approved" || *c.status == "implemented");
}

bool is_open_question(const model::Question& q)
{
  return !q.status.has() || *q.status == "open";
}

std::optional<support::Date> later(std::optional<support::Date> a, std::optional<support::Date> b)
{
  if (!a) {
    return b;
  }
  if (!b) {
    return a;
  }
  return std::max(*a, *b);
}

// The latest sign-off of a role, and the baseline: the later date of the latest sales and
// the latest implementation sign-off.
struct SignoffState {
  const model::Signoff* sales = nullptr;
  const model::Signoff* implementation = nullptr;
  std::optional<support::Date> baseline;
};

SignoffState signoff_state(const model::Project& project)
{
  SignoffState state;
  for (const auto& s : project.signoffs) {
    if (!s.role.has()) {
      continue;
    }
    if (*s.role == "sales") {
      state.sales = &s;  // entries are appended: the last one is the latest
    } else if (*s.role == "implementation") {
      state.implementation = &s;
    }
  }
  if (state.sales != nullptr && state.implementation != nullptr && state.sales->date.has()
      && state.implementation->date.has()) {
    state.baseline = later(state.sales->date.value, state.implementation->date.value);
  }
  return state;
}

// Milestone arithmetic shared by the project and portfolio reports (MilestoneCounts: data.hpp).
bool is_overdue(const model::Milestone& m, support::Date today)
{
  return !is_finished(m) && m.due.has() && *m.due < today;
}

MilestoneCounts count_milestones(const model::Project& project, support::Date today)
{
  MilestoneCounts c;
  for (const auto& m : project.plan.milestones) {
    ++c.total;
    if (is_finished(m)) {
      ++c.finished;
      if (m.due.has() && m.done.has()) {
        ++c.dated;
        (*m.done <= *m.due ? c.on_time : c.late)++;
      }
    } else if (is_overdue(m, today)) {
      ++c.overdue;
    }
  }
  return c;
}

Json milestone_counts_json(const MilestoneCounts& c)
{
  return Json{{"total", c.total},
              {"finished", c.finished},
              {"on_time", c.on_time},
              {"late", c.late},
              {"overdue", c.overdue},
              {"on_time_rate", ratio(c.on_time, c.dated)},
              {"on_time_rate_text", percent_text(c.on_time, c.dated)}};
}

// Effort and money of decided (approved or implemented) changes of one classification.
struct ChangeSum {
  int count = 0;
  double effort_days = 0;
  double schedule_days = 0;
  double cost = 0;
};

struct ChangeTotals {
  int count = 0;
  std::map<std::string, int> by_status;
  ChangeSum billable;     // out_of_scope
  ChangeSum value_added;  // concessions
  ChangeSum in_scope;
  ChangeSum unclassified;
  ChangeSum pending;  // proposed or assessed, any classification
};

ChangeTotals total_changes(const model::Project& project)
{
  ChangeTotals t;
  for (const auto& s : {"proposed", "assessed", "approved", "rejected", "implemented"}) {
    t.by_status[s] = 0;
  }
  for (const auto& c : project.changes) {
    ++t.count;
    t.by_status[c.status.value_or("proposed")]++;
    if (!is_decided(c)) {
      const std::string status = c.status.value_or("proposed");
      if (status == "proposed" || status == "assessed") {
        ++t.pending.count;
        t.pending.effort_days += c.effort_days.value_or(0);
        t.pending.schedule_days += c.schedule_days.value_or(0);
        t.pending.cost += c.cost.value_or(0);
      }
      continue;
    }
    const std::string cls = c.classification.value_or("");
    ChangeSum& sum = cls == "out_of_scope"  ? t.billable
                     : cls == "value_added" ? t.value_added
                     : cls == "in_scope"    ? t.in_scope
                                            : t.unclassified;
    ++sum.count;
    sum.effort_days += c.effort_days.value_or(0);
    sum.schedule_days += c.schedule_days.value_or(0);
    sum.cost += c.cost.value_or(0);
  }
  return t;
}

Json change_sum_json(const ChangeSum& s, bool internal)
{
  Json out{{"count", s.count}, {"any", s.count > 0}};
  if (internal) {
    out["effort_days"] = number(s.effort_days);
  }
  out["schedule_days"] = number(s.schedule_days);
  if (internal) {
    out["cost"] = number(s.cost);
  }
  return out;
}

Json gates_json(const rules::ProjectOutcome& outcome)
{
  Json out = Json::array();
  for (std::size_t g = 0; g < outcome.gates.size(); ++g) {
    if (outcome.gates[g] == rules::GateStatus::skip) {
      continue;
    }
    out.push_back(Json{{"gate", core::to_string(static_cast<core::Gate>(g))},
                       {"status", rules::to_string(outcome.gates[g])},
                       {"passed", outcome.gates[g] == rules::GateStatus::pass}});
  }
  return out;
}

Json failing_gates_json(const rules::ProjectOutcome& outcome)
{
  Json out = Json::array();
  for (std::size_t g = 0; g < outcome.gates.size(); ++g) {
    if (outcome.gates[g] == rules::GateStatus::fail) {
      out.push_back(core::to_string(static_cast<core::Gate>(g)));
    }
  }
  return out;
}

Json stage_json(const std::optional<core::Stage>& stage)
{
  return stage ? Json(core::to_string(*stage)) : Json(nullptr);
}

// --- the project report --------------------------------------------------------------------

Json requirements_json(const model::Config& config, const model::Project& p, bool internal)
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
      open += is_open_question(question) ? 1 : 0;
      q.push_back(Json{{"text", text(question.text)},
                       {"status", question.status.has() ? Json(*question.status) : Json("open")},
                       {"open", is_open_question(question)},
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
    if (internal) {
      item["effort_days"] = a != assessment.end() ? number(a->second->effort_days) : Json(nullptr);
    }
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
      open += is_open_question(q) ? 1 : 0;
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
      if (!is_open_question(q)) {
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

Json contract_json(const model::Project& p, bool internal)
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
    if (internal) {
      j["price"] = number(item.price);
    }
    j["requirements"] = requirements_of.count(id) != 0 ? Json(requirements_of[id]) : Json::array();
    items.push_back(std::move(j));
  }
  Json out{{"present", card.has_contract},
           {"signed", date(card.signed_date)},
           {"start", date(card.delivery_start())},
           {"go_live", date(card.go_live)},
           {"currency", text(card.currency)}};
  if (internal) {
    out["value"] = number(card.value);
  }
  out["items"] = std::move(items);
  return out;
}

Json feasibility_json(const model::Config& config, const model::Project& p, bool internal)
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
    if (internal) {
      j["effort_days"] = number(a.effort_days);
      j["notes"] = text(a.notes);
      j["risks"] = texts(a.risks);
    }
    assessments.push_back(std::move(j));
  }
  // Estimate vs promise: the same arithmetic as HF304.
  const auto start = p.card.delivery_start();
  std::optional<support::Date> estimated;
  if (start && f.duration_weeks.has()) {
    estimated = start->plus_days(static_cast<long long>(std::llround(*f.duration_weeks * 7)));
  }
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
  if (internal) {
    out["effort_days"] = number(f.effort_days);
  }
  out["confidence"] = text(f.confidence);
  out["recommendation"] = text(f.recommendation);
  out["conditions"] = texts(f.conditions);
  out["assessments"] = std::move(assessments);
  out["verdicts"] = Json{{"standard", verdicts["standard"]},
                         {"configuration", verdicts["configuration"]},
                         {"customization", verdicts["customization"]},
                         {"infeasible", verdicts["infeasible"]}};
  if (internal) {
    out["assessed_effort_days"] = number(all_effort);
    out["must_effort_days"] = number(must_effort);
    out["must_effort_share_text"] =
        all_effort > 0 ? fmt::format("{}%", std::lround(100.0 * must_effort / all_effort)) : std::string("n/a");
  }
  out["promise"] = std::move(promise);
  return out;
}

// Returns the risks sorted by score (highest first), then id.
std::vector<const model::Risk*> sorted_risks(const model::Project& p)
{
  std::vector<const model::Risk*> out;
  for (const auto& r : p.risks) {
    out.push_back(&r);
  }
  std::stable_sort(out.begin(), out.end(), [](const model::Risk* a, const model::Risk* b) {
    const long long sa = a->score().value_or(-1);
    const long long sb = b->score().value_or(-1);
    if (sa != sb) {
      return sa > sb;
    }
    return a->id.value_or("") < b->id.value_or("");
  });
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
              {"live", is_live(r)},
              {"review_by", date(r.review_by)},
              {"refs", texts(r.refs)}};
}

Json milestone_json(const model::Config& config, const model::Milestone& m, support::Date today)
{
  Json late_days = nullptr;
  if (is_finished(m) && m.done.has() && m.due.has() && *m.done > *m.due) {
    late_days = support::days_between(*m.due, *m.done);
  }
  Json overdue_days = nullptr;
  if (is_overdue(m, today)) {
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
              {"finished", is_finished(m)},
              {"on_time", is_finished(m) && m.done.has() && m.due.has() && *m.done <= *m.due},
              {"late_days", late_days},
              {"overdue", is_overdue(m, today)},
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
  for (const auto& m : p.plan.milestones) {
    if (!m.due.has()) {
      continue;
    }
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
    if (is_finished(m)) {
      tags.emplace_back("done");
    } else if (m.status.has() && *m.status == "in_progress") {
      tags.emplace_back("active");
    }
    if (is_overdue(m, today)) {
      tags.emplace_back("crit");
    }
    std::string meta;
    for (const auto& t : tags) {
      meta += t + ", ";
    }
    if (!from || *from >= *m.due) {
      meta = "milestone, " + meta + m.due->str() + ", 0d";
    } else {
      meta += from->str() + ", " + m.due->str();
    }
    const std::string label = mermaid_label(m.id.value_or("") + " " + m.name.value_or(""));
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
    Json by = Json::array();
    for (const auto& m : p.plan.milestones) {
      for (const auto& c : m.covers.items) {
        if (c.has() && *c == *r.id && m.id.has()) {
          by.push_back(*m.id);
        }
      }
    }
    const bool is_covered = !by.empty();
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
              {"signed", state.sales != nullptr && state.implementation != nullptr},
              {"baseline", date(state.baseline)}};
}

Json change_json(const model::Config& config, const model::Change& c, bool internal)
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
  if (internal) {
    j["effort_days"] = number(c.effort_days);
  }
  j["schedule_days"] = number(c.schedule_days);
  if (internal) {
    j["cost"] = number(c.cost);
  }
  j["status"] = c.status.has() ? Json(*c.status) : Json("proposed");
  j["decided"] = is_decided(c);
  j["approvals"] = std::move(approvals);
  j["implemented"] = date(c.implemented);
  return j;
}

Json change_totals_json(const ChangeTotals& t, bool internal)
{
  Json by_status = Json::object();
  for (const auto& s : {"proposed", "assessed", "approved", "rejected", "implemented"}) {
    by_status[s] = t.by_status.at(s);
  }
  return Json{{"count", t.count},
              {"by_status", std::move(by_status)},
              {"billable", change_sum_json(t.billable, internal)},
              {"value_added", change_sum_json(t.value_added, internal)},
              {"in_scope", change_sum_json(t.in_scope, internal)},
              {"unclassified", change_sum_json(t.unclassified, internal)},
              {"pending", change_sum_json(t.pending, internal)}};
}

// Returns the latest date a change was touched on: requested, approved or implemented.
std::optional<support::Date> last_activity(const model::Change& c)
{
  std::optional<support::Date> out = c.date.value;
  for (const auto& a : c.approvals) {
    out = later(out, a.date.value);
  }
  return later(out, c.implemented.value);
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
Json status_json(const model::Config& config, const model::Project& p, support::Date today, bool internal)
{
  support::Date since = today.plus_days(-p.plan.cadence_days.value_or(7));
  if (p.plan.last_report.has()) {
    since = *p.plan.last_report;
  }
  Json done = Json::array();
  Json overdue = Json::array();
  Json next = Json::array();
  for (const model::Milestone* m : by_due(p)) {
    if (is_finished(*m)) {
      if (m->done.has() && *m->done > since && *m->done <= today) {
        done.push_back(milestone_json(config, *m, today));
      }
    } else if (is_overdue(*m, today)) {
      overdue.push_back(milestone_json(config, *m, today));
    } else if (next.size() < 3) {
      next.push_back(milestone_json(config, *m, today));
    }
  }
  Json changes = Json::array();
  for (const auto& c : p.changes) {
    const auto touched = last_activity(c);
    if (touched && *touched > since && *touched <= today) {
      changes.push_back(change_json(config, c, internal));
    }
  }
  Json out{{"since", since.str()},
           {"until", today.str()},
           {"milestones_done", std::move(done)},
           {"milestones_overdue", std::move(overdue)},
           {"milestones_next", std::move(next)},
           {"changes", std::move(changes)}};
  if (internal) {
    Json top = Json::array();
    for (const model::Risk* r : sorted_risks(p)) {
      if (is_live(*r) && top.size() < 3) {
        top.push_back(risk_json(config, *r));
      }
    }
    out["top_risks"] = std::move(top);
  }
  return out;
}

Json common_root(const DataOptions& options)
{
  const bool internal = options.audience == Audience::internal;
  return Json{{"schema", 1},
              {"report", options.report},
              {"audience", to_string(options.audience)},
              {"internal", internal},
              {"today", options.today.str()}};
}

Json health_json(const rules::ProjectOutcome& outcome, bool internal)
{
  const Health h = health(outcome, internal);
  return Json{{"verdict", h.verdict},
              {"on_track", h.verdict == "on track"},
              {"at_risk", h.verdict == "at risk"},
              {"off_track", h.verdict == "off track"},
              {"reason", h.reason}};
}

// Adds `has_x` (true when non-empty) after every list `x` of every object, and `last` to
// every object in a list, because Mustache can test neither a list for emptiness nor an item
// for being the last one.
// Adds `has_KEY` after every array-valued KEY and `last` to every object in an array, in
// place (a portfolio's data is large; a copy would double its memory).
void add_presence_flags(Json& value)
{
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      add_presence_flags(value[i]);
      if (value[i].is_object()) {
        value[i]["last"] = i + 1 == value.size();
      }
    }
    return;
  }
  if (!value.is_object()) {
    return;
  }
  Json out = Json::object();
  for (auto it = value.begin(); it != value.end(); ++it) {
    add_presence_flags(it.value());
    const bool is_array = it.value().is_array();
    const bool any = !it.value().empty();
    out[it.key()] = std::move(it.value());
    if (is_array) {
      out["has_" + it.key()] = any;
    }
  }
  value = std::move(out);
}

Json with_presence_flags(Json value)
{
  add_presence_flags(value);
  return value;
}

}  // namespace

std::string_view to_string(Audience audience)
{
  return audience == Audience::internal ? "internal" : "customer";
}

Health health(const rules::ProjectOutcome& outcome, bool internal)
{
  std::set<std::string> error_rules;
  std::set<std::string> warning_rules;
  int errors = 0;
  int warnings = 0;
  for (const auto& f : outcome.findings) {
    if (f.severity == core::Severity::error) {
      ++errors;
      error_rules.insert(f.rule);
    } else if (f.severity == core::Severity::warning) {
      ++warnings;
      warning_rules.insert(f.rule);
    }
  }
  const auto rule_list = [&](const std::set<std::string>& ids) {
    return internal ? fmt::format(" ({})", support::join_words({ids.begin(), ids.end()}, ", ")) : std::string();
  };
  Health h;
  if (errors > 0) {
    h.verdict = "off track";
    h.reason = support::plural(errors, "check") + " failing" + rule_list(error_rules);
    if (warnings > 0) {
      h.reason += " and " + support::plural(warnings, "warning") + rule_list(warning_rules);
    }
  } else if (warnings > 0) {
    h.verdict = "at risk";
    h.reason = support::plural(warnings, "warning") + rule_list(warning_rules);
  } else {
    h.verdict = "on track";
    h.reason = "every check passes";
  }
  return h;
}

nlohmann::ordered_json project_data(const model::Config& config, const CheckedProject& checked,
                                    const DataOptions& options)
{
  const model::Project& p = checked.project;
  const rules::ProjectOutcome& outcome = checked.outcome;
  const bool internal = options.audience == Audience::internal;
  Json root = common_root(options);

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
  root["contract"] = contract_json(p, internal);
  root["commitments"] = commitments_json(config, p);
  root["requirements"] = requirements_json(config, p, internal);
  root["requirement_counts"] = requirement_counts_json(p);
  root["open_questions"] = open_questions_json(config, p);
  root["feasibility"] = feasibility_json(config, p, internal);
  if (internal) {
    Json risks = Json::array();
    for (const model::Risk* r : sorted_risks(p)) {
      risks.push_back(risk_json(config, *r));
    }
    root["risks"] = std::move(risks);
  }
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
    changes.push_back(change_json(config, c, internal));
  }
  root["changes"] = std::move(changes);
  root["change_totals"] = change_totals_json(total_changes(p), internal);
  root["status"] = status_json(config, p, options.today, internal);
  Json closure{{"accepted", date(p.card.accepted)}, {"csat", integer(p.card.csat)}};
  if (internal) {
    closure["retrospective"] = text(p.card.retrospective);
  }
  root["closure"] = std::move(closure);
  root["gates"] = gates_json(outcome);
  root["failing_gates"] = failing_gates_json(outcome);
  root["health"] = health_json(outcome, internal);
  if (internal) {
    int errors = 0;
    int warnings = 0;
    for (const auto& f : outcome.findings) {
      (f.severity == core::Severity::error ? errors : warnings)++;
    }
    root["findings"] = findings_json(outcome);
    root["finding_counts"] = Json{{"errors", errors}, {"warnings", warnings}};
  }
  return with_presence_flags(std::move(root));
}

MilestoneCounts& MilestoneCounts::operator+=(const MilestoneCounts& other)
{
  total += other.total;
  finished += other.finished;
  dated += other.dated;
  on_time += other.on_time;
  late += other.late;
  overdue += other.overdue;
  return *this;
}

ChangeCounts& ChangeCounts::operator+=(const ChangeCounts& other)
{
  total += other.total;
  billable += other.billable;
  billable_effort += other.billable_effort;
  conceded += other.conceded;
  conceded_effort += other.conceded_effort;
  return *this;
}

PortfolioEntry portfolio_entry(const CheckedProject& checked, const DataOptions& options)
{
  const bool internal = options.audience == Audience::internal;
  const model::Project& p = checked.project;
  const rules::ProjectOutcome& outcome = checked.outcome;
  PortfolioEntry entry;
  entry.stage = outcome.stage;
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
  Json changes{{"count", ct.count},
               {"open", ct.by_status.at("proposed") + ct.by_status.at("assessed") + ct.by_status.at("approved")},
               {"billable", change_sum_json(ct.billable, internal)},
               {"value_added", change_sum_json(ct.value_added, internal)}};
  if (internal) {
    changes["currency"] = text(p.card.currency);
  }
  entry.row = Json{{"id", p.folder},
                   {"name", p.card.name.has() ? Json(*p.card.name) : Json(p.folder)},
                   {"customer", text(p.card.customer_name)},
                   {"stage", stage_json(outcome.stage)},
                   {"ready_for", stage_json(outcome.ready_for)},
                   {"gates", gates_json(outcome)},
                   {"failing_gates", failing_gates_json(outcome)},
                   {"health", health_json(outcome, internal)},
                   {"signed", date(p.card.signed_date)},
                   {"baseline", date(signoffs.baseline)},
                   {"handoff_lead_days", entry.lead_days ? Json(*entry.lead_days) : Json(nullptr)},
                   {"milestones", milestone_counts_json(entry.milestones)},
                   {"changes", std::move(changes)},
                   {"csat", integer(p.card.csat)}};
  return entry;
}

PortfolioData::PortfolioData(const DataOptions& options, std::size_t count) : m_options(options), m_count(count)
{
}

nlohmann::ordered_json PortfolioData::add(PortfolioEntry entry)
{
  if (entry.stage) {
    m_stages[*entry.stage]++;
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
  // What with_presence_flags gives an object in a list: has_KEY flags inside, then `last`.
  Json row = with_presence_flags(std::move(entry.row));
  row["last"] = ++m_added == m_count;
  return row;
}

nlohmann::ordered_json PortfolioData::root() const
{
  const bool internal = m_options.audience == Audience::internal;
  Json root = common_root(m_options);
  root["projects"] = Json::array();  // a placeholder for the rows, in its place among the keys
  Json stage_rows = Json::array();
  for (const auto& [stage, count] : m_stages) {
    stage_rows.push_back(Json{{"stage", core::to_string(stage)}, {"count", count}});
  }
  root["stages"] = std::move(stage_rows);
  const int n = static_cast<int>(m_count);
  Json kpis;
  kpis["projects"] = n;
  kpis["projects_text"] = support::plural(n, "project");  // "1 project", "4 projects"
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
                  {"value_added", m_changes.conceded}};
  if (internal) {
    change_kpi["billable_effort_days"] = number(m_changes.billable_effort);
    change_kpi["conceded_effort_days"] = number(m_changes.conceded_effort);
  }
  kpis["change_requests"] = std::move(change_kpi);
  kpis["csat"] =
      Json{{"projects", m_csat_count},
           {"average", m_csat_count > 0 ? Json(std::round(100.0 * m_csat_sum / m_csat_count) / 100.0) : Json(nullptr)},
           {"average_text", m_csat_count > 0 ? one_decimal(static_cast<double>(m_csat_sum) / m_csat_count) : "n/a"}};
  root["kpis"] = std::move(kpis);
  root = with_presence_flags(std::move(root));
  root["has_projects"] = m_count > 0;  // the placeholder is empty; the rows are not
  return root;
}

}  // namespace handoff::report
