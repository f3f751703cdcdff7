// Gate `handoff` (HF401–HF417): the Project Plan turns what was sold into owned, dated, testable
// milestones, with a RACI matrix that names who does what, and nothing promised or risky is left
// without an owner. HF411–HF414 (sign-offs and their git history) are added with the sign-off
// support and go in this file.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "rules/describe.hpp"
#include "rules/rule.hpp"
#include "support/text.hpp"

namespace handoff::rules {

namespace {

using rules::describe;

using model::Milestone;
using model::Record;
using model::Text;

// --- HF401 ---------------------------------------------------------------------------------

void check_hf401(Context& ctx)
{
  const auto& p = ctx.project;
  if (p.file(Record::plan).broken) {
    return;  // the milestones are unknown: HF001 already reports the file
  }
  for (const auto& req : p.requirements) {
    if (req.id.has() && req.is_must() && !p.covered(req)) {
      ctx.report(Record::requirements, req.pos,
                 "must requirement " + describe(req.id, req.title, req.pos)
                     + " is covered by no milestone; add it to a milestone's covers:",
                 {*req.id});
    }
  }
}

// --- HF402 ---------------------------------------------------------------------------------

void check_hf402(Context& ctx)
{
  for (const auto& m : ctx.project.plan.milestones) {
    std::vector<std::string> missing;
    std::vector<std::string> keys;
    if (!m.owner.has() && !m.owner.invalid) {
      missing.emplace_back("no owner");
      keys.emplace_back("owner:");
    }
    if (!m.due.has() && !m.due.invalid) {  // an invalid date is HF002's
      missing.emplace_back("no due date");
      keys.emplace_back("due:");
    }
    if (!m.acceptance.has()) {
      missing.emplace_back("no acceptance criterion");
      keys.emplace_back("acceptance:");
    }
    if (missing.empty()) {
      continue;
    }
    ctx.report(Record::plan, m.pos,
               "milestone " + describe(m) + " has " + support::join_words(missing) + "; add "
                   + support::join_words(keys),
               ids_of(m.id));
  }
}

// --- HF403 ---------------------------------------------------------------------------------

// Returns `text` lower-cased (ASCII) without blanks and ASCII punctuation, for comparisons that
// ignore case, spacing and punctuation.
std::string squeeze(std::string_view text)
{
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isspace(u) == 0 && (u >= 0x80 || std::ispunct(u) == 0)) {
      out += static_cast<char>(std::tolower(u));
    }
  }
  return out;
}

// Returns true when `text` says nothing yet: only punctuation, or a placeholder such as "TBD".
bool is_placeholder(std::string_view text)
{
  static const std::set<std::string> k_placeholders = {"tbd", "tbc", "tba", "todo", "na", "none", "待定"};
  const std::string s = squeeze(text);
  return s.empty() || k_placeholders.count(s) != 0;
}

// Returns true when `token` is a date written as YYYY-MM-DD, YYYY/MM/DD or YYYY.MM.DD.
bool is_date_token(std::string token)
{
  std::replace(token.begin(), token.end(), '/', '-');
  std::replace(token.begin(), token.end(), '.', '-');
  return support::Date::parse(token).has_value();
}

// Returns true when `text` is a date and nothing else, apart from words like "by" or "done on".
bool is_only_a_date(std::string_view text)
{
  static const std::set<std::string> k_filler = {
      "by",       "on",       "at",   "before", "until",  "till", "due",   "done", "complete", "completed",
      "finished", "deadline", "date", "the",    "latest", "no",   "later", "than", "end",      "of"};
  bool date = false;
  std::string token;
  auto flush = [&]() {
    if (token.empty()) {
      return true;
    }
    std::string lower = token;
    while (!lower.empty() && (lower.back() == '.' || lower.back() == '!')) {
      lower.pop_back();  // the end of a sentence
    }
    for (auto& c : lower) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    token.clear();
    if (is_date_token(lower)) {
      date = true;
      return true;
    }
    return k_filler.count(lower) != 0;
  };
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isspace(u) != 0 || c == ',' || c == ';' || c == ':' || c == '(' || c == ')') {
      if (!flush()) {
        return false;
      }
    } else {
      token += c;
    }
  }
  return flush() && date;
}

