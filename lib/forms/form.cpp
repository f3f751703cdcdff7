#include "forms/form.hpp"

#include <stdexcept>

#include "support/date.hpp"
#include "support/text.hpp"

namespace handoff::forms {

namespace {

std::vector<std::string> split(const std::string& text, char sep)
{
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = text.find(sep, start);
    out.push_back(text.substr(start, at == std::string::npos ? at : at - start));
    if (at == std::string::npos) {
      return out;
    }
    start = at + 1;
  }
}

}  // namespace

const std::string& Column::header(core::Language language) const
{
  return language == core::Language::zh_cn ? zh : field;
}

const std::string& Form::sheet(core::Language language) const
{
  return language == core::Language::zh_cn ? zh : en;
}

const Column* Form::column(const std::string& header) const
{
  for (const auto& c : columns) {
    if (c.field == header || c.zh == header) {
      return &c;
    }
  }
  return nullptr;
}

namespace {

using model::Record;

// The forms as declared: the columns' fields and zh-CN headers. Everything else about a column
// comes from the schema (resolve()).
struct Declared {
  const char* name;
  Record record;
  const char* list;
  const char* key;
  const char* prefix;
  std::size_t width;
  const char* en;
  const char* zh;
  std::vector<std::pair<const char*, const char*>> columns;  // field, zh-CN header
};

// clang-format off
std::vector<Declared> declared()
{
  return {
      {"requirements", Record::requirements, "requirements", "id", "REQ-", 3, "Requirements", "需求澄清表", {
          {"id", "编号"}, {"title", "标题"}, {"description", "描述"}, {"source", "来源"},
          {"priority", "优先级"}, {"type", "类型"}, {"contract_item", "合同条目"},
          {"acceptance", "验收标准"}, {"status", "状态"}}},
      {"changes", Record::changes, "changes", "id", "CR-", 3, "Changes", "变更申请单", {
          {"id", "编号"}, {"title", "标题"}, {"requested_by", "申请人"}, {"date", "申请日期"},
          {"description", "描述"}, {"channel", "渠道"}, {"priority", "优先级"}, {"affects", "影响项"},
          {"classification", "分类"}, {"impact.effort_days", "工作量（人天）"},
          {"impact.schedule_days", "工期影响（天）"}, {"impact.cost", "费用"}, {"status", "状态"},
          {"implemented", "实施日期"}}},
      {"acceptance", Record::acceptance, "results", "requirement", "", 0, "Acceptance", "验收单", {
          {"requirement", "需求编号"}, {"result", "结果"}, {"evidence", "证据"}, {"note", "备注"}}},
      {"activities", Record::activities, "activities", "id", "A-", 1, "Activities", "售前活动记录", {
          {"id", "编号"}, {"date", "日期"}, {"kind", "类型"}, {"by", "参与人"}, {"customer", "客户参与人"},
          {"summary", "纪要"}, {"summary_date", "纪要日期"}, {"hours", "工时"}, {"confirmed_by", "确认人"},
          {"next_steps", "下一步"}}},
      {"risks", Record::risks, "risks", "id", "R-", 1, "Risks", "风险登记册", {
          {"id", "编号"}, {"title", "标题"}, {"probability", "可能性"}, {"impact", "影响"},
          {"owner", "负责人"}, {"response", "应对策略"}, {"mitigation", "缓解措施"}, {"status", "状态"},
          {"review_by", "复查日期"}, {"refs", "关联项"}}},
      {"plan", Record::plan, "milestones", "id", "M", 1, "Plan", "项目计划", {
          {"id", "编号"}, {"name", "名称"}, {"due", "计划日期"}, {"owner", "负责人"}, {"covers", "覆盖需求"},
          {"depends_on", "前置里程碑"}, {"acceptance", "完成标准"}, {"status", "状态"}, {"done", "完成日期"}}},
      {"payments", Record::project, "contract.payments", "id", "P-", 1, "Payments", "回款计划", {
          {"id", "编号"}, {"title", "名称"}, {"percent", "比例（%）"}, {"amount", "金额"}, {"due", "付款条件"},
          {"invoiced", "开票日期"}, {"received", "到账日期"}, {"note", "备注"}, {"written_off", "核销原因"}}},
  };
}
// clang-format on

// Fills the column from the schema of the form's list item; throws std::logic_error when the
// field is not there or is not a scalar or a list of scalars (a unit test runs this).
void resolve(const Form& form, Column& column)
{
  const model::Spec* holder = &model::record_spec(form.record);
  for (const auto& key : form.parent) {
    const model::FieldSpec* field = holder->field(key);
    if (field == nullptr || field->spec->type != model::Type::object) {
      throw std::logic_error("form " + form.name + ": the record has no mapping " + key);
    }
    holder = field->spec.get();
  }
  const model::FieldSpec* list = holder->field(form.list);
  if (list == nullptr || list->spec->type != model::Type::list || list->spec->item->type != model::Type::object) {
    throw std::logic_error("form " + form.name + ": the record has no list " + form.list);
  }
  const model::Spec* at = list->spec->item.get();
  const model::FieldSpec* field = nullptr;
  bool required = true;
  for (const auto& part : split(column.field, '.')) {
    field = at->field(part);
    if (field == nullptr) {
      throw std::logic_error("form " + form.name + ": the schema has no field " + column.field);
    }
    required = required && field->required;
    at = field->spec.get();
  }
  column.required = required;
  column.spec = at;
  switch (at->type) {
  case model::Type::date:
    column.kind = Kind::date;
    break;
  case model::Type::integer:
    column.kind = Kind::integer;
    break;
  case model::Type::number:
    column.kind = Kind::number;
    break;
  case model::Type::choice:
    column.kind = Kind::choice;
    column.values = at->values;
    break;
  case model::Type::list:
    if (at->item->type == model::Type::object || at->item->type == model::Type::list
        || at->item->type == model::Type::map) {
      throw std::logic_error("form " + form.name + ": " + column.field + " is not a list of scalars");
    }
    column.kind = Kind::list;
    column.spec = at->item.get();
    break;
  case model::Type::trigger:
    column.kind = Kind::trigger;
    break;
  case model::Type::object:
  case model::Type::map:
    throw std::logic_error("form " + form.name + ": " + column.field + " is not a scalar");
  default:
    column.kind = Kind::text;
    break;
  }
}

}  // namespace

