#include "model/load.hpp"

#include <algorithm>
#include <cctype>
#include <memory>

#include <fmt/format.h>

#include "model/schema.hpp"
#include "sshsig/sshsig.hpp"
#include "support/text.hpp"

namespace handoff::model {

namespace {

using yaml::Kind;
using yaml::Node;

core::Message kind_name(const Node& node)
{
  switch (node.kind) {
  case Kind::null:
    return {"nothing", "空值"};
  case Kind::scalar:
    return {support::quote(node.value), support::quote(node.value)};
  case Kind::sequence:
    return {"a list", "列表"};
  case Kind::mapping:
    return {"a mapping", "映射"};
  }
  return {"?", "?"};
}

core::Message expected_name(const Spec& spec)
{
  switch (spec.type) {
  case Type::list:
    return {"a list", "列表"};
  case Type::object:
  case Type::map:
    return {"a mapping of fields", "字段映射"};
  case Type::date:
    return {"a date YYYY-MM-DD", "YYYY-MM-DD 格式的日期"};
  case Type::timestamp:
    return {"a UTC timestamp YYYY-MM-DDTHH:MM:SSZ", "YYYY-MM-DDTHH:MM:SSZ 格式的 UTC 时间戳"};
  case Type::integer:
    return {"a whole number", "整数"};
  case Type::number:
    return {"a number", "数字"};
  case Type::boolean:
    return {"true or false", "true 或 false"};
  case Type::id:
    return {"an id", "编号"};
  case Type::choice:
    return {"one of " + support::join_words(spec.values, " or "), support::join_zh(spec.values) + " 之一"};
  case Type::handle:
    return {"a handle @user or @org/team", "@user 或 @org/team 形式的账号"};
  case Type::ssh_key:
    return {"a public key line \"TYPE BASE64 [COMMENT]\"", "公钥行 \"TYPE BASE64 [COMMENT]\""};
  case Type::trigger:
    return {support::join_words(spec.values, " or ") + ", {milestone: ID} or {date: YYYY-MM-DD}",
            support::join_zh(spec.values) + "、{milestone: 编号} 或 {date: YYYY-MM-DD}"};
  case Type::str:
  case Type::person:
    break;
  }
  return {"text", "文本"};
}

// Returns `message` after the field's name: "due: expected ...", in both languages.
core::Message named(const std::string& name, core::Message message)
{
  if (!name.empty()) {
    message.en.insert(0, name + ": ");
    message.zh.insert(0, name + "：");
  }
  return message;
}

// Validates a document against its spec, adding HF002–HF004 findings.
class Validator {
public:
  Validator(std::vector<core::Finding>& findings, std::string project, std::string file)
      : m_findings(findings), m_project(std::move(project)), m_file(std::move(file))
  {
  }

  void add(const char* rule, core::Severity severity, core::Pos pos, core::Message message)
  {
    core::Finding f;
    f.rule = rule;
    f.severity = severity;
    f.gate = core::Gate::schema;
    f.project = m_project;
    f.file = m_file;
    f.pos = pos.line > 0 ? pos : core::Pos{1, 1};
    f.message = std::move(message.en);
    f.message_zh = std::move(message.zh);
    m_findings.push_back(std::move(f));
  }

  void value(const Node& node, const Spec& spec, const std::string& name)
  {
    switch (spec.type) {
    case Type::list:
      if (node.is_null()) {
        return;
      }
      if (!node.is_sequence()) {
        const core::Message found = kind_name(node);
        add("HF002", core::Severity::error, node.pos,
            named(name, {"expected a list (items starting with '- ' or [a, b]), found " + found.en,
                         "应为列表（以 '- ' 开头的各项，或 [a, b]），实为" + found.zh}));
        return;
      }
      for (const auto& item : node.children) {
        value(item, *spec.item, name);
      }
      return;
    case Type::object:
      object(node, spec, name);
      return;
    case Type::trigger:
      if (node.is_mapping()) {
        object(node, spec, name);
        return;
      }
      break;  // a word, checked as a scalar below
    case Type::map:
      if (node.is_null()) {
        return;
      }
      if (!node.is_mapping()) {
        const core::Message found = kind_name(node);
        add("HF002", core::Severity::error, node.pos,
            named(name, {"expected a mapping, found " + found.en, "应为映射，实为" + found.zh}));
        return;
      }
      for (std::size_t i = 0; i < node.map_size(); ++i) {
        if (!node.key(i).is_scalar()) {
          add("HF002", core::Severity::error, node.key(i).pos,
              named(name, {"keys must be plain text", "键必须是普通文本"}));
          continue;
        }
        value(node.val(i), *spec.item, node.key(i).value);
      }
      return;
    default:
      break;
    }
    if (node.is_null()) {
      return;
    }
    if (!node.is_scalar()) {
      const core::Message expected = expected_name(spec);
      const core::Message found = kind_name(node);
      add("HF002", core::Severity::error, node.pos,
          named(name, {"expected " + expected.en + ", found " + found.en, "应为" + expected.zh + "，实为" + found.zh}));
      return;
    }
    if (auto error = scalar_error(spec, node.value, node.plain)) {
      add("HF002", core::Severity::error, node.pos, named(name, std::move(*error)));
    }
  }

