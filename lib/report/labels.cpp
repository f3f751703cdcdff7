#include "report/labels.hpp"

#include <cctype>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "core/types.hpp"
#include "rules/rule.hpp"
#include "support/date.hpp"

namespace handoff::report {

namespace {

using Json = nlohmann::ordered_json;
using Table = std::map<std::string_view, std::string_view>;

// Simplified Chinese words for the codes of the record format, as a professional writes them
// for customers. One table per kind of code; `status` is shared by the records whose codes
// do not collide (questions use their own: `open` reads differently there).
const Table k_stage = [] {
  Table table;  // the labels live with the stages, where the loader also reads them (core::zh_cn_label)
  for (int i = 0; i < core::k_stage_count; ++i) {
    const auto stage = static_cast<core::Stage>(i);
    table.emplace(core::to_string(stage), core::zh_cn_label(stage));
  }
  return table;
}();
const Table k_gate{
    {"schema", "记录格式"},  {"qualify", "商机资格"}, {"clarify", "需求澄清"}, {"feasibility", "可行性评估"},
    {"handoff", "项目交接"}, {"control", "实施控制"}, {"accept", "验收"},      {"close", "项目收尾"}};
const Table k_priority{{"must", "必须"}, {"should", "应该"}, {"could", "可以"}, {"wont", "本期不做"}};
const Table k_type{{"functional", "功能"}, {"integration", "集成"},     {"data", "数据"},
                   {"report", "报表"},     {"nonfunctional", "非功能"}, {"other", "其他"}};
const Table k_status{// requirements
                     {"draft", "草稿"},
                     {"clarified", "已澄清"},
                     {"confirmed", "已确认"},
                     // milestones
                     {"planned", "计划中"},
                     {"in_progress", "进行中"},
                     {"done", "已完成"},
                     {"accepted", "已验收"},
                     // risks
                     {"open", "未关闭"},
                     {"mitigated", "已缓解"},
                     {"occurred", "已发生"},
                     {"closed", "已关闭"},
                     // change requests
                     {"proposed", "已提出"},
                     {"assessed", "已评估"},
                     {"approved", "已批准"},
                     {"rejected", "已拒绝"},
                     {"implemented", "已实施"},
                     // outcomes of inactive projects
                     {"lost", "丢单"},
                     {"no_go", "主动放弃"},
                     {"cancelled", "已取消"},
                     // gates
                     {"pass", "通过"},
                     {"fail", "未通过"},
                     {"skip", "不适用"}};
const Table k_result{{"passed", "通过"}, {"failed", "未通过"}, {"waived", "客户豁免"}};
const Table k_activity_kind{{"visit", "客户拜访"},  {"call", "电话沟通"},     {"demo", "产品演示"},
                            {"workshop", "研讨会"}, {"proposal", "方案建议"}, {"other", "其他活动"}};
const Table k_question_status{{"open", "待答复"}, {"answered", "已答复"}};
const Table k_verdict{{"standard", "标准功能"},  {"configuration", "配置实现"}, {"customization", "定制开发"},
                      {"infeasible", "不可行"},  {"on track", "正常"},          {"at risk", "有风险"},
                      {"off track", "偏离计划"}, {"inactive", "已终止"}};
const Table k_confidence{{"low", "低"}, {"medium", "中"}, {"high", "高"}};
const Table k_recommendation{{"go", "建议实施"}, {"go_with_conditions", "有条件实施"}, {"no_go", "不建议实施"}};
const Table k_response{{"avoid", "规避"}, {"mitigate", "减轻"}, {"transfer", "转移"}, {"accept", "接受"}};
const Table k_channel{{"email", "邮件"},    {"call", "电话"},   {"meeting", "会议"},
                      {"chat", "即时通讯"}, {"ticket", "工单"}, {"other", "其他渠道"}};
const Table k_classification{{"in_scope", "范围内"},
                             {"value_added", "增值赠送"},
                             {"out_of_scope", "范围外（收费）"},
                             {"no_charge", "不收费"}};  // the customer's view of in_scope and value_added
const Table k_role{{"sales", "销售"},  {"presales", "售前"}, {"implementation", "实施"},
                   {"pm", "项目经理"}, {"product", "产品"},  {"customer", "客户"}};
const Table k_severity{{"error", "错误"}, {"warning", "警告"}, {"note", "提示"}};
const Table k_audience{{"internal", "内部"}, {"customer", "客户"}};
const Table k_currency{{"CNY", "元"}, {"RMB", "元"}};
// The rules' summaries in Chinese (`handoff rules` prints the English ones).
const Table k_rule{
    {"HF001", "文件不是有效的 YAML"},
    {"HF002", "类型、取值或日期有误"},
    {"HF003", "缺少必填字段"},
    {"HF004", "未知字段"},
    {"HF005", "重复的键"},
    {"HF006", "项目内编号重复"},
    {"HF007", "引用了不存在的编号、人员或角色"},
    {"HF008", "项目编号与目录不一致"},
    {"HF009", "输入超出限制"},
    {"HF010", "引号内文字跨越了看似字段的行"},
    {"HF011", "已发生事项的日期晚于今天"},
    {"HF012", "日期先后顺序有误"},
    {"HF101", "客户联系人中没有决策人"},
    {"HF102", "团队中没有销售负责人"},
    {"HF103", "尚未记录需求"},
    {"HF104", "售前活动纪要缺失或逾期"},
    {"HF105", "售前工时未经销售确认"},
    {"HF106", "项目结果缺少状态、日期或原因"},
    {"HF201", "必须或应该类需求缺少验收标准"},
    {"HF202", "需求缺少来源"},
    {"HF203", "需求仍为草稿"},
    {"HF204", "必须类需求仍有待答复问题"},
    {"HF205", "验收标准表述含糊"},
    {"HF206", "范围内需求缺少优先级"},
    {"HF207", "需求与合同条目不对应"},
    {"HF301", "范围内需求尚未评估"},
    {"HF302", "不可行的需求仍为必须或应该"},
    {"HF303", "定制开发缺少工作量估算"},
    {"HF304", "承诺上线日期早于估算可达日期"},
    {"HF305", "评估人不是实施或售前人员"},
    {"HF306", "必须类需求占工作量比例过高"},
    {"HF307", "已签约项目的评估结论为不建议实施"},
    {"HF308", "承诺上线日期早于历史数据预测的日期"},
    {"HF401", "必须类需求未被任何里程碑覆盖"},
    {"HF402", "里程碑缺少负责人、计划日期或验收标准"},
    {"HF403", "里程碑验收标准不是可验证的成果"},
    {"HF404", "里程碑计划日期晚于承诺上线日期"},
    {"HF405", "里程碑依赖存在循环或顺序错误"},
    {"HF406", "RACI 事项没有唯一的最终负责人"},
    {"HF407", "RACI 事项没有执行人"},
    {"HF408", "RACI 角色在团队中无人担任"},
    {"HF409", "销售承诺未关联需求或里程碑"},
    {"HF410", "高风险缺少负责人或缓解措施"},
    {"HF411", "缺少销售或实施的签字"},
    {"HF412", "签字后内容发生变化"},
    {"HF413", "签字人不具备所签角色"},
    {"HF414", "签字记录不是由签字人本人提交"},
    {"HF415", "同一人是双方最新的签字人"},
    {"HF416", "双方最新的签字内容不一致"},
    {"HF417", "没有召开启动会，或销售和实施负责人未出席"},
    {"HF418", "签字提交未使用签字人登记的密钥签名"},
    {"HF420", "已提交的签字记录被删除或修改"},
    {"HF501", "基线之后的范围变化没有变更申请"},
    {"HF502", "已批准的变更缺少销售和实施的审批"},
    {"HF503", "收费变更缺少客户审批或影响评估"},
    {"HF504", "变更在批准之前已实施"},
    {"HF505", "变更已过提出阶段但未分类"},
    {"HF506", "里程碑逾期"},
    {"HF507", "未关闭风险已过复核日期"},
    {"HF508", "状态报告逾期"},
    {"HF509", "已批准的工期影响使计划晚于上线日期"},
    {"HF510", "审批人不具备该角色，或同一人代表双方审批"},
    {"HF511", "审批日期晚于今天或早于申请日期"},
    {"HF512", "变更申请长期停留在已提出状态"},
    {"HF513", "赠送变更未记录工作量"},
    {"HF601", "里程碑尚未完成"},
    {"HF602", "变更申请尚未关闭"},
    {"HF603", "没有验收日期"},
    {"HF604", "必须需求未通过验收"},
    {"HF605", "没有售后支持安排"},
    {"HF606", "没有实际上线日期"},
    {"HF701", "没有客户满意度评分"},
    {"HF702", "没有项目复盘"},
    {"HF703", "高风险仍未关闭"},
    {"HF704", "满意度低但没有跟进"},
    {"HF705", "没有记录经验教训"},
};

// Returns the table for the codes under `key` (inside a list or object named `parent`), or
// nullptr when `key` holds no code.
const Table* table_for(std::string_view key, std::string_view parent)
{
  if (key == "stage" || key == "ready_for" || key == "from" || key == "to") {
    return &k_stage;
  }
  if (key == "status") {
    return parent == "questions" ? &k_question_status : &k_status;
  }
  if (key == "kind" && (parent == "activities" || parent == "activity")) {
    return &k_activity_kind;
  }
  if (key == "channel" && (parent == "changes" || parent == "change")) {
    return &k_channel;  // support.channel is free text
  }
  static const std::map<std::string_view, const Table*> k_tables{
      {"gate", &k_gate},
      {"failing_gates", &k_gate},
      {"priority", &k_priority},
      {"type", &k_type},
      {"verdict", &k_verdict},
      {"confidence", &k_confidence},
      {"recommendation", &k_recommendation},
      {"response", &k_response},
      {"classification", &k_classification},
      {"role", &k_role},
      {"roles", &k_role},
      {"severity", &k_severity},
      {"audience", &k_audience},
      {"currency", &k_currency},
      {"rule", &k_rule},
      {"result", &k_result},
  };
  const auto found = k_tables.find(key);
  return found != k_tables.end() ? found->second : nullptr;
}

bool ends_with(std::string_view text, std::string_view suffix)
{
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Returns the English words for a code: the rule's summary for a rule id, "won't" for wont,
// else the code with '_' as a space ("go with conditions").
std::string english(const Table* table, const std::string& code)
{
  if (table == &k_rule) {
    const rules::Rule* rule = rules::find_rule(code);
    std::string summary = rule != nullptr ? std::string(rule->summary) : code;
    if (rule != nullptr && !summary.empty()) {
      summary[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(summary[0])));
    }
    return summary;
  }
  if (table == &k_currency) {
    return code;
  }
  if (code == "wont") {
    return "won't";
  }
  if (code == "nonfunctional") {
    return "non-functional";
  }
  std::string out = code;
  for (char& c : out) {
    c = c == '_' ? ' ' : c;
  }
  return out;
}

std::string code_label(const Table* table, const std::string& code, Language language)
{
  if (language == Language::en) {
    return english(table, code);
  }
  const auto found = table->find(code);
  return found != table->end() ? std::string(found->second) : code;
}

std::string date_label(const support::Date& date, Language language)
{
  return language == Language::en ? date.str() : fmt::format("{}年{}月{}日", date.year, date.month, date.day);
}

// Returns the label of `value` under `key`, or nullopt when it needs none.
std::optional<Json> label_of(const std::string& key, std::string_view parent, const Json& value, Language language)
{
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (const Table* table = table_for(key, parent)) {
      return Json(code_label(table, text, language));
    }
    if (key == "summary" && parent == "reasons") {
      // A health reason: the rule's English summary, in the report's language.
      for (const auto& rule : rules::catalogue()) {
        if (rule.summary == text) {
          return Json(code_label(&k_rule, std::string(rule.id), language));
        }
      }
      return Json(text);
    }
    if (const auto date = support::Date::parse(text)) {
      return Json(date_label(*date, language));
    }
    if (ends_with(key, "_text")) {
      return Json(text == "n/a" && language == Language::zh_cn ? std::string("不适用") : text);
    }
    return std::nullopt;
  }
  if (value.is_number() && (key == "value" || key == "price" || key == "cost")) {
    return Json(group_thousands(value.get<double>()));
  }
  if (value.is_array() && (key == "roles" || key == "failing_gates")) {
    const Table* table = table_for(key, parent);
    Json labels = Json::array();
    for (const auto& item : value) {
      labels.push_back(item.is_string() ? Json(code_label(table, item.get<std::string>(), language)) : item);
    }
    return labels;
  }
  return std::nullopt;
}

void add(Json& value, std::string_view parent, Language language)
{
  if (value.is_array()) {
    for (auto& item : value) {
      add(item, parent, language);
    }
    return;
  }
  if (!value.is_object()) {
    return;
  }
  Json out = Json::object();
  for (auto it = value.begin(); it != value.end(); ++it) {
    const std::string& key = it.key();
    add(it.value(), key, language);
    std::optional<Json> label = label_of(key, parent, it.value(), language);
    out[key] = std::move(it.value());
    if (label) {
      // Named before the assignment: Json's operator= takes its argument by value, which
      // C++17 constructs (moving the label away) before the left side is evaluated.
      const std::string name = key + (label->is_array() ? "_labels" : "_label");
      out[name] = std::move(*label);
    }
  }
  value = std::move(out);
}

}  // namespace

