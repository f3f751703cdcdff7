// Gate `schema`: the record format (HF001–HF012). HF001–HF005, HF009 and HF010 are found while a
// file is read (model/load.cpp); HF006–HF008, HF011 and HF012 need the whole project and are
// checked here.
#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "model/dates.hpp"
#include "model/schema.hpp"
#include "rules/rule.hpp"
#include "support/text.hpp"

namespace handoff::rules {

namespace {

using model::Record;
using model::Text;

// Returns the Chinese name of a kind of item or reference that a message names in English.
std::string zh(std::string_view what)
{
  static const std::map<std::string_view, std::string_view> k_names{
      {"requirement", "需求"},
      {"milestone", "里程碑"},
      {"risk", "风险"},
      {"change request", "变更申请"},
      {"contract item", "合同条目"},
      {"commitment", "承诺"},
      {"payment", "回款"},
      {"activity", "活动"},
      {"team role", "团队角色"},
      {"team member", "团队成员"},
      {"made_by", "made_by"},
      {"commitment reference", "承诺引用的编号"},
      {"kickoff attendee", "启动会参会人"},
      {"support owner", "售后负责人"},
      {"question owner", "问题负责人"},
      {"assessed_by", "assessed_by"},
      {"assessed requirement", "评估的需求"},
      {"milestone owner", "里程碑负责人"},
      {"covered requirement", "覆盖的需求"},
      {"milestone dependency", "依赖的里程碑"},
      {"RACI role", "RACI 角色"},
      {"risk owner", "风险负责人"},
      {"risk reference", "风险引用的编号"},
      {"affected id", "影响的编号"},
      {"approval role", "审批角色"},
      {"approver", "审批人"},
      {"accepted requirement", "验收的需求"},
      {"sign-off role", "签字角色"},
      {"signer", "签字人"},
      {"activity participant", "活动参与人"},
      {"confirmed_by", "confirmed_by"},
  };
  const auto it = k_names.find(what);
  return std::string(it == k_names.end() ? what : it->second);
}

// Reports every id that occurs more than once among `items`.
template <class T>
void check_unique(Context& ctx, Record record, const std::vector<T>& items, const char* what)
{
  std::map<std::string, const T*> seen;
  for (const auto& item : items) {
    if (!item.id.has()) {
      continue;
    }
    auto [it, inserted] = seen.emplace(*item.id, &item);
    if (!inserted) {
      const int first = it->second->id.pos.line;
      ctx.report(record, item.id.pos,
                 {std::string(what) + " id " + *item.id + " is used twice (first at line " + std::to_string(first)
                      + "); give each " + what + " its own id",
                  zh(what) + "编号 " + *item.id + " 重复使用（首次出现在第 " + std::to_string(first) + " 行）；请为每个"
                      + zh(what) + "使用各自的编号"},
                 {*item.id});
    }
  }
}

void check_hf006(Context& ctx)
{
  const auto& p = ctx.project;
  check_unique(ctx, Record::requirements, p.requirements, "requirement");
  check_unique(ctx, Record::plan, p.plan.milestones, "milestone");
  check_unique(ctx, Record::risks, p.risks, "risk");
  check_unique(ctx, Record::changes, p.changes, "change request");
  check_unique(ctx, Record::project, p.card.items, "contract item");
  check_unique(ctx, Record::project, p.card.commitments, "commitment");
  check_unique(ctx, Record::project, p.card.payments, "payment");
  check_unique(ctx, Record::activities, p.activities, "activity");
  // Requirements and milestones share one namespace: commitments, risks and changes refer to both.
  std::set<std::string> requirement_ids;
  for (const auto& r : p.requirements) {
    if (r.id.has()) {
      requirement_ids.insert(*r.id);
    }
  }
  for (const auto& m : p.plan.milestones) {
    if (m.id.has() && requirement_ids.count(*m.id) != 0) {
      ctx.report(Record::plan, m.id.pos,
                 {"milestone id " + *m.id + " is also a requirement id; references to it would be ambiguous",
                  "里程碑编号 " + *m.id + " 同时也是需求编号，引用它时会产生歧义；请改用不同的编号"},
                 {*m.id});
    }
  }
  std::map<std::string, const model::Assessment*> assessed;
  for (const auto& a : p.feasibility.assessments) {
    if (!a.requirement.has()) {
      continue;
    }
    auto [it, inserted] = assessed.emplace(*a.requirement, &a);
    if (!inserted) {
      ctx.report(Record::feasibility, a.requirement.pos,
                 {"requirement " + *a.requirement + " is assessed twice (first at line "
                      + std::to_string(it->second->requirement.pos.line) + "); keep one assessment per requirement",
                  "需求 " + *a.requirement + " 被评估了两次（首次出现在第 "
                      + std::to_string(it->second->requirement.pos.line) + " 行）；每个需求只保留一条评估"},
                 {*a.requirement});
    }
  }
}

class References {
public:
  explicit References(Context& ctx) : m_ctx(ctx) {}

