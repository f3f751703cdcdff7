#include "notify/events.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "git/repo.hpp"
#include "io/filesystem.hpp"
#include "model/load.hpp"
#include "rules/describe.hpp"
#include "signoff/baseline.hpp"
#include "support/text.hpp"

namespace handoff::notify {

namespace {

using support::Date;

// The sides that approve every change request and sign the agreement.
constexpr const char* k_sides[] = {"sales", "implementation"};

// Two versions of one project: as the revision has it and as the working tree has it.
struct Versions {
  const model::Project& before;
  const model::Project& after;
  Date rev_day;  // the day the revision was committed: what "overdue at the revision" is judged on
  Date today;
  std::vector<Event>& events;
  long long payment_terms_days;  // handoff.yaml payment_terms_days (HF515)

  // Returns the person holding `role` in the working tree's team, or "".
  std::string holder(const std::string& role) const
  {
    const model::TeamMember* member = after.card.member(role);
    return member != nullptr && member->person.has() ? *member->person : std::string();
  }

  void add(std::string kind, std::vector<std::string> ids, std::vector<std::string> persons, std::string text,
           std::string text_zh) const
  {
    std::erase(persons, std::string());
    std::sort(persons.begin(), persons.end());
    persons.erase(std::unique(persons.begin(), persons.end()), persons.end());
    events.push_back(
        {std::move(kind), after.folder, std::move(ids), std::move(persons), std::move(text), std::move(text_zh)});
  }
};

// The roles a change request needs approvals of: both sides, and the customer when it is
// out of scope (HF502, HF503).
std::vector<std::string> roles_needed(const model::Change& c)
{
  std::vector<std::string> roles(std::begin(k_sides), std::end(k_sides));
  if (c.classification.has() && *c.classification == "out_of_scope") {
    roles.emplace_back("customer");
  }
  return roles;
}

const model::Change* change_by_id(const model::Project& p, const std::string& id)
{
  for (const auto& c : p.changes) {
    if (c.id.has() && *c.id == id) {
      return &c;
    }
  }
  return nullptr;
}

// A change request that is new since the revision and waits for approvals, or that gained an
// approval and still waits for another.
void change_events(const Versions& v)
{
  for (const auto& c : v.after.changes) {
    if (!c.id.has() || c.state() == "rejected" || c.state() == "implemented") {
      continue;
    }
    std::vector<std::string> missing;
    std::vector<std::string> approved;
    for (const auto& role : roles_needed(c)) {
      (c.approved_for(role) ? approved : missing).push_back(role);
    }
    if (missing.empty()) {
      continue;
    }
    std::vector<std::string> persons;
    persons.reserve(missing.size());
    for (const auto& role : missing) {
      persons.push_back(v.holder(role));
    }
    const std::string what = rules::describe(c.id, c.title, c.pos);
    const std::string what_zh = rules::describe_zh(c.id, c.title, c.pos);
    const model::Change* old = change_by_id(v.before, *c.id);
    if (old == nullptr) {
      v.add("change_proposed", {*c.id}, std::move(persons),
            fmt::format("new change request {} ({}) waits for the {} approval{}", what, c.state(),
                        support::join_words(missing), missing.size() > 1 ? "s" : ""),
            fmt::format("新的变更申请 {}（{}）等待 {} 审批", what_zh, c.state(), support::join_zh(missing)));
      continue;
    }
    std::vector<std::string> fresh;
    std::vector<std::string> fresh_zh;
    for (const auto& a : c.approvals) {
      if (a.role.has() && !old->approved_for(*a.role)) {
        const std::string by = a.by.has() ? " (" + *a.by + ")" : "";
        fresh.push_back(*a.role + by);
        fresh_zh.push_back(*a.role + (a.by.has() ? "（" + *a.by + "）" : ""));
      }
    }
    if (fresh.empty()) {
      continue;
    }
    v.add("change_approved", {*c.id}, std::move(persons),
          fmt::format("change request {} was approved by {} and waits for the {} approval{}", what,
                      support::join_words(fresh), support::join_words(missing), missing.size() > 1 ? "s" : ""),
          fmt::format("变更申请 {} 已获 {}{}批准，等待 {} 审批", what_zh, support::join_zh(fresh_zh),
                      support::join_zh(fresh_zh).ends_with("）") ? "" : " ", support::join_zh(missing)));
  }
}

// The roles of k_sides whose holder has not signed yet, and their holders.
std::vector<std::string> unsigned_sides(const model::Project& p)
{
  std::vector<std::string> out;
  for (const char* role : k_sides) {
    if (signoff::latest_signoff(p, role) == nullptr) {
      out.emplace_back(role);
    }
  }
  return out;
}

// A sign-off entry added since the revision; the project arriving at handoff without its
// sign-offs.
void signoff_events(const Versions& v)
{
  const model::Project& p = v.after;
  const bool baseline = !p.file(model::Record::signoffs).broken && signoff::find_baseline(p).has_value();
  const auto holders = [&v](const std::vector<std::string>& roles) {
    std::vector<std::string> out;
    out.reserve(roles.size());
    for (const auto& role : roles) {
      out.push_back(v.holder(role));
    }
    return out;
  };
  const std::vector<std::string> missing = baseline ? std::vector<std::string>{} : unsigned_sides(p);
  const std::size_t known = v.before.signoffs.size();
  for (std::size_t i = known; i < p.signoffs.size(); ++i) {
    const model::Signoff& s = p.signoffs[i];
    const std::string role = s.role.value_or("?");
    const std::string who = s.person.value_or("?");
    const std::string date = s.date.has() ? s.date->str() : "?";
    std::vector<std::string> others = missing;
    std::erase(others, role);
    std::string rest;
    std::string rest_zh;
    if (baseline) {
      rest = "; sales and implementation have both signed the same records";
      rest_zh = "；sales 与 implementation 已对同一份记录签字";
    } else if (others.empty()) {
      // Both sides signed, but not over the same content (HF411): both must sign again.
      others.assign(std::begin(k_sides), std::end(k_sides));
      rest = "; the records differ from what the other side signed: sales and implementation must sign the same "
             "records";
      rest_zh = "；与另一方签字时的记录不同：sales 与 implementation 需对同一份记录签字";
    } else {
      rest = fmt::format("; the {} sign-off is needed", support::join_words(others));
      rest_zh = fmt::format("；还需要 {} 的签字", support::join_zh(others));
    }
    v.add("signoff_made", {}, holders(others), fmt::format("{} signed as {} on {}{}", who, role, date, rest),
          fmt::format("{} 已以 {} 身份签字（{}）{}", who, role, date, rest_zh));
  }
  if (p.stage() == core::Stage::handoff && v.before.stage() != core::Stage::handoff && !baseline
      && p.signoffs.size() <= known && !missing.empty()) {
    v.add("signoff_needed", {}, holders(missing),
          fmt::format("the project reached handoff and needs the {} sign-off{}; review the records and sign with "
                      "`handoff sign {} --role ROLE`",
                      support::join_words(missing), missing.size() > 1 ? "s" : "", p.folder),
          fmt::format("项目已进入 handoff 阶段，需要 {} 的签字；请审阅记录后用 `handoff sign {} --role ROLE` 签字",
                      support::join_zh(missing), p.folder));
  }
}

// A milestone that is overdue today and was not at the revision (absent, finished, or due on
// or after the day the revision was committed).
void milestone_events(const Versions& v)
{
  std::map<std::string, const model::Milestone*> old;
  for (const auto& m : v.before.plan.milestones) {
    if (m.id.has()) {
      old.emplace(*m.id, &m);
    }
  }
  for (const auto& m : v.after.plan.milestones) {
    if (!m.id.has() || !m.overdue(v.today)) {
      continue;
    }
    const auto it = old.find(*m.id);
    if (it != old.end() && it->second->overdue(v.rev_day)) {
      continue;
    }
    const long long days = support::days_between(*m.due, v.today);
    v.add(
        "milestone_overdue", {*m.id}, {m.owner.value_or("")},
        fmt::format("milestone {} became overdue: due {}, not done ({} late)", rules::describe(m), m.due->str(),
                    support::plural(days, "day")),
        fmt::format("里程碑 {} 已逾期：到期日 {}，尚未完成（逾期 {} 天）", rules::describe_zh(m), m.due->str(), days));
  }
}

// An invoiced payment not received that is past the payment terms today and was not at the
// revision (absent, not invoiced, received, or still within its terms then): HF515's condition.
void payment_events(const Versions& v)
{
  const auto overdue = [&](const model::Payment& p, Date day) {
    return p.invoiced.has() && !p.received.has() && !p.received.invalid && !p.written_off.has()
           && support::days_between(*p.invoiced, day) > v.payment_terms_days;
  };
  std::map<std::string, const model::Payment*> old;
  for (const auto& p : v.before.card.payments) {
    if (p.id.has()) {
      old.emplace(*p.id, &p);
    }
  }
  for (const auto& p : v.after.card.payments) {
    if (!p.id.has() || !overdue(p, v.today)) {
      continue;
    }
    if (const auto it = old.find(*p.id); it != old.end() && overdue(*it->second, v.rev_day)) {
      continue;
    }
    const long long days = support::days_between(*p.invoiced, v.today);
    const std::string finance = v.holder("finance");
    const std::string title = p.title.has() ? " " + rules::quote(*p.title) : "";
    v.add("payment_overdue", {*p.id}, {finance.empty() ? v.holder("sales") : finance},
          fmt::format("payment {}{} became overdue: invoiced {}, not received {} later (terms: {}); chase it", *p.id,
                      title, p.invoiced->str(), support::plural(days, "day"),
                      support::plural(v.payment_terms_days, "day")),
          fmt::format("回款 {}{} 已逾期：{} 开票，{} 天后仍未到账（账期 {} 天）；请催收", *p.id, title,
                      p.invoiced->str(), days, v.payment_terms_days));
  }
}

// A failed acceptance result recorded since the revision (the latest result of its requirement).
void acceptance_events(const Versions& v)
{
  std::map<std::string, std::size_t> before;
  for (const auto& r : v.before.acceptance.results) {
    if (r.requirement.has()) {
      ++before[*r.requirement];
    }
  }
  std::map<std::string, std::size_t> after;
  for (const auto& r : v.after.acceptance.results) {
    if (r.requirement.has()) {
      ++after[*r.requirement];
    }
  }
  std::set<std::string> done;
  for (const auto& r : v.after.acceptance.results) {
    if (!r.requirement.has() || !done.insert(*r.requirement).second) {
      continue;
    }
    const std::string& id = *r.requirement;
    const model::AcceptanceResult* latest = v.after.acceptance.result_for(id);
    if (latest == nullptr || !latest->failed() || after[id] <= before[id]) {
      continue;
    }
    std::string what = id;
    std::string what_zh = id;
    for (const auto& req : v.after.requirements) {
      if (req.id.has() && *req.id == id) {
        what = rules::describe(req);
        what_zh = rules::describe_zh(req);
      }
    }
    const std::string note = latest->note.has() ? ": " + rules::quote(*latest->note) : "";
    const std::string note_zh = latest->note.has() ? "：" + rules::quote(*latest->note) : "";
    v.add("acceptance_failed", {id}, {v.holder("implementation"), v.holder("pm")},
          fmt::format("the customer's acceptance of requirement {} failed{}; fix it and plan a retest", what, note),
          fmt::format("需求 {} 的客户验收未通过{}；请修复并安排复测", what_zh, note_zh));
  }
}

}  // namespace

std::vector<Event> events_since(const workspace::Workspace& ws, const std::vector<std::string>& ids,
                                const std::string& rev, Date today, std::string& commit)
{
  const std::vector<std::string> which = ids.empty() ? ws.project_ids() : ids;
  std::vector<std::string> paths;
  for (const auto& id : which) {
    for (int r = 0; r < model::k_record_count; ++r) {
      paths.push_back(
          io::join(io::join(ws.config().projects_dir, id), model::file_name(static_cast<model::Record>(r))));
    }
  }
  const git::Revision revision = git::read_revision(ws.root(), rev, paths, ws.load_options().max_file_size);
  commit = revision.commit;
  io::MemoryFileSystem old_fs;
  for (const auto& [path, content] : revision.files) {
    if (content) {
      old_fs.add(path, *content);
    }
  }
  std::vector<Event> events;
  for (const auto& id : which) {
    const model::ProjectResult now = ws.load(id);
    const model::Project& after = now.project;
    if (after.inactive() || after.stage() == core::Stage::closed) {
      continue;
    }
    const model::ProjectResult then = model::load_project(old_fs, ws.config(), id, ws.load_options());
    const Versions v{then.project, after,  Date::from_days(revision.days),
                     today,        events, ws.config().payment_terms_days()};
    change_events(v);
    signoff_events(v);
    milestone_events(v);
    payment_events(v);
    acceptance_events(v);
  }
  return events;
}

}  // namespace handoff::notify