void check_hf403(Context& ctx)
{
  const std::string fix = "; say what the customer will see or measure when it is done";
  for (const auto& m : ctx.project.plan.milestones) {
    if (!m.acceptance.has()) {
      continue;  // HF402 reports a missing acceptance criterion
    }
    const std::string& text = *m.acceptance;
    std::string problem;
    if (is_placeholder(text)) {
      problem = "which is a placeholder";
    } else if (m.name.has() && squeeze(text) == squeeze(*m.name)) {
      problem = "which only repeats its name";
    } else if (is_only_a_date(text)) {
      problem = "which is only a date";
    } else {
      continue;
    }
    ctx.report(Record::plan, m.acceptance.pos,
               "milestone " + describe(m) + " has acceptance " + quote(text) + ", " + problem + fix, ids_of(m.id));
  }
}

// --- HF404 ---------------------------------------------------------------------------------

void check_hf404(Context& ctx)
{
  const auto& go_live = ctx.project.card.go_live;
  if (!go_live.has()) {
    return;
  }
  for (const auto& m : ctx.project.plan.milestones) {
    if (!m.due.has() || *m.due <= *go_live) {
      continue;
    }
    ctx.report(Record::plan, m.due.pos,
               "milestone " + describe(m) + " is due " + m.due->str() + ", "
                   + support::plural(support::days_between(*go_live, *m.due), "day")
                   + " after the go-live promised to the customer (" + go_live->str()
                   + "); re-plan it to finish by go-live, or agree a new go-live date with the customer and record it "
                     "with an approved change request that affects go_live",
               ids_of(m.id));
  }
}

// --- HF405 ---------------------------------------------------------------------------------

// The depends_on graph of a plan: node i is the i-th milestone with an id (first of duplicates).
struct Graph {
  struct Edge {
    std::size_t to;
    const Text* item;  // the depends_on entry
  };
  std::vector<const Milestone*> nodes;
  std::vector<std::vector<Edge>> edges;

  explicit Graph(const std::vector<Milestone>& milestones)
  {
    std::map<std::string, std::size_t> index;
    for (const auto& m : milestones) {
      if (m.id.has() && index.emplace(*m.id, nodes.size()).second) {
        nodes.push_back(&m);
      }
    }
    edges.resize(nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      for (const auto& dep : nodes[i]->depends_on.items) {
        if (!dep.has()) {
          continue;
        }
        if (auto it = index.find(*dep); it != index.end()) {
          edges[i].push_back({it->second, &dep});
        }
      }
    }
  }

  // Returns true when `to` can be reached from `from`.
  bool reaches(std::size_t from, std::size_t to) const
  {
    std::vector<bool> seen(nodes.size());
    std::vector<std::size_t> todo = {from};
    seen[from] = true;
    while (!todo.empty()) {
      const std::size_t n = todo.back();
      todo.pop_back();
      if (n == to) {
        return true;
      }
      for (const auto& e : edges[n]) {
        if (!seen[e.to]) {
          seen[e.to] = true;
          todo.push_back(e.to);
        }
      }
    }
    return false;
  }
};