  void person(Record record, const Text& field, const char* what)
  {
    if (!field.has() || !m_ctx.config.has_registry || m_ctx.config.person(*field) != nullptr) {
      return;
    }
    core::Message message{std::string(what) + " \"" + *field + "\" is not in the people registry of handoff.yaml",
                          zh(what) + " \"" + *field + "\" 不在 handoff.yaml 的人员名册（people:）中"};
    if (auto guess = m_ctx.config.person_hint(*field)) {
      message.en += "; did you mean " + *guess + "?";
      message.zh += "；是否指 " + *guess + "？";
    } else {
      message.en += "; add them to people: or use a registered id";
      message.zh += "；请将其加入 people:，或改用已登记的人员编号";
    }
    m_ctx.report(record, field.pos, message, {*field});
  }

  void role(Record record, const std::string& role, core::Pos pos, const char* what)
  {
    if (m_ctx.config.has_role(role)) {
      return;
    }
    core::Message message{std::string(what) + " \"" + role + "\" is not a known role",
                          zh(what) + " \"" + role + "\" 不是已知的角色"};
    if (auto guess = support::did_you_mean(role, m_ctx.config.roles)) {
      message.en += "; did you mean \"" + *guess + "\"?";
      message.zh += "；是否指 \"" + *guess + "\"？";
    } else {
      message.en += " (" + support::join_words(m_ctx.config.roles, ", ") + ")";
      message.zh += "（可用角色：" + support::join_words(m_ctx.config.roles, ", ") + "）";
    }
    m_ctx.report(record, pos, message, {role});
  }

  // Reports each id of `list` that is none of `kinds` ("requirement", "milestone", "risk", "item").
  void ids(Record record, const model::TextList& list, std::initializer_list<const char*> kinds, const char* what,
           bool allow_baseline = false)
  {
    for (const auto& id : list.items) {
      ids(record, id, kinds, what, allow_baseline);
    }
  }

  void ids(Record record, const Text& id, std::initializer_list<const char*> kinds, const char* what,
           bool allow_baseline = false)
  {
    if (!id.has()) {
      return;
    }
    for (std::string_view kind : kinds) {
      if (index(kind).count(*id) != 0 || unknown(kind)) {
        return;  // known, or its record cannot be read (HF001 says so): nothing to tell
      }
    }
    if (allow_baseline) {
      if (*id == "go_live") {
        return;  // the promised go-live date (see docs/signoffs.md)
      }
      for (const auto& s : m_ctx.project.signoffs) {
        if (s.items.count(*id) != 0) {
          return;
        }
      }
    }
    std::vector<std::string> candidates;
    for (std::string_view kind : kinds) {
      for_each_id(kind, [&](const std::string& known) { candidates.push_back(known); });
    }
    core::Message message{std::string(what) + " " + *id + " does not exist", zh(what) + " " + *id + " 不存在"};
    if (auto guess = support::did_you_mean(*id, candidates)) {
      message.en += "; did you mean " + *guess + "?";
      message.zh += "；是否指 " + *guess + "？";
    }
    m_ctx.report(record, id.pos, message, {*id});
  }

private:
  // Calls `fn` with the id of every item of `kind` ("requirement", "milestone", "risk",
  // "commitment" or "item"), in file order.
  template <class Fn>
  void for_each_id(std::string_view kind, Fn fn) const
  {
    const auto& p = m_ctx.project;
    auto scan = [&](const auto& items) {
      for (const auto& item : items) {
        if (item.id.has()) {
          fn(*item.id);
        }
      }
    };
    if (kind == "requirement") {
      scan(p.requirements);
    } else if (kind == "milestone") {
      scan(p.plan.milestones);
    } else if (kind == "risk") {
      scan(p.risks);
    } else if (kind == "commitment") {
      scan(p.card.commitments);
    } else if (kind == "payment") {
      scan(p.card.payments);
    } else {
      scan(p.card.items);
    }
  }