  void object(const Node& node, const Spec& spec, const std::string& name)
  {
    if (node.is_null()) {
      // An empty object: report its required fields, except at the top of an empty file.
      missing(node, spec);
      return;
    }
    if (!node.is_mapping()) {
      const core::Message found = kind_name(node);
      add("HF002", core::Severity::error, node.pos,
          named(name, {"expected a mapping of fields (key: value), found " + found.en,
                       "应为字段映射（key: value），实为" + found.zh}));
      return;
    }
    for (std::size_t i = 0; i < node.map_size(); ++i) {
      const Node& key = node.key(i);
      if (!key.is_scalar()) {
        const core::Message found = kind_name(key);
        add("HF002", core::Severity::error, key.pos,
            {"field names must be plain text, found " + found.en, "字段名必须是普通文本，实为" + found.zh});
        continue;
      }
      if (const FieldSpec* field = spec.field(key.value)) {
        if (field->required && node.val(i).is_null()) {
          add("HF003", core::Severity::error, key.pos,
              {"required field \"" + key.value + "\" is empty", "必填字段 \"" + key.value + "\" 为空"});
          continue;
        }
        value(node.val(i), *field->spec, key.value);
      } else if (spec.extra) {
        value(node.val(i), *spec.extra, key.value);
      } else {
        unknown(key, spec);
      }
    }
    missing(node, spec);
    exactly_one(node, spec, name);
  }

  // Reports an object that gives none, or more than one, of the fields of `spec.exactly_one`.
  void exactly_one(const Node& node, const Spec& spec, const std::string& name)
  {
    if (spec.exactly_one.empty()) {
      return;
    }
    std::vector<std::string> quoted;
    for (const auto& field : spec.exactly_one) {
      quoted.push_back("\"" + field + "\"");
    }
    std::vector<const Node*> given;  // the keys given, in file order
    for (const auto& field : spec.exactly_one) {
      const Node* key = node.find_key(field);
      if (key != nullptr && node.find(field) != nullptr && !node.find(field)->is_null()) {
        given.push_back(key);
      }
    }
    std::sort(given.begin(), given.end(), [](const Node* a, const Node* b) {
      return a->pos.line < b->pos.line || (a->pos.line == b->pos.line && a->pos.column < b->pos.column);
    });
    const Node* first = given.empty() ? nullptr : given.front();
    if (given.size() > 1) {
      add("HF002", core::Severity::error, given[1]->pos,
          named(name, {"give either " + support::join_words(quoted, " or ") + ", not both: \"" + first->value
                           + "\" is already given; remove one",
                       "只能填写 " + support::join_zh(quoted) + " 之一，不能同时填写：已填写 \"" + first->value
                           + "\"；请删除其中一个"}));
      return;
    }
    if (first == nullptr) {
      add("HF003", core::Severity::error, node.pos,
          named(name, {"missing one of the fields " + support::join_words(quoted, " or "),
                       "缺少字段 " + support::join_zh(quoted) + " 之一"}));
    }
  }

  void missing(const Node& node, const Spec& spec)
  {
    std::vector<std::string> absent;
    for (const auto& field : spec.fields) {
      if (field.required && node.find_key(field.name) == nullptr) {
        absent.push_back("\"" + field.name + "\"");
      }
    }
    if (absent.empty()) {
      return;
    }
    const std::string what = absent.size() == 1 ? "required field " : "required fields ";
    add("HF003", core::Severity::error, node.pos,
        {"missing " + what + support::join_words(absent), "缺少必填字段 " + support::join_zh(absent)});
  }

  void unknown(const Node& key, const Spec& spec)
  {
    std::vector<std::string> names;
    for (const auto& field : spec.fields) {
      names.push_back(field.name);
    }
    core::Message message{"unknown field \"" + key.value + "\"", "未知字段 \"" + key.value + "\""};
    if (auto guess = support::did_you_mean(key.value, names)) {
      message.en += "; did you mean \"" + *guess + "\"?";
      message.zh += "；是否指 \"" + *guess + "\"？";
    } else {
      message.en += "; known fields: " + support::join_words(names, ", ");
      message.zh += "；已知字段：" + support::join_zh(names);
    }
    add("HF004", core::Severity::warning, key.pos, message);
  }

private:
  std::vector<core::Finding>& m_findings;
  std::string m_project;
  std::string m_file;
};

// Reads typed values out of a mapping, trusting its spec: invalid values are left unset.
class Reader {
public:
  Reader(const Node* node, const Spec* spec, core::Pos fallback)
      : m_node(node != nullptr && node->is_mapping() ? node : nullptr), m_spec(spec),
        m_pos(node != nullptr && node->pos.line > 0 ? node->pos : fallback)
  {
  }

  bool present() const { return m_node != nullptr; }
  core::Pos pos() const { return m_pos; }
  const Node* node() const { return m_node; }

  Text text(const char* key) const
  {
    Text out;
    out.pos = m_pos;
    const Node* v = m_node != nullptr ? m_node->find(key) : nullptr;
    if (v == nullptr) {
      return out;
    }
    out.written = true;
    out.pos = v->pos.line > 0 ? v->pos : m_pos;
    if (!v->is_scalar() || support::trim(v->value).empty()) {
      out.invalid = v->is_mapping() || v->is_sequence();
      return out;
    }
    const FieldSpec* f = field(key);
    if (f != nullptr && scalar_error(*f->spec, v->value, v->plain)) {
      out.invalid = true;
      return out;
    }
    out.value = v->value;
    return out;
  }