std::optional<Language> parse_language(std::string_view name)
{
  const auto canonical = core::canonical_language(name);
  if (!canonical) {
    return std::nullopt;
  }
  return *canonical == "en" ? Language::en : Language::zh_cn;
}

std::string_view to_string(Language language)
{
  return language == Language::en ? "en" : "zh-CN";
}

const std::vector<std::string>& language_names()
{
  static const std::vector<std::string> names{"en", "zh-CN"};
  return names;
}

void add_labels(nlohmann::ordered_json& data, Language language)
{
  add(data, "", language);
}

std::string_view mermaid_source_note(Language language)
{
  return language == Language::en
             ? "The chart below is Mermaid source (this version does not draw it yet); paste it "
               "into a Mermaid viewer to see it."
             : "以下图表为 Mermaid 源码（本版本尚不绘制图形），可粘贴到支持 Mermaid 的编辑器中查看。";
}

std::string code_label(std::string_view key, const std::string& code, Language language)
{
  const Table* table = table_for(key, "");
  return table != nullptr ? code_label(table, code, language) : code;
}

std::string_view verification_label(std::string_view key, Language language)
{
  struct Words {
    std::string_view key;
    std::string_view en;
    std::string_view zh;
  };
  static constexpr Words k_words[] = {
      {"title", "Verification", "文档校验信息"},
      {"project", "Project", "项目"},
      {"projects", "Projects", "项目"},
      {"stage", "Stage", "阶段"},
      {"baseline", "Baseline digest", "基线摘要"},
      {"signoffs", "Sign-offs", "签字确认"},
      {"content", "Records digest", "记录摘要"},
      {"commit", "Commit", "提交"},
      {"generated", "Generated", "生成日期"},
      {"how",
       "Run `handoff verify FILE` in the project's repository to check that this document still matches "
       "its records.",
       "在项目仓库中运行 `handoff verify 文件名`，可核对本文档是否仍与记录一致。"},
      {"none", "none", "无"},
      {"unsigned", "none: not signed by both sides yet", "无：双方尚未共同签字"},
      {"no_commit", "none: the records are not in a git repository", "无：记录不在 git 仓库中"},
  };
  for (const auto& w : k_words) {
    if (w.key == key) {
      return language == Language::en ? w.en : w.zh;
    }
  }
  return key;
}

std::string group_thousands(double value)
{
  std::string text = std::abs(value - std::round(value)) < 1e-9 && std::abs(value) < 1e15
                         ? fmt::format("{}", static_cast<long long>(std::llround(value)))
                         : fmt::format("{:.2f}", value);
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') {
      text.pop_back();
    }
  }
  const std::size_t sign = text[0] == '-' ? 1 : 0;
  const std::size_t digits_end = std::min(text.find('.'), text.size());
  std::string out = text.substr(0, sign);
  for (std::size_t i = sign; i < digits_end; ++i) {
    if (i > sign && (digits_end - i) % 3 == 0) {
      out += ',';
    }
    out += text[i];
  }
  return out + text.substr(digits_end);
}

}  // namespace handoff::report