void check_hf405(Context& ctx)
{
  const Graph g(ctx.project.plan.milestones);
  const std::size_t n = g.nodes.size();

  // Cycles: a depth-first search in file order; each edge back into the current path closes one cycle.
  enum class Color : unsigned char { white, grey, black };
  std::vector<Color> color(n, Color::white);
  bool any_cycle = false;
  for (std::size_t root = 0; root < n; ++root) {
    if (color[root] != Color::white) {
      continue;
    }
    std::vector<std::pair<std::size_t, std::size_t>> stack = {{root, 0}};  // node, next edge
    color[root] = Color::grey;
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      if (next == g.edges[node].size()) {
        color[node] = Color::black;
        stack.pop_back();
        continue;
      }
      const auto& edge = g.edges[node][next++];
      if (color[edge.to] == Color::white) {
        color[edge.to] = Color::grey;
        stack.emplace_back(edge.to, 0);
        continue;
      }
      if (color[edge.to] != Color::grey) {
        continue;
      }
      any_cycle = true;
      const Milestone& from = *g.nodes[node];
      if (edge.to == node) {
        ctx.report(Record::plan, edge.item->pos,
                   "milestone " + describe(from) + " depends on itself; remove " + *from.id + " from its depends_on:",
                   {*from.id});
        continue;
      }
      std::vector<std::string> ids;
      auto at = std::find_if(stack.begin(), stack.end(), [&](const auto& s) { return s.first == edge.to; });
      for (; at != stack.end(); ++at) {
        ids.push_back(*g.nodes[at->first]->id);
      }
      std::string path;
      for (const auto& id : ids) {
        path += id + " → ";
      }
      path += ids.front();
      ctx.report(Record::plan, edge.item->pos,
                 "milestones depend on each other in a cycle: " + path
                     + " (each depends on the next); remove one of these dependencies",
                 ids);
    }
  }

  // Order: a milestone due before one it depends on. Edges inside a cycle are left to the cycle finding.
  for (std::size_t i = 0; i < n; ++i) {
    const Milestone& m = *g.nodes[i];
    for (const auto& edge : g.edges[i]) {
      const Milestone& dep = *g.nodes[edge.to];
      if (edge.to == i || !m.due.has() || !dep.due.has() || *m.due >= *dep.due) {
        continue;
      }
      if (any_cycle && g.reaches(edge.to, i)) {
        continue;
      }
      ctx.report(Record::plan, edge.item->pos,
                 "milestone " + describe(m) + " is due " + m.due->str() + ", "
                     + support::plural(support::days_between(*m.due, *dep.due), "day") + " before " + describe(dep)
                     + " (due " + dep.due->str() + "), which it depends on; move " + *m.id + " after " + *dep.id
                     + " or remove the dependency",
                 {*m.id, *dep.id});
    }
  }
}

// --- HF406, HF407, HF408 -------------------------------------------------------------------

std::string describe(const model::RaciRow& row)
{
  if (row.activity.has()) {
    return "RACI activity " + quote(*row.activity);
  }
  return "RACI row at line " + std::to_string(row.pos.line);
}

bool is_accountable(const model::RaciCell& cell)
{
  return cell.value.has() && (*cell.value == "A" || *cell.value == "A/R");
}

bool is_responsible(const model::RaciCell& cell)
{
  return cell.value.has() && (*cell.value == "R" || *cell.value == "A/R");
}

void check_hf406(Context& ctx)
{
  for (const auto& row : ctx.project.plan.raci) {
    std::vector<std::string> roles;
    for (const auto& cell : row.cells) {
      if (is_accountable(cell)) {
        roles.push_back(cell.role);
      }
    }
    if (roles.size() == 1) {
      continue;
    }
    if (roles.empty()) {
      ctx.report(Record::plan, row.pos,
                 describe(row) + " has no Accountable; mark exactly one role A (or A/R), the one who answers for it");
      continue;
    }
    ctx.report(Record::plan, row.pos,
               describe(row) + " has " + std::to_string(roles.size()) + " Accountables (" + support::join_words(roles)
                   + "); keep exactly one A and make the others R, C or I",
               roles);
  }
}

void check_hf407(Context& ctx)
{
  for (const auto& row : ctx.project.plan.raci) {
    if (std::none_of(row.cells.begin(), row.cells.end(), is_responsible)) {
      ctx.report(Record::plan, row.pos,
                 describe(row) + " has no Responsible; mark the role that does the work R (or A/R)");
    }
  }
}