  DateField date(const char* key) const
  {
    return convert<Date>(key, [](const std::string& t) { return Date::parse(t); });
  }
  Int integer(const char* key) const { return convert<long long>(key, parse_integer); }
  Number number(const char* key) const { return convert<double>(key, parse_number); }
  Bool boolean(const char* key) const
  {
    return convert<bool>(key, [](const std::string& t) -> std::optional<bool> { return t == "true"; });
  }

  TextList list(const char* key) const
  {
    TextList out;
    out.pos = m_pos;
    const Node* v = m_node != nullptr ? m_node->find(key) : nullptr;
    if (v == nullptr) {
      return out;
    }
    out.written = true;
    out.pos = v->pos.line > 0 ? v->pos : m_pos;
    const FieldSpec* f = field(key);
    if (!v->is_sequence()) {
      return out;
    }
    for (const auto& item : v->children) {
      Text t;
      t.written = true;
      t.pos = item.pos;
      if (item.is_scalar() && !support::trim(item.value).empty()
          && (f == nullptr || !f->spec->item || !scalar_error(*f->spec->item, item.value, item.plain))) {
        t.value = item.value;
      }
      out.items.push_back(std::move(t));
    }
    return out;
  }

  Reader object(const char* key) const
  {
    const Node* v = m_node != nullptr ? m_node->find(key) : nullptr;
    const FieldSpec* f = field(key);
    return Reader(v, f != nullptr ? f->spec.get() : nullptr, m_pos);
  }

  // Calls fn(Reader) for each mapping item of the list `key`.
  template <class Fn>
  void each(const char* key, Fn fn) const
  {
    const Node* v = m_node != nullptr ? m_node->find(key) : nullptr;
    if (v == nullptr || !v->is_sequence()) {
      return;
    }
    const FieldSpec* f = field(key);
    const Spec* item_spec = f != nullptr ? f->spec->item.get() : nullptr;
    for (const auto& item : v->children) {
      if (item.is_mapping()) {
        fn(Reader(&item, item_spec, item.pos));
      }
    }
  }

private:
  const FieldSpec* field(const char* key) const { return m_spec != nullptr ? m_spec->field(key) : nullptr; }

  template <class T, class Parse>
  Field<T> convert(const char* key, Parse parse) const
  {
    Field<T> out;
    out.pos = m_pos;
    const Node* v = m_node != nullptr ? m_node->find(key) : nullptr;
    if (v == nullptr) {
      return out;
    }
    out.written = true;
    out.pos = v->pos.line > 0 ? v->pos : m_pos;
    if (!v->is_scalar()) {
      out.invalid = !v->is_null();
      return out;
    }
    const FieldSpec* f = field(key);
    if (f != nullptr && scalar_error(*f->spec, v->value, v->plain)) {
      out.invalid = true;
      return out;
    }
    if (auto parsed = parse(v->value)) {
      out.value = *parsed;
    }
    return out;
  }

