#include "report/labels.hpp"
#include "core/activity_kinds.hpp"

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
// The labels live in core, where the finding messages read them too.
const Table k_activity_kind(core::k_activity_kind_labels_zh_cn.begin(), core::k_activity_kind_labels_zh_cn.end());
const Table k_question_status{{"open", "待答复"}, {"answered", "已答复"}};
const Table k_payment_status{{"planned", "未到期"},     {"due", "待开票"},      {"invoiced", "已开票"},
                             {"overdue", "逾期未回款"}, {"received", "已到账"}, {"written_off", "已核销"}};
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
// The rules' summaries in Chinese, as each rule states them next to its check (summary_zh).
const Table k_rule = [] {
  Table table;
  for (const auto& rule : rules::catalogue()) {
    table.emplace(rule.id, rule.summary_zh);
  }
  return table;
}();

// Returns the table for the codes under `key` (inside a list or object named `parent`), or
// nullptr when `key` holds no code.
const Table* table_for(std::string_view key, std::string_view parent)
{
  if (key == "stage" || key == "ready_for" || key == "from" || key == "to") {
    return &k_stage;
  }
  if (key == "status") {
    if (parent == "payments") {
      return &k_payment_status;
    }
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
  if (value.is_number() && (key == "value" || key == "price" || key == "cost" || key == "amount")) {
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

std::string_view word_chart_note(Language language)
{
  return language == Language::en ? "The chart is drawn in the HTML and PDF editions of this document."
                                  : "该图表见本文档的 HTML 或 PDF 版本。";
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