void check_hf408(Context& ctx)
{
  const auto& p = ctx.project;
  if (p.file(Record::project).broken) {
    return;  // the team is unknown
  }
  std::set<std::string> held;
  for (const auto& m : p.card.team) {
    if (m.person.has()) {
      held.insert(m.role);
    }
  }
  for (const auto& row : p.plan.raci) {
    for (const auto& cell : row.cells) {
      if (cell.role == "customer" || held.count(cell.role) != 0 || !ctx.config.has_role(cell.role)) {
        continue;  // an unknown role is HF007's
      }
      ctx.report(Record::plan, cell.pos,
                 describe(row) + " assigns the " + cell.role + " role, but nobody in the team holds it; add "
                     + cell.role + ": to team: in project.yaml, or give the work to a role the team has",
                 {cell.role});
    }
  }
}

// --- HF409 ---------------------------------------------------------------------------------

void check_hf409(Context& ctx)
{
  const auto& p = ctx.project;
  // When a file that could hold the referenced ids cannot be read, an unresolved id proves nothing.
  const bool unknown = p.file(Record::requirements).broken || p.file(Record::plan).broken;
  for (const auto& c : p.card.commitments) {
    std::vector<std::string> refs;
    bool resolved = false;
    for (const auto& id : c.refs.items) {
      if (id.has()) {
        refs.push_back(*id);
        resolved = resolved || p.requirement(*id) != nullptr || p.milestone(*id) != nullptr;
      }
    }
    const std::string what = "commitment " + describe(c.id, c.text, c.pos);
    const core::Pos pos = c.refs.written ? c.refs.pos : c.pos;
    if (refs.empty()) {
      ctx.report(Record::project, pos,
                 what
                     + " is not traced to any requirement or milestone; add refs: with the requirements or "
                       "milestones that honour it",
                 ids_of(c.id));
    } else if (!resolved && !unknown) {
      std::vector<std::string> ids = ids_of(c.id);
      ids.insert(ids.end(), refs.begin(), refs.end());
      ctx.report(Record::project, pos,
                 what + " refers only to ids that do not exist (" + support::join_words(refs, ", ")
                     + "); point refs: at the requirements or milestones that honour it",
                 ids);
    }
  }
}

// --- HF410 ---------------------------------------------------------------------------------

void check_hf410(Context& ctx)
{
  for (const auto& r : ctx.project.risks) {
    const auto score = r.score();
    if (!score || *score < 15 || !r.live()) {
      continue;
    }
    std::vector<std::string> missing;
    std::vector<std::string> fixes;
    if (!r.owner.has()) {
      missing.emplace_back("no owner");
      fixes.emplace_back("name an owner:");
    }
    if (!r.mitigation.has()) {
      missing.emplace_back("no mitigation");
      fixes.emplace_back("record the mitigation: (what is done about it)");
    }
    if (missing.empty()) {
      continue;
    }
    ctx.report(Record::risks, r.pos,
               "risk " + describe(r.id, r.title, r.pos) + " scores " + std::to_string(*score) + " (probability "
                   + std::to_string(*r.probability) + " x impact " + std::to_string(*r.impact) + ") but has "
                   + support::join_words(missing) + "; " + support::join_words(fixes),
               ids_of(r.id));
  }
}

// HF411–HF414 (sign-offs, signed content, signer roles, sign-off authors in git) go here.

}  // namespace

// --- HF417 ---------------------------------------------------------------------------------