  const Node* m_node;
  const Spec* m_spec;
  core::Pos m_pos;
};

void read_card(const Reader& r, ProjectCard& card)
{
  card.pos = r.pos();
  card.id = r.text("id");
  card.name = r.text("name");
  card.stage_text = r.text("stage");
  if (card.stage_text.has()) {
    card.stage = core::parse_stage(*card.stage_text);
  }
  const Reader customer = r.object("customer");
  card.has_customer = customer.present();
  card.customer_pos = customer.pos();
  card.customer_name = customer.text("name");
  card.industry = customer.text("industry");
  customer.each("contacts", [&](const Reader& c) {
    card.contacts.push_back({c.text("name"), c.text("title"), c.boolean("decision_maker"), c.pos()});
  });
  const Reader team = r.object("team");
  card.team_pos = team.pos();
  if (const Node* t = team.node()) {
    for (std::size_t i = 0; i < t->map_size(); ++i) {
      if (!t->key(i).is_scalar()) {
        continue;
      }
      TeamMember m;
      m.role = t->key(i).value;
      m.pos = t->key(i).pos;
      m.person = team.text(m.role.c_str());
      card.team.push_back(std::move(m));
    }
  }
  const Reader contract = r.object("contract");
  card.has_contract = contract.present();
  card.contract_pos = contract.pos();
  card.signed_date = contract.date("signed");
  card.start = contract.date("start");
  card.go_live = contract.date("go_live");
  card.value = contract.number("value");
  card.currency = contract.text("currency");
  contract.each("items", [&](const Reader& i) {
    card.items.push_back({i.text("id"), i.text("title"), i.number("price"), i.pos()});
  });
  card.payments_pos = contract.pos();
  if (const Node* payments = contract.node() != nullptr ? contract.node()->find_key("payments") : nullptr) {
    card.payments_pos = payments->pos;
  }
  contract.each("payments", [&](const Reader& p) {
    Payment payment;
    payment.pos = p.pos();
    payment.id = p.text("id");
    payment.title = p.text("title");
    payment.percent = p.number("percent");
    payment.amount = p.number("amount");
    payment.invoiced = p.date("invoiced");
    payment.received = p.date("received");
    payment.note = p.text("note");
    payment.written_off = p.text("written_off");
    payment.due.pos = p.pos();
    if (const Node* due = p.node()->find("due"); due != nullptr) {
      payment.due.pos = due->pos.line > 0 ? due->pos : p.pos();
      if (due->is_scalar() && due->value == "acceptance") {
        payment.due.kind = PaymentDue::Kind::acceptance;
      } else if (due->is_mapping()) {
        const Reader d = p.object("due");
        payment.due.milestone = d.text("milestone");
        payment.due.date = d.date("date");
        if (payment.due.milestone.has() && !payment.due.date.written) {
          payment.due.kind = PaymentDue::Kind::milestone;
        } else if (payment.due.date.has() && !payment.due.milestone.written) {
          payment.due.kind = PaymentDue::Kind::date;
        }
      }
    }
    card.payments.push_back(std::move(payment));
  });
  r.each("commitments", [&](const Reader& c) {
    card.commitments.push_back(
        {c.text("id"), c.text("text"), c.text("made_by"), c.date("date"), c.list("refs"), c.pos()});
  });
  const Reader kickoff = r.object("kickoff");
  card.has_kickoff = kickoff.present();
  card.kickoff.pos = kickoff.pos();
  card.kickoff.date = kickoff.date("date");
  card.kickoff.attendees = kickoff.list("attendees");
  card.kickoff.customer_attendees = kickoff.list("customer_attendees");
  card.kickoff.notes = kickoff.text("notes");
  const Reader closure = r.object("closure");
  card.has_closure = closure.present();
  card.closure_pos = closure.pos();
  card.accepted = closure.date("accepted");
  card.csat = closure.integer("csat");
  card.retrospective = closure.text("retrospective");
  card.went_live = closure.date("went_live");
  card.actual_effort_days = closure.number("actual_effort_days");
  card.csat_followup = closure.text("csat_followup");
  closure.each("lessons", [&](const Reader& l) { card.lessons.push_back({l.text("text"), l.list("tags"), l.pos()}); });
  const Reader support = r.object("support");
  card.has_support = support.present();
  card.support_pos = support.pos();
  card.support_owner = support.text("owner");
  card.support_until = support.date("until");
  card.support_channel = support.text("channel");
  card.tags = r.list("tags");
  card.follows = r.text("follows");
  r.each("suppress", [&](const Reader& s) {
    card.suppressions.push_back({s.text("rule"), s.text("reason"), s.list("ids"), s.pos()});
  });
  // A written `outcome:` makes the project inactive, even when empty or malformed (HF106, HF002).
  const Node* outcome_key = r.node() != nullptr ? r.node()->find_key("outcome") : nullptr;
  const Reader outcome = r.object("outcome");
  card.has_outcome = outcome_key != nullptr;
  const Node* outcome_value = r.node() != nullptr ? r.node()->find("outcome") : nullptr;
  card.outcome.malformed = outcome_value != nullptr && !outcome_value->is_null() && !outcome_value->is_mapping();
  card.outcome.pos = outcome.present() ? outcome.pos() : (outcome_key != nullptr ? outcome_key->pos : r.pos());
  card.outcome.status = outcome.text("status");
  card.outcome.date = outcome.date("date");
  card.outcome.reason = outcome.text("reason");
}

void read_activities(const Reader& r, std::vector<Activity>& out)
{
  r.each("activities", [&](const Reader& a) {
    Activity activity;
    activity.pos = a.pos();
    activity.id = a.text("id");
    activity.date = a.date("date");
    activity.kind = a.text("kind");
    activity.by = a.list("by");
    activity.customer = a.list("customer");
    activity.summary = a.text("summary");
    activity.summary_date = a.date("summary_date");
    activity.hours = a.number("hours");
    activity.confirmed_by = a.text("confirmed_by");
    activity.next_steps = a.text("next_steps");
    out.push_back(std::move(activity));
  });
}

void read_requirements(const Reader& r, std::vector<Requirement>& out)
{
  r.each("requirements", [&](const Reader& q) {
    Requirement req;
    req.pos = q.pos();
    req.id = q.text("id");
    req.title = q.text("title");
    req.description = q.text("description");
    req.source = q.text("source");
    req.priority = q.text("priority");
    req.type = q.text("type");
    req.contract_item = q.text("contract_item");
    req.acceptance = q.text("acceptance");
    req.status = q.text("status");
    q.each("questions", [&](const Reader& x) {
      req.questions.push_back(
          {x.text("text"), x.text("status"), x.text("owner"), x.date("asked"), x.text("answer"), x.pos()});
    });
    out.push_back(std::move(req));
  });
}

void read_feasibility(const Reader& r, Feasibility& f)
{
  f.pos = r.pos();
  f.assessed_by = r.text("assessed_by");
  f.date = r.date("date");
  const Reader estimate = r.object("estimate");
  f.estimate_pos = estimate.pos();
  f.duration_weeks = estimate.number("duration_weeks");
  f.effort_days = estimate.number("effort_days");
  f.confidence = estimate.text("confidence");
  f.recommendation = r.text("recommendation");
  f.conditions = r.list("conditions");
  r.each("assessments", [&](const Reader& a) {
    f.assessments.push_back(
        {a.text("requirement"), a.text("verdict"), a.number("effort_days"), a.text("notes"), a.list("risks"), a.pos()});
  });
}

void read_plan(const Reader& r, Plan& plan)
{
  plan.pos = r.pos();
  r.each("milestones", [&](const Reader& m) {
    plan.milestones.push_back({m.text("id"), m.text("name"), m.date("due"), m.text("owner"), m.list("covers"),
                               m.list("depends_on"), m.text("acceptance"), m.text("status"), m.date("done"), m.pos()});
  });
  r.each("raci", [&](const Reader& row) {
    RaciRow out;
    out.pos = row.pos();
    out.activity = row.text("activity");
    const Node* n = row.node();
    for (std::size_t i = 0; i < n->map_size(); ++i) {
      if (!n->key(i).is_scalar() || n->key(i).value == "activity") {
        continue;
      }
      RaciCell cell;
      cell.role = n->key(i).value;
      cell.pos = n->key(i).pos;
      const Node& v = n->val(i);
      cell.value.written = true;
      cell.value.pos = v.pos.line > 0 ? v.pos : cell.pos;
      static const Spec& k_row = *record_spec(Record::plan).field("raci")->spec->item;
      if (v.is_scalar() && !scalar_error(*k_row.extra, v.value, v.plain)) {
        cell.value.value = v.value;
      }
      out.cells.push_back(std::move(cell));
    }
    plan.raci.push_back(std::move(out));
  });
  const Reader reporting = r.object("reporting");
  plan.has_reporting = reporting.present();
  plan.reporting_pos = reporting.pos();
  plan.cadence_days = reporting.integer("cadence_days");
  plan.last_report = reporting.date("last_report");
}

void read_risks(const Reader& r, std::vector<Risk>& out)
{
  r.each("risks", [&](const Reader& k) {
    out.push_back({k.text("id"), k.text("title"), k.integer("probability"), k.integer("impact"), k.text("owner"),
                   k.text("response"), k.text("mitigation"), k.text("status"), k.date("review_by"), k.list("refs"),
                   k.pos()});
  });
}

void read_changes(const Reader& r, std::vector<Change>& out)
{
  r.each("changes", [&](const Reader& c) {
    Change ch;
    ch.pos = c.pos();
    ch.id = c.text("id");
    ch.title = c.text("title");
    ch.requested_by = c.text("requested_by");
    ch.date = c.date("date");
    ch.description = c.text("description");
    ch.channel = c.text("channel");
    ch.priority = c.text("priority");
    ch.affects = c.list("affects");
    ch.classification = c.text("classification");
    const Reader impact = c.object("impact");
    ch.has_impact = impact.present();
    ch.impact_pos = impact.pos();
    ch.effort_days = impact.number("effort_days");
    ch.schedule_days = impact.number("schedule_days");
    ch.cost = impact.number("cost");
    ch.status = c.text("status");
    c.each("approvals", [&](const Reader& a) {
      ch.approvals.push_back({a.text("role"), a.text("by"), a.date("date"), a.pos()});
    });
    ch.implemented = c.date("implemented");
    out.push_back(std::move(ch));
  });
}

void read_digest_map(const Reader& r, const char* key, std::map<std::string, std::string>& out)
{
  const Reader m = r.object(key);
  if (const Node* n = m.node()) {
    for (std::size_t i = 0; i < n->map_size(); ++i) {
      if (n->key(i).is_scalar() && n->val(i).is_scalar()) {
        out[n->key(i).value] = n->val(i).value;
      }
    }
  }
}

void read_signoffs(const Reader& r, std::vector<Signoff>& out)
{
  r.each("signoffs", [&](const Reader& s) {
    Signoff so;
    so.pos = s.pos();
    so.role = s.text("role");
    so.person = s.text("person");
    so.date = s.date("date");
    so.at = s.text("at");
    so.canonical = s.integer("canonical");
    read_digest_map(s, "records", so.records);
    read_digest_map(s, "items", so.items);
    out.push_back(std::move(so));
  });
}

void read_acceptance(const Reader& r, Acceptance& a)
{
  a.pos = r.pos();
  a.date = r.date("date");
  a.signed_by = r.text("signed_by");
  r.each("results", [&](const Reader& x) {
    a.results.push_back({x.text("requirement"), x.text("result"), x.text("evidence"), x.text("note"), x.pos()});
  });
}

core::Finding make_finding(const std::string& rule, core::Severity severity, const std::string& project,
                           const std::string& file, core::Pos pos, core::Message message)
{
  core::Finding f;
  f.rule = rule;
  f.severity = severity;
  f.gate = core::Gate::schema;
  f.project = project;
  f.file = file;
  f.pos = pos.line > 0 ? pos : core::Pos{1, 1};
  f.message = std::move(message.en);
  f.message_zh = std::move(message.zh);
  return f;
}

// Reads and parses one file. Returns the document root, or nullptr when absent or broken.
struct Loaded {
  yaml::ParseResult parsed;
  bool exists = false;
  bool broken = false;
};

Loaded read_file(const io::FileSystem& fs, const std::string& path, const std::string& project,
                 const LoadOptions& options, std::vector<core::Finding>& findings)
{
  Loaded out;
  const io::ReadResult read = fs.read(path, options.max_file_size);
  if (read.missing) {
    return out;
  }
  out.exists = true;
  if (!read.ok) {
    out.broken = true;
    findings.push_back(make_finding(read.too_large ? "HF009" : "HF001", core::Severity::error, project, path, {1, 1},
                                    {"cannot read the file: it " + read.error, "无法读取文件：" + read.error_zh}));
    return out;
  }
  out.parsed = parse_record(read.data, path, project, options, findings);
  out.broken = !out.parsed.ok;
  return out;
}

// Returns true when `line` looks like a mapping key or a list item of a record
// ("  status: draft", "- id: REQ-002").
bool looks_like_key(std::string_view line)
{
  std::size_t i = line.find_first_not_of(' ');
  if (i == std::string_view::npos) {
    return false;
  }
  if (line.substr(i, 2) == "- ") {
    i = line.find_first_not_of(' ', i + 2);
    if (i == std::string_view::npos) {
      return false;
    }
  }
  const std::size_t start = i;
  while (i < line.size()
         && (std::isalnum(static_cast<unsigned char>(line[i])) != 0 || line[i] == '_' || line[i] == '-'
             || line[i] == '.')) {
    ++i;
  }
  return i > start && std::isalpha(static_cast<unsigned char>(line[start])) != 0 && i < line.size() && line[i] == ':'
         && (i + 1 == line.size() || line[i + 1] == ' ' || line[i + 1] == '\r');
}

// Adds an HF010 warning for each quoted scalar that runs over lines looking like keys: the
// mark of a forgotten closing quote, which YAML reads as one long text that swallows the fields.
void find_runaway_quotes(const std::string& text, const yaml::Node& node, const std::string& path,
                         const std::string& project, std::vector<std::size_t>& line_starts,
                         std::vector<core::Finding>& findings)
{
  for (const auto& child : node.children) {
    find_runaway_quotes(text, child, path, project, line_starts, findings);
  }
  if (!node.is_scalar() || node.plain) {
    return;
  }
  if (line_starts.empty()) {  // built once per file, at the first quoted scalar
    line_starts.push_back(0);
    for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1)) {
      line_starts.push_back(at + 1);
    }
  }
  if (node.pos.line < 1 || static_cast<std::size_t>(node.pos.line) > line_starts.size()) {
    return;
  }
  const std::size_t line_start = line_starts[static_cast<std::size_t>(node.pos.line - 1)];
  const std::size_t offset =
      line_start + yaml::byte_offset(std::string_view(text).substr(line_start), {1, node.pos.column});
  if (offset >= text.size() || (text[offset] != '"' && text[offset] != '\'')) {
    return;  // a block scalar
  }
  const std::size_t end = std::min(yaml::closing_quote(text, offset), text.size());
  int line = node.pos.line;
  int first_key_line = 0;
  std::string first_key;
  for (std::size_t at = text.find('\n', offset); at != std::string::npos && at < end; at = text.find('\n', at + 1)) {
    ++line;
    const std::size_t next = std::min(text.find('\n', at + 1), text.size());
    const std::string_view content(text.data() + at + 1, next - at - 1);
    if (first_key_line == 0 && next <= end && looks_like_key(content)) {
      first_key_line = line;
      first_key = std::string(support::trim(content));
    }
  }
  if (first_key_line != 0) {
    const core::Pos close = yaml::position_of(text, end);
    findings.push_back(make_finding(
        "HF010", core::Severity::warning, project, path, node.pos,
        {fmt::format("the quoted text that starts here runs on to line {} and swallows lines that look like fields "
                     "(line {}: `{}`); close the quote on its own line, or use a block scalar (`|`) for text "
                     "that really spans lines",
                     close.line, first_key_line, first_key),
         fmt::format(
             "从这里开始的引号文本一直延续到第 {} 行，吞掉了看起来像字段的行（第 {} 行：`{}`）；请在本行内结束引号，"
             "真正跨行的文本请用块标量（`|`）",
             close.line, first_key_line, first_key)}));
  }
}