  // Returns whether the record holding the items of `kind` exists but cannot be read, so
  // whether an id of that kind exists is unknown.
  bool unknown(std::string_view kind) const
  {
    Record record = Record::project;  // commitments and contract items
    if (kind == "requirement") {
      record = Record::requirements;
    } else if (kind == "milestone") {
      record = Record::plan;
    } else if (kind == "risk") {
      record = Record::risks;
    }
    return m_ctx.project.file(record).broken;
  }

  // Returns the ids of the items of `kind`, built on first use: every reference is then one
  // lookup instead of a scan of the items (a project has hundreds of references).
  const std::unordered_set<std::string>& index(std::string_view kind)
  {
    auto it = m_index.find(kind);
    if (it == m_index.end()) {
      std::unordered_set<std::string> ids;
      for_each_id(kind, [&](const std::string& known) { ids.insert(known); });
      it = m_index.emplace(std::string(kind), std::move(ids)).first;
    }
    return it->second;
  }

  Context& m_ctx;
  std::map<std::string, std::unordered_set<std::string>, std::less<>> m_index;
};

// Reports a `follows:` that names no project of the workspace, or the project itself.
void check_follows(Context& ctx)
{
  const auto& follows = ctx.project.card.follows;
  if (!follows.has()) {
    return;
  }
  if (*follows == ctx.project.folder) {
    ctx.report(Record::project, follows.pos,
               {"follows names the project itself; name the earlier project this one renews or continues",
                "follows 指向了项目自身；请填写本项目所续签或延续的前一个项目"},
               {*follows});
    return;
  }
  if (ctx.project_exists == nullptr || (*ctx.project_exists)(*follows)) {
    return;
  }
  ctx.report(Record::project, follows.pos,
             {"follows: project \"" + *follows
                  + "\" does not exist in this workspace; name the id (the folder under the projects folder) of the "
                    "project this one renews or continues",
              "follows: 项目 \"" + *follows
                  + "\" 在本工作区中不存在；请填写本项目所续签或延续的项目编号（即项目目录下的文件夹名）"},
             {*follows});
}

void check_hf007(Context& ctx)
{
  const auto& p = ctx.project;
  References refs(ctx);
  for (const auto& m : p.card.team) {
    refs.role(Record::project, m.role, m.pos, "team role");
    refs.person(Record::project, m.person, "team member");
  }
  for (const auto& c : p.card.commitments) {
    refs.person(Record::project, c.made_by, "made_by");
    refs.ids(Record::project, c.refs, {"requirement", "milestone"}, "commitment reference");
  }
  for (const auto& a : p.card.kickoff.attendees.items) {
    refs.person(Record::project, a, "kickoff attendee");
  }
  refs.person(Record::project, p.card.support_owner, "support owner");
  // A requirement added by a billable change the customer approved names that change as its
  // contract item (the change is its sale).
  const auto sold_by_change = [&](const Text& item) {
    return item.has() && std::any_of(p.changes.begin(), p.changes.end(), [&](const model::Change& c) {
             return c.id.has() && *c.id == *item && c.decided() && c.classification.has()
                    && *c.classification == "out_of_scope";
           });
  };
  for (const auto& r : p.requirements) {
    if (!sold_by_change(r.contract_item)) {
      refs.ids(Record::requirements, r.contract_item, {"item"}, "contract item");
    }
    for (const auto& q : r.questions) {
      refs.person(Record::requirements, q.owner, "question owner");
    }
  }
  refs.person(Record::feasibility, p.feasibility.assessed_by, "assessed_by");
  for (const auto& a : p.feasibility.assessments) {
    refs.ids(Record::feasibility, a.requirement, {"requirement"}, "assessed requirement");
    refs.ids(Record::feasibility, a.risks, {"risk"}, "risk");
  }
  for (const auto& m : p.plan.milestones) {
    refs.person(Record::plan, m.owner, "milestone owner");
    refs.ids(Record::plan, m.covers, {"requirement"}, "covered requirement");
    refs.ids(Record::plan, m.depends_on, {"milestone"}, "milestone dependency");
  }
  for (const auto& row : p.plan.raci) {
    for (const auto& cell : row.cells) {
      refs.role(Record::plan, cell.role, cell.pos, "RACI role");
    }
  }
  for (const auto& r : p.risks) {
    refs.person(Record::risks, r.owner, "risk owner");
    refs.ids(Record::risks, r.refs, {"requirement", "milestone"}, "risk reference");
  }
  for (const auto& c : p.changes) {
    // Until it is implemented, a change may name the requirement or milestone it proposes to add.
    if (c.status.has() && *c.status == "implemented") {
      refs.ids(Record::changes, c.affects, {"requirement", "milestone", "item", "commitment", "payment"}, "affected id",
               true);
    }
    for (const auto& a : c.approvals) {
      if (a.role.has()) {
        refs.role(Record::changes, *a.role, a.role.pos, "approval role");
      }
      if (!a.role.has() || *a.role != "customer") {
        refs.person(Record::changes, a.by, "approver");
      }
    }
  }
  for (const auto& r : p.acceptance.results) {
    refs.ids(Record::acceptance, r.requirement, {"requirement"}, "accepted requirement");
  }
  for (const auto& s : p.signoffs) {
    if (s.role.has()) {
      refs.role(Record::signoffs, *s.role, s.role.pos, "sign-off role");
    }
    refs.person(Record::signoffs, s.person, "signer");
  }
  for (const auto& a : p.activities) {
    for (const auto& by : a.by.items) {
      refs.person(Record::activities, by, "activity participant");
    }
    refs.person(Record::activities, a.confirmed_by, "confirmed_by");
  }
  check_follows(ctx);
}

void check_hf008(Context& ctx)
{
  const auto& card = ctx.project.card;
  const std::string& folder = ctx.project.folder;
  if (!model::is_slug(folder)) {
    ctx.report(
        Record::project, card.id.pos,
        {"project folder \"" + folder
             + "\" is not a valid project id: use 1 to 63 lower-case letters, digits and '-', starting with a "
               "letter or digit",
         "项目目录 \"" + folder + "\" 不是有效的项目编号：请使用 1 到 63 个小写字母、数字或 '-'，并以字母或数字开头"},
        {folder});
    return;
  }
  if (card.id.has() && *card.id != folder) {
    ctx.report(Record::project, card.id.pos,
               {"project id \"" + *card.id + "\" does not match its folder \"" + folder + "\"; make them equal",
                "项目编号 \"" + *card.id + "\" 与其目录 \"" + folder + "\" 不一致；请使两者相同"},
               {*card.id});
  }
}

void check_hf011(Context& ctx)
{
  for (const auto& e : model::event_dates(ctx.project)) {
    const support::Date date = **e.date;
    if (date <= ctx.today) {
      continue;
    }
    ctx.report(e.record, e.date->pos,
               {model::name_of(e) + " is " + date.str() + ", "
                    + support::plural(support::days_between(ctx.today, date), "day") + " after today ("
                    + ctx.today.str() + "), but it records " + e.event
                    + ": correct the date, or leave it out until that has happened",
                model::name_of_zh(e) + " 为 " + date.str() + "，比今天（" + ctx.today.str() + "）晚 "
                    + std::to_string(support::days_between(ctx.today, date)) + " 天，但它记录的是" + e.event_zh
                    + "：请更正日期，或在此事发生之前不要填写"},
               e.ids);
  }
}

void check_hf012(Context& ctx)
{
  for (const auto& o : model::date_orders(ctx.project)) {
    if (model::out_of_order(o)) {
      ctx.report(o.record, o.later->pos,
                 {model::disorder_text(o) + ", but " + o.why + ": correct whichever date is wrong",
                  model::disorder_text_zh(o) + "，但" + o.why_zh + "：请更正有误的那个日期"},
                 o.ids);
    }
  }
}

}  // namespace

std::vector<Rule> schema_rules()
{
  using core::Gate;
  using core::Severity;
  return {
      {"HF001", Gate::schema, Severity::error, "File is not valid YAML", "文件不是有效的 YAML",
       "The file cannot be read as YAML: a syntax error, a tab used for indentation, invalid UTF-8, a UTF-16 "
       "file, a NUL byte, or more than one document. Nothing else in the file can be checked until it reads. "
       "Fix the line named in the message (a '[' or '{' that is never closed is named where it opens); YAML "
       "indents with spaces and a record file holds one document. Full-width punctuation that a Chinese keyboard "
       "types where YAML needs ASCII is named at its character with the ASCII to type: the colon after a key "
       "(`title：`), commas in a [...] list, full-width spaces as indentation, 【】 as brackets, “” as quotes, a "
       "full-width dash as the list marker, full-width digits and dashes in a date. The same characters inside "
       "Chinese text (after a real ': ') are text and stay as they are.",
       "该文件无法按 YAML 读取：存在语法错误、用 Tab 缩进、UTF-8 编码无效、文件为 UTF-16、含有 NUL "
       "字节，或包含多个文档。在文件能够读取之前，其中的其他内容都无法检查。请修改消息所指的行（未闭合的 '[' 或 '{' "
       "会在其开始处报告）；YAML 用空格缩进，每个记录文件只包含一个文档。中文输入法在 YAML 需要 ASCII "
       "的位置输入的全角标点，会在该字符处报告，并给出应输入的 ASCII 字符：键后的冒号（`title：`）、[...] "
       "列表中的逗号、作为缩进的全角空格、作为括号的【】、作为引号的“”、作为列表标记的全角横线、日期中的全角数字和横线"
       "。中文文本中（在真正的 ': ' 之后）的这些字符属于正文，保持不变。",
       "requirements:\n  - id: REQ-001\n    title: Production order tracking\n"},
      {"HF002", Gate::schema, Severity::error, "Wrong type, enum value or date", "类型、取值或日期有误",
       "A field holds a value of the wrong kind: text where a list is expected, a priority that is not "
       "must/should/could/wont, a date that is not a real YYYY-MM-DD calendar date, a number in quotes. "
       "The message says what is expected; the JSON Schema (`handoff schema`) lets editors show it as you type.",
       "字段的值类型不对：应为列表却写了文字，优先级不是 must/should/could/wont，日期不是真实存在的 YYYY-MM-DD "
       "日历日期，数字被加了引号。消息会说明期望的内容；JSON Schema（`handoff schema`）可让编辑器在输入时提示。",
       "priority: must\ndue: 2026-11-30\nprobability: 3\n"},
      {"HF003", Gate::schema, Severity::error, "Required field missing", "缺少必填字段",
       "Some fields are always required because nothing can be said about an item without them: a project's "
       "id, name and stage; an id and a title for requirements, milestones (name), risks and change requests. "
       "Add the field named in the message.",
       "有些字段始终必填，因为缺了它们就无从谈起：项目的 id、name 和 stage；需求、里程碑（name）、风险和变更申请的 id "
       "与标题。请补上消息中指出的字段。",
       "- id: REQ-004\n  title: Shift report\n"},
      {"HF004", Gate::schema, Severity::warning, "Unknown field", "未知字段",
       "A field name is not part of the record format, usually a typo. The field is ignored, so whatever it "
       "says is not checked and does not reach reports. Rename it as suggested, or remove it.",
       "字段名不属于记录格式，通常是拼写错误。该字段会被忽略，其内容既不会被检查，也不会进入报告。请按提示改名，或将其"
       "删除。",
       "priority: should   # not 'priorty'\n"},
      {"HF005", Gate::schema, Severity::error, "Duplicate mapping key", "重复的键",
       "The same key appears twice in one mapping. YAML parsers silently keep only one of the two values, so "
       "what you read in the file is not what the tool (or anyone else's tool) sees. Remove or merge one.",
       "同一个映射中出现了两次相同的键。YAML "
       "解析器会静默地只保留其中一个值，因此文件里看到的内容与工具（或他人的工具）读到的不同。请删除或合并其中一个。",
       "- id: REQ-002\n  title: Scrap recording\n"},
      {"HF006", Gate::schema, Severity::error, "Duplicate id in a project", "项目内编号重复",
       "Ids name requirements, milestones, risks, change requests, contract items, commitments and presales activities "
       "in "
       "references, sign-offs and reports; two items with one id make every reference ambiguous. Give each "
       "item its own id (never reuse the id of a removed item).",
       "编号用于在引用、签字和报告中指代需求、里程碑、风险、变更申请、合同条目、承诺和售前活动；两个条目使用同一编号会"
       "使所有引用产生歧义。请为每个条目使用各自的编号（已删除条目的编号也不要再用）。",
       "- id: REQ-007\n- id: REQ-008\n", check_hf006},
      {"HF007", Gate::schema, Severity::error, "Reference to an unknown id, person or role",
       "引用了不存在的编号、人员或角色",
       "A reference names something that does not exist: a requirement, milestone, risk or contract item id, a "
       "person missing from the people registry of handoff.yaml, or a role outside the role set. A change "
       "request's `affects` may name requirements, milestones, contract items, commitments, the literal "
       "`go_live` (the promised go-live date), and an id that only a sign-off has (a removal); until the change "
       "is implemented it may also name an id that does not exist yet (the requirement or milestone it proposes "
       "to add). A requirement may give as its `contract_item` an approved or implemented `out_of_scope` change "
       "request (the change sold it). A project's "
       "`follows:` must name another project of the workspace. While the "
       "record holding the named kind cannot be read (HF001), its ids are unknown rather than missing, so "
       "references to them are not reported: one syntax error is one finding.",
       "引用指向了不存在的对象：需求、里程碑、风险或合同条目编号，handoff.yaml "
       "人员名册中没有的人员，或不在角色集合中的角色。变更申请的 `affects` "
       "可以填写需求、里程碑、合同条目、承诺、字面值 "
       "`go_live`"
       "（承诺的上线日期），以及只在签字中出现的编号（表示删除）；变更实施之前，它也可以填写尚不存在的编号（即拟新增的"
       "需求或里程碑）。需求的 `contract_item` 可以填写一个已批准或已实施的 `out_of_scope` "
       "变更申请（由该变更售出）。项目的 `follows:` "
       "必须指向工作区中的另一个项目。当存放某类编号的记录无法读取（HF001）时，这些编号视为未知而非缺失，对它们的引用不"
       "会报告：一个语法错误只产生一条发现。",
       "covers: [REQ-001, REQ-002]\nowner: zhang.min\n", check_hf007},
      {"HF008", Gate::schema, Severity::error, "Project id does not match its folder", "项目编号与目录不一致",
       "A project's id is its folder name, so that commands, reports and CI can name it. It must be a slug: "
       "1 to 63 lower-case letters, digits and '-', starting with a letter or digit. Rename the folder or fix "
       "`id:` so they agree.",
       "项目编号就是它的目录名，这样命令、报告和 CI 才能用它指代项目。编号必须是 slug：1 到 63 个小写字母、数字或 "
       "'-'，以字母或数字开头。请重命名目录或修改 `id:`，使两者一致。",
       "# projects/acme-mes/project.yaml\nid: acme-mes\n", check_hf008},
      {"HF009", Gate::schema, Severity::error, "Input over limits", "输入超出限制",
       "The file is larger than the size limit (8 MiB), nests deeper than 64 levels, or its aliases expand "
       "beyond a million nodes, or an alias refers to itself. Real records are far smaller; the limits keep a "
       "hostile or generated file from exhausting memory or time. Split or simplify the file.",
       "文件超过大小上限（8 MiB），嵌套超过 64 "
       "层，别名展开超过一百万个节点，或别名引用了自身。真实的记录远小于此；这些限制可防止恶意或自动生成的文件耗尽内存"
       "或时间。请拆分或简化该文件。",
       "# records are small: a few hundred lines per file\n"},
      {"HF010", Gate::schema, Severity::warning, "Quoted text runs over lines that look like fields",
       "引号内文字跨越了看似字段的行",
       "A quoted text whose closing quote is missing runs on until the next quote character, however many lines "
       "later. That is still valid YAML, so the fields in between silently become part of the text and vanish "
       "from the record. The warning fires when a quoted value spans lines that look like fields (`name:` or "
       "`- id:`); close the quote on its line, or write text that really spans lines as a block scalar (`|`).",
       "缺少结束引号的带引号文字会一直延续到下一个引号字符，无论隔了多少行。这仍是有效的 "
       "YAML，因此中间的字段会静默地变成文字的一部分，从记录中消失。当带引号的值跨越了看似字段的行（`name:` 或 `- "
       "id:`）时会发出此警告；请在该行闭合引号，或将确实跨行的文字写成块标量（`|`）。",
       "- id: REQ-002\n  title: \"Clarify the 110% route\"\n  status: draft\n"},
      {"HF011", Gate::schema, Severity::error, "Date of something that happened lies after today",
       "已发生事项的日期晚于今天",
       "Some dates record what has happened: `closure.went_live` and `closure.accepted`, `kickoff.date`, the "
       "`date:` of acceptance.yaml, a milestone's `done:`, `reporting.last_report`, a presales activity's "
       "`date:` and `summary_date:`, and a payment's `invoiced:` and `received:`. None of them can lie after today "
       "(`--today`): such a date is a typing "
       "mistake (2029 for 2026) or a plan written down as a fact, and it would feed the portfolio's KPIs and the "
       "forecast with a project that never happened that way. Correct the date, or leave it out until the thing "
       "has happened; a planned date belongs in the plan (`due:`, `contract.go_live`). The portfolio and the "
       "forecast leave out a project with this finding.",
       "有些日期记录的是已经发生的事：`closure.went_live` 和 `closure.accepted`、`kickoff.date`、acceptance.yaml 的 "
       "`date:`、里程碑的 `done:`、`reporting.last_report`，售前活动的 `date:` 和 "
       "`summary_date:`，以及回款的 `invoiced:` 和 "
       "`received:`。它们都不能晚于今天（`--today`）：这样的日期是输入错误（把 2026 写成 "
       "2029），或是把计划当成了事实写下，会让组合报告的 KPI "
       "和预测混入一个并未如此发生的项目。请更正日期，或在事情发生之前不要填写；计划日期应写在计划中（`due:`、`"
       "contract.go_live`）。组合报告和预测会排除有此发现的项目。",
       "# handoff check --today 2026-11-20\nclosure:\n  went_live: 2026-11-12\n  accepted: 2026-11-18\n", check_hf011},
      {"HF012", Gate::schema, Severity::error, "Dates out of order", "日期先后顺序有误",
       "Some dates come in a fixed order: a system goes live (`closure.went_live`) after its contract is signed "
       "(`contract.signed`), the customer accepts the project (`closure.accepted`) once it has gone live, and a "
       "presales activity's `summary_date:` is not before its `date:`, and a payment is `received:` no earlier "
       "than it is `invoiced:`. Dates in the wrong order are a typing "
       "mistake in one of them; correct whichever is wrong. The portfolio and the forecast leave out a project "
       "with this finding.",
       "有些日期有固定的先后顺序：系统上线（`closure.went_live`）在合同签订（`contract.signed`）之后，客户验收项目（`"
       "closure.accepted`）在上线之后，售前活动的 `summary_date:` 不早于其 "
       "`date:`，回款的 `received:` 不早于 "
       "`invoiced:`。顺序颠倒说明其中一个日期输错了；请更正有误的那个。组合报告和预测会排除有此发现的项目。",
       "contract:\n  signed: 2026-03-02\nclosure:\n  went_live: 2026-11-12\n  accepted: 2026-11-18\n", check_hf012},
  };
}

}  // namespace handoff::rules