const std::vector<Form>& forms()
{
  static const std::vector<Form> k_forms = [] {
    std::vector<Form> out;
    for (const auto& d : declared()) {
      std::vector<std::string> path = split(d.list, '.');
      Form form{d.name, d.record, path.back(), d.key, d.prefix, d.width, d.en, d.zh, {}, {}};
      path.pop_back();
      form.parent = std::move(path);
      for (const auto& [field, zh] : d.columns) {
        Column column;
        column.field = field;
        column.zh = zh;
        resolve(form, column);
        form.columns.push_back(std::move(column));
      }
      out.push_back(std::move(form));
    }
    return out;
  }();
  return k_forms;
}

const Form* find_form(const std::string& name)
{
  for (const auto& form : forms()) {
    if (form.name == name || form.en == name || form.zh == name) {
      return &form;
    }
  }
  return nullptr;
}

std::vector<std::string> form_names()
{
  std::vector<std::string> out;
  for (const auto& form : forms()) {
    out.push_back(form.name);
  }
  return out;
}

std::vector<const yaml::Node*> items(const Form& form, const yaml::Node* root)
{
  std::vector<const yaml::Node*> out;
  if (root == nullptr || !root->is_mapping()) {
    return out;
  }
  const yaml::Node* holder = root;
  for (const auto& key : form.parent) {
    holder = holder->find(key);
    if (holder == nullptr || !holder->is_mapping()) {
      return out;
    }
  }
  const yaml::Node* list = holder->find(form.list);
  if (list == nullptr || !list->is_sequence()) {
    return out;
  }
  for (const auto& item : list->children) {
    out.push_back(&item);
  }
  return out;
}

const yaml::Node* cell_node(const Column& column, const yaml::Node& item)
{
  const yaml::Node* at = &item;
  for (const auto& part : split(column.field, '.')) {
    if (!at->is_mapping()) {
      return nullptr;
    }
    at = at->find(part);
    if (at == nullptr) {
      return nullptr;
    }
  }
  return at;
}

std::string cell_text(const Column& column, const yaml::Node& item)
{
  const yaml::Node* node = cell_node(column, item);
  if (node == nullptr || node->is_null()) {
    return {};
  }
  if (node->is_scalar()) {
    return node->value;
  }
  if (column.kind == Kind::trigger) {
    // {milestone: M3} or {date: 2027-01-15}: the one value (HF002 reports anything else)
    return node->is_mapping() && node->children.size() == 2 && node->children[1].is_scalar() ? node->children[1].value
                                                                                             : std::string();
  }
  std::string out;
  if (node->is_sequence()) {
    for (const auto& child : node->children) {
      out += (out.empty() ? "" : ", ") + (child.is_scalar() ? child.value : std::string());
    }
  }
  return out;
}

yaml::Path parent_path(const Form& form)
{
  yaml::Path out;
  for (const auto& key : form.parent) {
    out.push_back(yaml::Step::at(key));
  }
  return out;
}

std::string trigger_flow(const std::string& text)
{
  if (text == "acceptance") {
    return text;
  }
  return support::Date::parse(text) ? "{date: " + text + "}" : "{milestone: " + text + "}";
}

std::vector<std::string> split_list(const std::string& text)
{
  std::string normal;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "，") == 0 || text.compare(i, 3, "、") == 0) {
      normal += ',';
      i += 2;
    } else {
      normal += text[i];
    }
  }
  std::vector<std::string> out;
  for (const auto& part : split(normal, ',')) {
    std::string item = support::trim(part);
    if (!item.empty()) {
      out.push_back(std::move(item));
    }
  }
  return out;
}

}  // namespace handoff::forms