// Adds the valid key lines of `lines` to the last person of `config`; a key that another
// person already registered is an error (HF002): a key must identify one person.
void read_signing_keys(const TextList& lines, Config& config, Validator& validator)
{
  Person& person = config.people.back();
  for (const auto& line : lines.items) {
    if (!line.has()) {
      continue;  // the validator reported it
    }
    const auto parsed = sshsig::parse_public_key(*line);
    if (sshsig::error_of(parsed) != nullptr) {
      continue;
    }
    const auto& key = std::get<sshsig::PublicKey>(parsed);
    if (const Person* owner = config.key_owner(key.blob)) {
      const auto earlier = std::find_if(owner->signing_keys.begin(), owner->signing_keys.end(),
                                        [&](const SigningKey& k) { return k.blob == key.blob; });
      const std::string earlier_line = std::to_string(earlier->pos.line);
      if (owner == &person) {
        validator.add(
            "HF002", core::Severity::error, line.pos,
            {"signing_keys: key " + key.fingerprint + " is listed twice (line " + earlier_line + "); remove one",
             "signing_keys：密钥 " + key.fingerprint + " 列了两次（第 " + earlier_line + " 行）；请删除一个"});
      } else {
        const std::string other = owner->id.value_or("另一个人");
        validator.add("HF002", core::Severity::error, line.pos,
                      {"signing_keys: key " + key.fingerprint + " is already registered for "
                           + owner->id.value_or("another person") + " (line " + earlier_line
                           + "); a key identifies one person, so register it for one of them",
                       "signing_keys：密钥 " + key.fingerprint + " 已登记给 " + other + "（第 " + earlier_line
                           + " 行）；一个密钥只能代表一个人，请只为其中一人登记"});
      }
      continue;
    }
    person.signing_keys.push_back({key.blob, key.fingerprint, line.pos});
  }
}

}  // namespace

