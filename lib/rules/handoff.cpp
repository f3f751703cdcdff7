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
using rules::describe_zh;

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
                 {"must requirement " + describe(req.id, req.title, req.pos)
                      + " is covered by no milestone; add it to a milestone's covers:",
                  "must 需求 " + describe_zh(req.id, req.title, req.pos)
                      + " 没有被任何里程碑覆盖；请将它加入某个里程碑的 covers:"},
                 {*req.id});
    }
  }
}

// --- HF402 ---------------------------------------------------------------------------------

void check_hf402(Context& ctx)
{
  for (const auto& m : ctx.project.plan.milestones) {
    std::vector<std::string> missing;
    std::vector<std::string> missing_zh;
    std::vector<std::string> keys;
    if (!m.owner.has() && !m.owner.invalid) {
      missing.emplace_back("no owner");
      missing_zh.emplace_back("负责人");
      keys.emplace_back("owner:");
    }
    if (!m.due.has() && !m.due.invalid) {  // an invalid date is HF002's
      missing.emplace_back("no due date");
      missing_zh.emplace_back("计划日期");
      keys.emplace_back("due:");
    }
    if (!m.acceptance.has()) {
      missing.emplace_back("no acceptance criterion");
      missing_zh.emplace_back("验收标准");
      keys.emplace_back("acceptance:");
    }
    if (missing.empty()) {
      continue;
    }
    ctx.report(
        Record::plan, m.pos,
        {"milestone " + describe(m) + " has " + support::join_words(missing) + "; add " + support::join_words(keys),
         "里程碑 " + describe_zh(m) + " 缺少" + join_zh(missing_zh) + "；请添加 " + join_zh(keys)},
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
    std::string problem_zh;
    if (is_placeholder(text)) {
      problem = "which is a placeholder";
      problem_zh = "只是占位符";
    } else if (m.name.has() && squeeze(text) == squeeze(*m.name)) {
      problem = "which only repeats its name";
      problem_zh = "只是重复了里程碑名称";
    } else if (is_only_a_date(text)) {
      problem = "which is only a date";
      problem_zh = "只是一个日期";
    } else {
      continue;
    }
    ctx.report(Record::plan, m.acceptance.pos,
               {"milestone " + describe(m) + " has acceptance " + quote(text) + ", " + problem + fix,
                "里程碑 " + describe_zh(m) + " 的验收标准为 " + quote(text) + "，" + problem_zh
                    + "；请写明完成时客户能看到或测量到什么"},
               ids_of(m.id));
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
    ctx.report(
        Record::plan, m.due.pos,
        {"milestone " + describe(m) + " is due " + m.due->str() + ", "
             + support::plural(support::days_between(*go_live, *m.due), "day")
             + " after the go-live promised to the customer (" + go_live->str()
             + "); re-plan it to finish by go-live, or agree a new go-live date with the customer and record it "
               "with an approved change request that affects go_live",
         "里程碑 " + describe_zh(m) + " 的计划日期为 " + m.due->str() + "，比向客户承诺的上线日期（" + go_live->str()
             + "）晚 " + std::to_string(support::days_between(*go_live, *m.due))
             + " 天；请重新计划使其在上线前完成，或与客户商定新的上线日期，并用影响 go_live 的已批准变更申请记录"},
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
                   {"milestone " + describe(from) + " depends on itself; remove " + *from.id + " from its depends_on:",
                    "里程碑 " + describe_zh(from) + " 依赖了自身；请从其 depends_on: 中删除 " + *from.id},
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
                 {"milestones depend on each other in a cycle: " + path
                      + " (each depends on the next); remove one of these dependencies",
                  "里程碑之间存在循环依赖：" + path + "（每个都依赖下一个）；请删除其中一个依赖"},
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
                 {"milestone " + describe(m) + " is due " + m.due->str() + ", "
                      + support::plural(support::days_between(*m.due, *dep.due), "day") + " before " + describe(dep)
                      + " (due " + dep.due->str() + "), which it depends on; move " + *m.id + " after " + *dep.id
                      + " or remove the dependency",
                  "里程碑 " + describe_zh(m) + " 的计划日期为 " + m.due->str() + "，比它所依赖的 " + describe_zh(dep)
                      + "（计划日期 " + dep.due->str() + "）早 "
                      + std::to_string(support::days_between(*m.due, *dep.due)) + " 天；请将 " + *m.id + " 移到 "
                      + *dep.id + " 之后，或删除该依赖"},
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

std::string describe_zh(const model::RaciRow& row)
{
  if (row.activity.has()) {
    return "RACI 事项 " + quote(*row.activity);
  }
  return "第 " + std::to_string(row.pos.line) + " 行的 RACI 事项";
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
                 {describe(row) + " has no Accountable; mark exactly one role A (or A/R), the one who answers for it",
                  describe_zh(row) + " 没有最终负责人（Accountable）；请将且只将一个对其负责的角色标为 A（或 A/R）"});
      continue;
    }
    ctx.report(Record::plan, row.pos,
               {describe(row) + " has " + std::to_string(roles.size()) + " Accountables (" + support::join_words(roles)
                    + "); keep exactly one A and make the others R, C or I",
                describe_zh(row) + " 有 " + std::to_string(roles.size()) + " 个最终负责人（" + join_zh(roles)
                    + "）；请只保留一个 A，其余改为 R、C 或 I"},
               roles);
  }
}

void check_hf407(Context& ctx)
{
  for (const auto& row : ctx.project.plan.raci) {
    if (std::none_of(row.cells.begin(), row.cells.end(), is_responsible)) {
      ctx.report(Record::plan, row.pos,
                 {describe(row) + " has no Responsible; mark the role that does the work R (or A/R)",
                  describe_zh(row) + " 没有执行人（Responsible）；请将实际做事的角色标为 R（或 A/R）"});
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
                 {describe(row) + " assigns the " + cell.role + " role, but nobody in the team holds it; add "
                      + cell.role + ": to team: in project.yaml, or give the work to a role the team has",
                  describe_zh(row) + " 分配给了 " + cell.role
                      + " 角色，但团队中无人担任；请在 project.yaml 的 team: 中添加 " + cell.role
                      + ":，或把工作交给团队中已有的角色"},
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
    const std::string what_zh = "承诺 " + describe_zh(c.id, c.text, c.pos);
    const core::Pos pos = c.refs.written ? c.refs.pos : c.pos;
    if (refs.empty()) {
      ctx.report(Record::project, pos,
                 {what
                      + " is not traced to any requirement or milestone; add refs: with the requirements or "
                        "milestones that honour it",
                  what_zh + " 没有关联任何需求或里程碑；请添加 refs:，列出兑现该承诺的需求或里程碑"},
                 ids_of(c.id));
    } else if (!resolved && !unknown) {
      std::vector<std::string> ids = ids_of(c.id);
      ids.insert(ids.end(), refs.begin(), refs.end());
      ctx.report(Record::project, pos,
                 {what + " refers only to ids that do not exist (" + support::join_words(refs, ", ")
                      + "); point refs: at the requirements or milestones that honour it",
                  what_zh + " 引用的编号都不存在（" + support::join_words(refs, ", ")
                      + "）；请让 refs: 指向兑现该承诺的需求或里程碑"},
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
    std::vector<std::string> missing_zh;
    std::vector<std::string> fixes_zh;
    if (!r.owner.has()) {
      missing.emplace_back("no owner");
      fixes.emplace_back("name an owner:");
      missing_zh.emplace_back("负责人");
      fixes_zh.emplace_back("指定 owner:");
    }
    if (!r.mitigation.has()) {
      missing.emplace_back("no mitigation");
      fixes.emplace_back("record the mitigation: (what is done about it)");
      missing_zh.emplace_back("缓解措施");
      fixes_zh.emplace_back("记录 mitigation:（如何应对）");
    }
    if (missing.empty()) {
      continue;
    }
    ctx.report(Record::risks, r.pos,
               {"risk " + describe(r.id, r.title, r.pos) + " scores " + std::to_string(*score) + " (probability "
                    + std::to_string(*r.probability) + " x impact " + std::to_string(*r.impact) + ") but has "
                    + support::join_words(missing) + "; " + support::join_words(fixes),
                "风险 " + describe_zh(r.id, r.title, r.pos) + " 评分为 " + std::to_string(*score) + "（概率 "
                    + std::to_string(*r.probability) + " x 影响 " + std::to_string(*r.impact) + "），但缺少"
                    + join_zh(missing_zh) + "；请" + join_zh(fixes_zh)},
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
               {"no kickoff is recorded; hold the kickoff meeting where sales hands the project to implementation and "
                "record it in project.yaml: "
                    + example,
                "没有记录启动会；请召开由销售向实施移交项目的启动会，并记录在 project.yaml 中：" + example});
    return;
  }
  if (!k.date.has()) {
    if (!k.date.invalid) {  // an invalid date is HF002's
      ctx.report(Record::project, k.pos,
                 {"the kickoff has no date; add date: (when the kickoff took place)",
                  "启动会没有日期；请添加 date:（启动会召开的日期）"});
    }
  }
  std::vector<std::string> missing;
  std::vector<std::string> missing_zh;
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
      missing_zh.push_back(std::string(role) + " 负责人 " + *owner->person);
      ids.push_back(*owner->person);
    }
  }
  if (missing.empty()) {
    return;
  }
  ctx.report(Record::project, k.attendees.written ? k.attendees.pos : k.pos,
             {"the kickoff's attendees do not include " + support::join_words(missing)
                  + "; the handoff is made in person by both sides: add them to kickoff attendees: (or hold the "
                    "kickoff again with them)",
              "启动会参会人中没有" + join_zh(missing_zh)
                  + "；交接须由双方当面完成：请将其加入启动会的 attendees:（或邀请其重新召开启动会）"},
             ids);
}

std::vector<Rule> handoff_rules()
{
  using core::Gate;
  using core::Severity;
  return {
      {"HF401", Gate::handoff, Severity::error, "Must requirement covered by no milestone",
       "必须类需求未被任何里程碑覆盖",
       "A must requirement that no milestone delivers has no date, no owner and no acceptance: nobody is planning "
       "to build it, and the customer will find out at acceptance. Add its id to the `covers:` of the milestone "
       "that delivers it.",
       "没有任何里程碑交付的 must "
       "需求，既没有日期，也没有负责人和验收：没有人计划去做它，客户会在验收时才发现。请把它的编号加入交付它的里程碑的 "
       "`covers:`。",
       "# plan.yaml\nmilestones:\n  - id: M2\n    name: Order tracking live\n    covers: [REQ-001, REQ-003]\n",
       check_hf401},
      {"HF402", Gate::handoff, Severity::error, "Milestone without owner, due date or acceptance",
       "里程碑缺少负责人、计划日期或验收标准",
       "A milestone is a promise inside the plan: someone owns it, it has a date, and both sides know what shows "
       "it is done. Without any one of the three it cannot be tracked or accepted. Add `owner:`, `due:` and "
       "`acceptance:` as the message says.",
       "里程碑是计划中的承诺：有人负责、有日期，双方都知道怎样算完成。三者缺一，就无法跟踪或验收。请按消息所说添加 "
       "`owner:`、`due:` 和 `acceptance:`。",
       "- id: M1\n  name: Business blueprint signed\n  due: 2026-11-15\n  owner: zhang.min\n"
       "  acceptance: Customer signs the blueprint; every must requirement is mapped to a process\n",
       check_hf402},
      {"HF403", Gate::handoff, Severity::warning, "Milestone acceptance is not an outcome",
       "里程碑验收标准不是可验证的成果",
       "A milestone's acceptance criterion should say what the customer will see or measure when it is done. A "
       "placeholder (\"TBD\", \"-\"), a repeat of the milestone's name (ignoring case, spaces and punctuation) or "
       "only a date (\"by 2026-11-15\") leaves \"done\" to argument. Write the observable outcome instead. A "
       "missing criterion is HF402's.",
       "里程碑的验收标准应说明完成时客户能看到或测量到什么。占位符（“TBD”、“-"
       "”）、重复里程碑名称（忽略大小写、空格和标点），或只写日期（“2026-11-15 "
       "前”），都会让“完成”变成争论。请改写为可观察的成果。缺少验收标准由 HF402 报告。",
       "- id: M3\n  name: Integration tested\n  acceptance: 50 test orders flow from ERP to MES and back without "
       "manual fixes\n",
       check_hf403},
      {"HF404", Gate::handoff, Severity::error, "Milestone due after the promised go-live",
       "里程碑计划日期晚于承诺上线日期",
       "The plan must deliver what was promised by the go-live date in the contract (`contract.go_live`); a "
       "milestone due later means the plan already breaks the promise. Re-plan the milestone to finish by "
       "go-live, or agree a new go-live date with the customer: record the slip as a change request that affects "
       "`go_live`, get it approved, and set the new date in project.yaml. HF404 compares with the current "
       "`contract.go_live`; the original promise stays in the signed baseline and in git, and HF501 accepts the "
       "new date because the approved request names it.",
       "计划必须在合同约定的上线日期（`contract.go_live`"
       "）前交付承诺的内容；计划日期更晚的里程碑意味着计划本身已经违背了承诺。请重新安排该里程碑在上线前完成，或与客户"
       "商定新的上线日期：将延期记为影响 `go_live` 的变更申请，获得批准后在 project.yaml 中设置新日期。HF404 与当前的 "
       "`contract.go_live` 比较；原承诺保留在已签字的基线和 git 中，由于已批准的变更申请指明了新日期，HF501 会接受它。",
       "# project.yaml\ncontract:\n  go_live: 2027-01-15\n# plan.yaml\n- id: M4\n  due: 2027-01-15\n", check_hf404},
      {"HF405", Gate::handoff, Severity::error, "Milestone dependency cycle or order", "里程碑依赖存在循环或顺序错误",
       "`depends_on` says which milestones must be finished first. A cycle (M1 depends on M2, M2 on M1) can never "
       "be scheduled, and a milestone due before one it depends on cannot be met. Each cycle is reported once, "
       "with its path; remove one of its dependencies, or move the dates so each milestone comes after the ones "
       "it depends on.",
       "`depends_on` 说明哪些里程碑必须先完成。循环依赖（M1 依赖 M2，M2 又依赖 "
       "M1）永远无法排期，而计划日期早于其所依赖里程碑的里程碑也不可能按期完成。每个循环只报告一次，并给出其路径；请去"
       "掉其中一个依赖，或调整日期，使每个里程碑都在其依赖的里程碑之后。",
       "- id: M1\n  due: 2026-11-15\n- id: M2\n  due: 2026-12-18\n  depends_on: [M1]\n", check_hf405},
      {"HF406", Gate::handoff, Severity::error, "RACI activity without exactly one Accountable",
       "RACI 事项没有唯一的最终负责人",
       "Each activity in the RACI matrix needs exactly one Accountable role (A, or A/R when it also does the "
       "work): the one who answers for it. None means nobody answers for it; two means each expects the other "
       "to. Mark exactly one role A and make the others R, C or I.",
       "RACI 矩阵中的每项事项都需要且只需要一个最终负责（Accountable）角色（A，或同时执行工作时为 "
       "A/R）：对结果负责的人。没有则无人负责；有两个则彼此指望对方。请只将一个角色标为 A，其余标为 R、C 或 I。",
       "raci:\n  - activity: Requirement clarification\n    sales: A\n    presales: R\n    implementation: C\n",
       check_hf406},
      {"HF407", Gate::handoff, Severity::error, "RACI activity without a Responsible", "RACI 事项没有执行人",
       "Each activity in the RACI matrix needs at least one Responsible role (R, or A/R) that does the work; an "
       "activity with only accountable, consulted and informed roles is one nobody does. Mark the role that does "
       "the work R.",
       "RACI 矩阵中的每项事项都至少需要一个执行（Responsible）角色（R 或 "
       "A/R）来实际做事；只有负责、咨询和知会角色的事项没有人去做。请将实际做事的角色标为 R。",
       "raci:\n  - activity: Configuration and integration\n    implementation: A/R\n    pm: I\n", check_hf407},
      {"HF408", Gate::handoff, Severity::error, "RACI role nobody in the team holds", "RACI 角色在团队中无人担任",
       "A RACI row that gives work to a role nobody holds in the project's `team:` assigns it to no one. Add the "
       "person holding the role under `team:` in project.yaml, or give the work to a role the team has. The "
       "`customer` role is exempt: the customer is not part of the team.",
       "RACI 行把工作分配给项目 `team:` 中无人担任的角色，等于没有分配给任何人。请在 project.yaml 的 `team:` "
       "下添加担任该角色的人员，或把工作交给团队中已有的角色。`customer` 角色除外：客户不属于团队。",
       "# project.yaml\nteam:\n  pm: zhang.min\n# plan.yaml\nraci:\n  - activity: Status reporting\n    pm: A/R\n"
       "    customer: I\n",
       check_hf408},
      {"HF409", Gate::handoff, Severity::error, "Commitment not traced to a requirement or milestone",
       "销售承诺未关联需求或里程碑",
       "Promises made during the sale (`commitments:` in project.yaml) are lost at handoff unless they become "
       "requirements or milestones that the team plans and delivers. List in `refs:` the requirements or "
       "milestones that honour the commitment; refs that name no existing id do not count.",
       "销售过程中的承诺（project.yaml 中的 "
       "`commitments:`）如果没有变成团队计划并交付的需求或里程碑，就会在交接中丢失。请在 `refs:` "
       "中列出兑现该承诺的需求或里程碑；指向不存在编号的引用不计。",
       "commitments:\n  - id: C-1\n    text: Go-live within 3 months of signature\n    refs: [M4]\n", check_hf409},
      {"HF410", Gate::handoff, Severity::error, "High risk without owner or mitigation", "高风险缺少负责人或缓解措施",
       "A risk scoring 15 or more (probability x impact, each 1 to 5) can sink the project; handing it over "
       "without an owner and a mitigation means the delivery team inherits it without a plan. Name the `owner:` "
       "and record the `mitigation:` (for an accepted risk, the contingency). Mitigated and closed risks are not "
       "checked.",
       "评分 15 分及以上（概率 x 影响，各为 1 到 "
       "5）的风险可能拖垮项目；在没有负责人和缓解措施的情况下交接，实施团队就会在毫无准备的情况下接手它。请指定 "
       "`owner:` 并记录 `mitigation:`（对已接受的风险，记录应急预案）。已缓解和已关闭的风险不检查。",
       "- id: R-1\n  title: ERP interface is undocumented\n  probability: 4\n  impact: 4\n  owner: zhang.min\n"
       "  mitigation: Reverse-engineer on the test system during M1\n",
       check_hf410},
      {"HF417", Gate::handoff, Severity::error, "No kickoff, or the sales and implementation owners were not there",
       "没有召开启动会，或销售和实施负责人未出席",
       "The handoff is a meeting, not a file transfer: at the kickoff sales walks implementation through what was "
       "sold and promised, and the customer meets the delivery team. Record it in project.yaml under "
       "`kickoff:` with its `date`, the `attendees` from our side (people of the registry; they must include "
       "the sales and the implementation owner of `team:`), the `customer_attendees` (free text) and `notes`.",
       "交接是一次会议，而不是文件传递：启动会上销售向实施团队讲清卖了什么、承诺了什么，客户也与交付团队见面。请在 "
       "project.yaml 的 `kickoff:` 下记录其 `date`、我方的 `attendees`（名册中的人员；须包括 `team:` "
       "中的销售和实施负责人）、`customer_attendees`（自由文本）和 `notes`。",
       "kickoff:\n  date: 2026-10-09\n  attendees: [li.wei, zhang.min, wang.lei]\n  customer_attendees: [Wang Fang]\n"
       "  notes: Scope, milestones and the go-live promise walked through\n",
       check_hf417},
  };
}

}  // namespace handoff::rules