void check_hf417(Context& ctx)
{
  const auto& p = ctx.project;
  if (p.file(Record::project).broken) {
    return;
  }
  const model::Kickoff& k = p.card.kickoff;
  const std::string example = "kickoff: {date: YYYY-MM-DD, attendees: [sales owner, implementation owner], "
                              "customer_attendees: [...], notes: ...}";
  if (!p.card.has_kickoff) {
    ctx.report(Record::project, ctx.stage_pos(),
               "no kickoff is recorded; hold the kickoff meeting where sales hands the project to implementation and "
               "record it in project.yaml: "
                   + example);
    return;
  }
  if (!k.date.has()) {
    if (!k.date.invalid) {  // an invalid date is HF002's
      ctx.report(Record::project, k.pos, "the kickoff has no date; add date: (when the kickoff took place)");
    }
  }
  std::vector<std::string> missing;
  std::vector<std::string> ids;
  for (const char* role : {"sales", "implementation"}) {
    const model::TeamMember* owner = p.card.member(role);
    if (owner == nullptr || !owner->person.has()) {
      continue;  // no owner to expect (HF102 reports a missing sales owner)
    }
    const bool present = std::any_of(k.attendees.items.begin(), k.attendees.items.end(),
                                     [&](const Text& a) { return a.has() && *a == *owner->person; });
    if (!present) {
      missing.push_back("the " + std::string(role) + " owner " + *owner->person);
      ids.push_back(*owner->person);
    }
  }
  if (missing.empty()) {
    return;
  }
  ctx.report(Record::project, k.attendees.written ? k.attendees.pos : k.pos,
             "the kickoff's attendees do not include " + support::join_words(missing)
                 + "; the handoff is made in person by both sides: add them to kickoff attendees: (or hold the "
                   "kickoff again with them)",
             ids);
}