yaml::ParseResult parse_record(const std::string& text, const std::string& path, const std::string& project,
                               const LoadOptions& options, std::vector<core::Finding>& findings)
{
  yaml::ParseResult parsed = yaml::parse(text, options.limits);
  for (const auto& problem : parsed.problems) {
    findings.push_back(make_finding(problem.rule, core::Severity::error, project, path, problem.pos, problem.message));
  }
  if (parsed.ok) {
    std::vector<std::size_t> line_starts;
    find_runaway_quotes(text, parsed.root, path, project, line_starts, findings);
  }
  return parsed;
}

namespace {

// Adds an error when the projects folder leads out of the workspace: a `projects:` setting
// that is absolute or climbs above the root, or a folder that is a symbolic link out of it.
// Without this check `status` would list whatever folder it points to and `new` would write there.
// Returns true for a usable `help_url:`: an http or https address of printable ASCII without
// spaces, quotes or angle brackets, holding the {rule} placeholder, at most 2,000 characters.
bool is_help_url(std::string_view url)
{
  if (url.size() > 2000 || url.find("{rule}") == std::string_view::npos
      || !(url.starts_with("https://") || url.starts_with("http://"))) {
    return false;
  }
  return std::all_of(url.begin(), url.end(),
                     [](char c) { return c > ' ' && c < 0x7f && c != '"' && c != '<' && c != '>' && c != '\\'; });
}

void confine_projects_dir(const io::FileSystem& fs, const Config& config, core::Pos setting,
                          std::vector<core::Finding>& findings)
{
  const std::string& dir = config.projects_dir;
  bool climbs = !dir.empty() && dir.front() == '/';
  int depth = 0;
  for (std::size_t start = 0; start <= dir.size() && !climbs;) {
    std::size_t end = dir.find('/', start);
    end = end == std::string::npos ? dir.size() : end;
    const std::string part = dir.substr(start, end - start);
    depth += part == ".." ? -1 : (part.empty() || part == "." ? 0 : 1);
    climbs = depth < 0;
    start = end + 1;
  }
  if (setting.line > 0 && (climbs || depth == 0)) {
    findings.push_back(
        make_finding("HF002", core::Severity::error, "", config.file, setting,
                     {"projects: \"" + dir
                          + "\" is not a folder inside the workspace; give a relative "
                            "path below the workspace root, such as projects",
                      "projects：\"" + dir + "\" 不是工作区内的目录；请给出工作区根目录下的相对路径，例如 projects"}));
    return;
  }
  if (fs.kind(dir) == io::FileKind::outside) {
    findings.push_back(make_finding(
        "HF001", core::Severity::error, "", setting.line > 0 ? config.file : dir,
        setting.line > 0 ? setting : core::Pos{1, 1},
        {"the projects folder " + dir
             + "/ is a symbolic link that leads out of the workspace (or loops); handoff reads "
               "and writes only inside the workspace: make it a real folder",
         "项目目录 " + dir
             + "/ 是指向工作区之外（或形成循环）的符号链接；handoff 只在工作区内读写：请把它改为真实的目录"}));
  }
}

}  // namespace

