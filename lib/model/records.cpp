#include "model/records.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "support/text.hpp"

namespace handoff::model {

const char* file_name(Record record)
{
  static constexpr const char* k_names[] = {"project.yaml",  "requirements.yaml", "feasibility.yaml",
                                            "plan.yaml",     "risks.yaml",        "changes.yaml",
                                            "signoffs.yaml", "acceptance.yaml",   "activities.yaml"};
  return k_names[static_cast<std::size_t>(record)];
}

const char* record_name(Record record)
{
  static constexpr const char* k_names[] = {"project", "requirements", "feasibility", "plan",      "risks",
                                            "changes", "signoffs",     "acceptance",  "activities"};
  return k_names[static_cast<std::size_t>(record)];
}

const std::vector<std::string>& default_roles()
{
  static const std::vector<std::string> k_roles = {"sales", "presales", "implementation", "pm", "product", "customer"};
  return k_roles;
}

std::string rule_help_url(std::string_view pattern, std::string_view rule)
{
  constexpr std::string_view k_placeholder = "{rule}";
  std::string out;
  std::size_t from = 0;
  for (std::size_t at = pattern.find(k_placeholder); at != std::string_view::npos;
       at = pattern.find(k_placeholder, from)) {
    out.append(pattern.substr(from, at - from)).append(rule);
    from = at + k_placeholder.size();
  }
  return out.append(pattern.substr(from));
}

const Person* Config::person(const std::string& id) const
{
  for (const auto& p : people) {
    if (p.id.has() && *p.id == id) {
      return &p;
    }
  }
  return nullptr;
}

std::optional<std::string> Config::person_hint(const std::string& given) const
{
  // Names compare without case, blanks and dots: "Li Wei", "li wei" and "LiWei" are one name.
  const auto folded = [](std::string_view text) {
    std::string out;
    for (const char c : text) {
      if (c != ' ' && c != '.' && c != '\t') {
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
    }
    return out;
  };
  const std::string wanted = folded(given);
  std::vector<std::string> ids;
  for (const auto& p : people) {
    if (!p.id.has()) {
      continue;
    }
    if (p.name.has() && !wanted.empty() && folded(*p.name) == wanted) {
      return *p.id + " (" + *p.name + ")";
    }
    ids.push_back(*p.id);
  }
  if (auto guess = support::did_you_mean(given, ids)) {
    return "\"" + *guess + "\"";
  }
  return std::nullopt;
}

const Person* Config::key_owner(const std::string& blob) const
{
  for (const auto& p : people) {
    for (const auto& k : p.signing_keys) {
      if (k.blob == blob) {
        return &p;
      }
    }
  }
  return nullptr;
}

bool Config::has_role(const std::string& role) const
{
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

const TeamMember* ProjectCard::member(const std::string& role) const
{
  for (const auto& m : team) {
    if (m.role == role) {
      return &m;
    }
  }
  return nullptr;
}

std::optional<Date> ProjectCard::delivery_start() const
{
  if (start.has()) {
    return *start;
  }
  if (signed_date.has()) {
    return *signed_date;
  }
  return std::nullopt;
}

std::optional<long long> Risk::score() const
{
  if (probability.has() && impact.has()) {
    return *probability * *impact;
  }
  return std::nullopt;
}

// The domain facts every command shares (rules, status, reports and KPIs call these).

bool Question::open() const
{
  return status.has() ? *status == "open" : !answer.has();
}

std::optional<Date> Activity::summary_due() const
{
  return date.has() ? std::optional<Date>(date->plus_days(1)) : std::nullopt;
}

Activity::Summary Activity::summary_state(Date today) const
{
  const auto due = summary_due();
  if (!due) {
    return Summary::unknown;
  }
  if (summary.has() && summary_date.has()) {
    return *summary_date <= *due ? Summary::on_time : Summary::late;
  }
  if (today <= *due) {
    return Summary::not_due;
  }
  return summary.has() ? Summary::undated : Summary::missing;
}

bool Milestone::finished() const
{
  return status.has() && (*status == "done" || *status == "accepted");
}

bool Milestone::overdue(Date today) const
{
  return !finished() && due.has() && *due < today;
}

std::optional<bool> Milestone::finished_on_time() const
{
  if (!finished() || !due.has() || !done.has()) {
    return std::nullopt;
  }
  return *done <= *due;
}

long long estimated_days(double duration_weeks)
{
  return static_cast<long long>(std::ceil(duration_weeks * 7.0 - 1e-9));
}

std::optional<double> schedule_ratio(std::optional<Date> start, std::optional<Date> went_live,
                                     std::optional<double> duration_weeks)
{
  if (!start || !went_live || !duration_weeks || *duration_weeks <= 0 || *went_live < *start) {
    return std::nullopt;
  }
  return static_cast<double>(support::days_between(*start, *went_live)) / (*duration_weeks * 7.0);
}

std::optional<Date> Project::estimated_go_live() const
{
  const auto start = card.delivery_start();
  if (!start || !feasibility.duration_weeks.has()) {
    return std::nullopt;
  }
  return start->plus_days(estimated_days(*feasibility.duration_weeks));
}

bool ranks_before(const Risk& a, const Risk& b)
{
  const long long sa = a.score().value_or(-1);
  const long long sb = b.score().value_or(-1);
  if (sa != sb) {
    return sa > sb;
  }
  if (a.id.has() != b.id.has()) {
    return a.id.has();
  }
  return a.id.value_or("") < b.id.value_or("");
}

std::vector<const Risk*> Project::ranked_risks() const
{
  std::vector<const Risk*> out;
  for (const auto& r : risks) {
    if (r.live()) {
      out.push_back(&r);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Risk* a, const Risk* b) { return ranks_before(*a, *b); });
  return out;
}

const Risk* Project::top_risk() const
{
  const auto ranked = ranked_risks();
  return !ranked.empty() && ranked.front()->score() ? ranked.front() : nullptr;
}

std::vector<const Milestone*> Project::covering(const std::string& id) const
{
  std::vector<const Milestone*> out;
  for (const auto& m : plan.milestones) {
    for (const auto& c : m.covers.items) {
      if (c.has() && *c == id) {
        out.push_back(&m);
        break;
      }
    }
  }
  return out;
}

bool Project::covered(const Requirement& r) const
{
  return r.id.has() && !covering(*r.id).empty();
}

bool Risk::live() const
{
  return !status.has() || *status == "open" || *status == "occurred";
}

bool Change::decided() const
{
  const std::string s = state();
  return s == "approved" || s == "implemented";
}

bool Change::pending() const
{
  const std::string s = state();
  return s == "proposed" || s == "assessed";
}

bool Change::open() const
{
  return pending() || state() == "approved";
}

const AcceptanceResult* Acceptance::result_for(const std::string& id) const
{
  const AcceptanceResult* last = nullptr;
  for (const auto& r : results) {
    if (r.requirement.has() && *r.requirement == id) {
      last = &r;
    }
  }
  return last;
}

bool Change::approved_for(const std::string& role) const
{
  return std::any_of(approvals.begin(), approvals.end(),
                     [&role](const Approval& a) { return a.role.has() && *a.role == role; });
}

bool Project::tracking_dates() const
{
  return stage() == core::Stage::delivery || stage() == core::Stage::acceptance;
}

std::optional<Date> Project::next_status_report() const
{
  if (!plan.cadence_days.has()) {
    return std::nullopt;
  }
  if (plan.last_report.has()) {
    return plan.last_report->plus_days(*plan.cadence_days);
  }
  if (const auto start = card.delivery_start()) {
    return start->plus_days(*plan.cadence_days);
  }
  return std::nullopt;
}

namespace {

template <class T>
const T* find_by_id(const std::vector<T>& items, const std::string& id)
{
  for (const auto& item : items) {
    if (item.id.has() && *item.id == id) {
      return &item;
    }
  }
  return nullptr;
}

}  // namespace

const Requirement* Project::requirement(const std::string& id) const
{
  return find_by_id(requirements, id);
}

const Milestone* Project::milestone(const std::string& id) const
{
  return find_by_id(plan.milestones, id);
}

const Risk* Project::risk(const std::string& id) const
{
  return find_by_id(risks, id);
}

const ContractItem* Project::contract_item(const std::string& id) const
{
  return find_by_id(card.items, id);
}

std::optional<double> Payment::value(std::optional<double> contract_value) const
{
  if (amount.has()) {
    return *amount;
  }
  if (percent.has() && contract_value) {
    return *percent * *contract_value / 100.0;
  }
  return std::nullopt;
}

std::optional<Date> Project::payment_trigger(const Payment& payment, Date today) const
{
  switch (payment.due.kind) {
  case PaymentDue::Kind::milestone: {
    const Milestone* m = milestone(*payment.due.milestone);
    if (m != nullptr && m->finished() && m->done.has()) {
      return *m->done;
    }
    return std::nullopt;
  }
  case PaymentDue::Kind::acceptance:
    if (card.accepted.has()) {
      return *card.accepted;
    }
    return std::nullopt;
  case PaymentDue::Kind::date:
    if (*payment.due.date <= today) {
      return *payment.due.date;
    }
    return std::nullopt;
  case PaymentDue::Kind::none:
    break;
  }
  return std::nullopt;
}

bool Project::blocks_acceptance(const Requirement& r) const
{
  if (!r.is_must() || !r.id.has()) {
    return false;  // a requirement a change removed is gone from the file or set to wont
  }
  const AcceptanceResult* result = acceptance.result_for(*r.id);
  return result == nullptr || result->failed();
}

}  // namespace handoff::model