std::vector<Rule> handoff_rules()
{
  using core::Gate;
  using core::Severity;
  return {
      {"HF401", Gate::handoff, Severity::error, "Must requirement covered by no milestone",
       "A must requirement that no milestone delivers has no date, no owner and no acceptance: nobody is planning "
       "to build it, and the customer will find out at acceptance. Add its id to the `covers:` of the milestone "
       "that delivers it.",
       "# plan.yaml\nmilestones:\n  - id: M2\n    name: Order tracking live\n    covers: [REQ-001, REQ-003]\n",
       check_hf401},
      {"HF402", Gate::handoff, Severity::error, "Milestone without owner, due date or acceptance",
       "A milestone is a promise inside the plan: someone owns it, it has a date, and both sides know what shows "
       "it is done. Without any one of the three it cannot be tracked or accepted. Add `owner:`, `due:` and "
       "`acceptance:` as the message says.",
       "- id: M1\n  name: Business blueprint signed\n  due: 2026-11-15\n  owner: zhang.min\n"
       "  acceptance: Customer signs the blueprint; every must requirement is mapped to a process\n",
       check_hf402},
      {"HF403", Gate::handoff, Severity::warning, "Milestone acceptance is not an outcome",
       "A milestone's acceptance criterion should say what the customer will see or measure when it is done. A "
       "placeholder (\"TBD\", \"-\"), a repeat of the milestone's name (ignoring case, spaces and punctuation) or "
       "only a date (\"by 2026-11-15\") leaves \"done\" to argument. Write the observable outcome instead. A "
       "missing criterion is HF402's.",
       "- id: M3\n  name: Integration tested\n  acceptance: 50 test orders flow from ERP to MES and back without "
       "manual fixes\n",
       check_hf403},
      {"HF404", Gate::handoff, Severity::error, "Milestone due after the promised go-live",
       "The plan must deliver what was promised by the go-live date in the contract (`contract.go_live`); a "
       "milestone due later means the plan already breaks the promise. Re-plan the milestone to finish by "
       "go-live, or agree a new go-live date with the customer: record the slip as a change request that affects "
       "`go_live`, get it approved, and set the new date in project.yaml. HF404 compares with the current "
       "`contract.go_live`; the original promise stays in the signed baseline and in git, and HF501 accepts the "
       "new date because the approved request names it.",
       "# project.yaml\ncontract:\n  go_live: 2027-01-15\n# plan.yaml\n- id: M4\n  due: 2027-01-15\n", check_hf404},
      {"HF405", Gate::handoff, Severity::error, "Milestone dependency cycle or order",
       "`depends_on` says which milestones must be finished first. A cycle (M1 depends on M2, M2 on M1) can never "
       "be scheduled, and a milestone due before one it depends on cannot be met. Each cycle is reported once, "
       "with its path; remove one of its dependencies, or move the dates so each milestone comes after the ones "
       "it depends on.",
       "- id: M1\n  due: 2026-11-15\n- id: M2\n  due: 2026-12-18\n  depends_on: [M1]\n", check_hf405},
      {"HF406", Gate::handoff, Severity::error, "RACI activity without exactly one Accountable",
       "Each activity in the RACI matrix needs exactly one Accountable role (A, or A/R when it also does the "
       "work): the one who answers for it. None means nobody answers for it; two means each expects the other "
       "to. Mark exactly one role A and make the others R, C or I.",
       "raci:\n  - activity: Requirement clarification\n    sales: A\n    presales: R\n    implementation: C\n",
       check_hf406},
      {"HF407", Gate::handoff, Severity::error, "RACI activity without a Responsible",
       "Each activity in the RACI matrix needs at least one Responsible role (R, or A/R) that does the work; an "
       "activity with only accountable, consulted and informed roles is one nobody does. Mark the role that does "
       "the work R.",
       "raci:\n  - activity: Configuration and integration\n    implementation: A/R\n    pm: I\n", check_hf407},
      {"HF408", Gate::handoff, Severity::error, "RACI role nobody in the team holds",
       "A RACI row that gives work to a role nobody holds in the project's `team:` assigns it to no one. Add the "
       "person holding the role under `team:` in project.yaml, or give the work to a role the team has. The "
       "`customer` role is exempt: the customer is not part of the team.",
       "# project.yaml\nteam:\n  pm: zhang.min\n# plan.yaml\nraci:\n  - activity: Status reporting\n    pm: A/R\n"
       "    customer: I\n",
       check_hf408},
      {"HF409", Gate::handoff, Severity::error, "Commitment not traced to a requirement or milestone",
       "Promises made during the sale (`commitments:` in project.yaml) are lost at handoff unless they become "
       "requirements or milestones that the team plans and delivers. List in `refs:` the requirements or "
       "milestones that honour the commitment; refs that name no existing id do not count.",
       "commitments:\n  - id: C-1\n    text: Go-live within 3 months of signature\n    refs: [M4]\n", check_hf409},
      {"HF410", Gate::handoff, Severity::error, "High risk without owner or mitigation",
       "A risk scoring 15 or more (probability x impact, each 1 to 5) can sink the project; handing it over "
       "without an owner and a mitigation means the delivery team inherits it without a plan. Name the `owner:` "
       "and record the `mitigation:` (for an accepted risk, the contingency). Mitigated and closed risks are not "
       "checked.",
       "- id: R-1\n  title: ERP interface is undocumented\n  probability: 4\n  impact: 4\n  owner: zhang.min\n"
       "  mitigation: Reverse-engineer on the test system during M1\n",
       check_hf410},
      {"HF417", Gate::handoff, Severity::error, "No kickoff, or the sales and implementation owners were not there",
       "The handoff is a meeting, not a file transfer: at the kickoff sales walks implementation through what was "
       "sold and promised, and the customer meets the delivery team. Record it in project.yaml under "
       "`kickoff:` with its `date`, the `attendees` from our side (people of the registry; they must include "
       "the sales and the implementation owner of `team:`), the `customer_attendees` (free text) and `notes`.",
       "kickoff:\n  date: 2026-10-09\n  attendees: [li.wei, zhang.min, wang.lei]\n  customer_attendees: [Wang Fang]\n"
       "  notes: Scope, milestones and the go-live promise walked through\n",
       check_hf417},
  };
}

}  // namespace handoff::rules