ConfigResult load_config(const io::FileSystem& fs, const LoadOptions& options)
{
  ConfigResult result;
  Config& config = result.config;
  config.roles = default_roles();
  Loaded loaded = read_file(fs, config.file, "", options, result.findings);
  if (!loaded.exists || loaded.broken) {
    config.exists = loaded.exists;
    confine_projects_dir(fs, config, {}, result.findings);
    return result;
  }
  config.exists = true;
  const Node& root = loaded.parsed.root;
  Validator validator(result.findings, "", config.file);
  validator.object(root, config_spec(), "");
  const Reader r(&root, &config_spec(), {1, 1});
  config.version = r.integer("version");
  core::Pos projects_pos;
  if (auto dir = r.text("projects"); dir.has()) {
    config.projects_dir = *dir;
    projects_pos = dir.pos;
  }
  confine_projects_dir(fs, config, projects_pos, result.findings);
  if (const Node* people = root.find("people"); people != nullptr && people->is_sequence()) {
    config.has_registry = true;
  }
  r.each("people", [&](const Reader& p) {
    config.people.push_back(
        {p.text("id"), p.text("name"), p.text("email"), p.text("handle"), p.list("roles"), {}, p.pos()});
    read_signing_keys(p.list("signing_keys"), config, validator);
  });
  if (const auto roles = r.list("roles"); roles.written && !roles.items.empty()) {
    config.roles.clear();
    for (const auto& role : roles.items) {
      if (role.has()) {
        config.roles.push_back(*role);
      }
    }
  }
  const Reader rules = r.object("rules");
  if (const Node* n = rules.node()) {
    for (std::size_t i = 0; i < n->map_size(); ++i) {
      if (!n->key(i).is_scalar() || !n->val(i).is_scalar()) {
        continue;
      }
      if (auto severity = core::parse_severity(n->val(i).value)) {
        config.rules.push_back({n->key(i).value, *severity, n->key(i).pos});
      }
    }
  }
  if (auto history = r.text("history"); history.has()) {
    config.history = *history;
  }
  config.change_response_days = r.integer("change_response_days");
  config.invoice_days_field = r.integer("invoice_days");
  config.payment_terms_days_field = r.integer("payment_terms_days");
  if (auto language = r.text("language"); language.has()) {
    config.language = std::string(core::canonical_language(*language).value_or(*language));
  }
  config.forecast_min_class = r.object("forecast").integer("min_class");
  if (auto signatures = r.text("signatures"); signatures.has()) {
    config.signatures = *signatures;
  }
  if (auto help = r.text("help_url"); help.has()) {
    if (is_help_url(*help)) {
      config.help_url = *help;
    } else {
      result.findings.push_back(make_finding(
          "HF002", core::Severity::error, "", config.file, help.pos,
          {"help_url: " + support::visible(support::quote(*help))
               + " is not a help address: give an http:// or https:// address without spaces that holds {rule} "
                 "where the rule id goes, such as https://git.example.com/tools/handoff/-/blob/main/docs/"
                 "rules.md#{rule}",
           "help_url：" + support::visible(support::quote(*help))
               + " 不是有效的帮助地址：请给出以 http:// 或 https:// 开头、不含空格、并用 {rule} "
                 "表示规则编号位置的地址，例如 "
                 "https://git.example.com/tools/handoff/-/blob/main/docs/rules.md#{rule}"}));
    }
  }
  return result;
}

std::vector<std::string> list_projects(const io::FileSystem& fs, const Config& config)
{
  std::vector<std::string> out;
  for (const auto& [name, kind] : fs.list_kinds(config.projects_dir)) {
    if (name.empty() || name[0] == '.') {
      continue;
    }
    // A folder that links out of the workspace is listed so that loading it reports why it
    // is not read, instead of the project silently disappearing.
    if (kind == io::FileKind::directory || kind == io::FileKind::outside) {
      out.push_back(name);
    }
  }
  return out;
}

ProjectResult load_project(const io::FileSystem& fs, const Config& config, const std::string& folder,
                           const LoadOptions& options)
{
  ProjectResult result;
  Project& project = result.project;
  project.folder = folder;
  project.dir = io::join(config.projects_dir, folder);
  if (fs.kind(project.dir) == io::FileKind::outside) {
    for (int i = 0; i < k_record_count; ++i) {
      project.files[static_cast<std::size_t>(i)].path = io::join(project.dir, file_name(static_cast<Record>(i)));
    }
    project.files[static_cast<std::size_t>(Record::project)].exists = true;
    project.files[static_cast<std::size_t>(Record::project)].broken = true;
    result.findings.push_back(
        make_finding("HF001", core::Severity::error, folder, project.dir, {1, 1},
                     {"the project folder is a symbolic link that leaves the workspace or "
                      "loops; it is not read (copy the project into the workspace instead)",
                      "项目目录是指向工作区之外（或形成循环）的符号链接，不会被读取（请把项目复制到"
                      "工作区内）"}));
    return result;
  }
  for (int i = 0; i < k_record_count; ++i) {
    const auto record = static_cast<Record>(i);
    RecordFile& file = project.files[static_cast<std::size_t>(i)];
    file.path = io::join(project.dir, file_name(record));
    if ((options.records & record_bit(record)) == 0) {
      continue;
    }
    Loaded loaded = read_file(fs, file.path, folder, options, result.findings);
    file.exists = loaded.exists;
    file.broken = loaded.broken;
    if (!loaded.exists) {
      if (record == Record::project) {
        result.findings.push_back(make_finding(
            "HF003", core::Severity::error, folder, file.path, {1, 1},
            {"the project card project.yaml is missing; every project folder needs one with id, name and stage",
             "缺少项目卡片 project.yaml；每个项目目录都需要一个，包含 id、name 和 stage"}));
      }
      continue;
    }
    if (loaded.broken) {
      continue;
    }
    file.tree = std::make_shared<const Node>(std::move(loaded.parsed.root));
    const Node& root = *file.tree;
    const Spec& spec = record_spec(record);
    Validator validator(result.findings, folder, file.path);
    if (root.is_null() && record != Record::project) {
      continue;  // an empty file is the same as an absent one
    }
    validator.object(root, spec, "");
    const Reader r(&root, &spec, {1, 1});
    switch (record) {
    case Record::project:
      read_card(r, project.card);
      break;
    case Record::requirements:
      read_requirements(r, project.requirements);
      if (const yaml::Node* key = root.find_key("requirements"); key != nullptr) {
        project.requirements_pos = key->pos;
      }
      break;
    case Record::feasibility:
      read_feasibility(r, project.feasibility);
      break;
    case Record::plan:
      read_plan(r, project.plan);
      break;
    case Record::risks:
      read_risks(r, project.risks);
      break;
    case Record::changes:
      read_changes(r, project.changes);
      break;
    case Record::signoffs:
      read_signoffs(r, project.signoffs);
      break;
    case Record::acceptance:
      read_acceptance(r, project.acceptance);
      break;
    case Record::activities:
      read_activities(r, project.activities);
      break;
    }
  }
  // Findings in file order, then line, so output reads top to bottom.
  return result;
}

}  // namespace handoff::model
