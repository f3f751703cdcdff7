// Every rule, every enum value of the record format and every code a report prints has its
// zh-CN text: a zh-CN report never falls back to a raw code ("HF417", "in_progress").
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/types.hpp"
#include "model/records.hpp"
#include "model/schema.hpp"
#include "report/audience.hpp"
#include "report/labels.hpp"
#include "rules/engine.hpp"
#include "rules/rule.hpp"

namespace {

using Json = nlohmann::ordered_json;
using handoff::report::Language;

// Returns the zh-CN label add_labels gives `code` under `key`, inside an object or list named
// `parent` ("" at the top), or "" when it gives none.
std::string zh_label(const std::string& parent, const std::string& key, const std::string& code)
{
  Json item{{key, code}};
  Json data = parent.empty() ? item : Json{{parent, Json::array({item})}};
  handoff::report::add_labels(data, Language::zh_cn);
  const Json& labelled = parent.empty() ? data : data[parent][0];
  const auto found = labelled.find(key + "_label");
  return found != labelled.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// Returns true when `text` holds a character outside ASCII: Chinese, not a code passed through.
bool chinese(const std::string& text)
{
  for (unsigned char c : text) {
    if (c >= 0x80) {
      return true;
    }
  }
  return false;
}

// Checks that every choice of `spec` (a field named `key` inside `parent`) has a zh-CN label,
// recursing into objects and lists.
void check_choices(const handoff::model::Spec& spec, const std::string& parent, const std::string& key)
{
  using handoff::model::Type;
  switch (spec.type) {
  case Type::choice:
    for (const auto& value : spec.values) {
      const std::string label = zh_label(parent, key, value);
      INFO(parent << "." << key << ": " << value << " -> \"" << label << "\"");
      CHECK(chinese(label));
    }
    break;
  case Type::list:
  case Type::map:
    if (spec.item) {
      check_choices(*spec.item, key, key);
    }
    break;
  case Type::object:
    // `extra` holds the RACI letters (R, A, C, I), written the same way in Chinese.
    for (const auto& field : spec.fields) {
      check_choices(*field.spec, key, field.name);
    }
    break;
  default:
    break;
  }
}

}  // namespace

TEST_CASE("every rule has a zh-CN summary")
{
  for (const auto& rule : handoff::rules::catalogue()) {
    const std::string label = zh_label("", "rule", std::string(rule.id));
    INFO(rule.id << " -> \"" << label << "\"");
    CHECK(chinese(label));
    CHECK(label == rule.summary_zh);  // the rule's own text: one place per rule
  }
}

TEST_CASE("every enum value of the record files has a zh-CN label")
{
  for (int r = 0; r < handoff::model::k_record_count; ++r) {
    const auto record = static_cast<handoff::model::Record>(r);
    const auto& spec = handoff::model::record_spec(record);
    // The top-level fields sit at the top of a report's data ("stage"), the others under the
    // key that holds them ("questions", "activities", "outcome").
    for (const auto& field : spec.fields) {
      check_choices(*field.spec, "", field.name);
    }
  }
}

TEST_CASE("every code a report prints has a zh-CN label")
{
  for (int s = 0; s < handoff::core::k_stage_count; ++s) {
    const std::string stage(handoff::core::to_string(static_cast<handoff::core::Stage>(s)));
    for (const char* key : {"stage", "ready_for", "from", "to"}) {
      INFO(key << ": " << stage);
      CHECK(chinese(zh_label("", key, stage)));
    }
  }
  for (int g = 0; g < handoff::core::k_gate_count; ++g) {
    const std::string gate(handoff::core::to_string(static_cast<handoff::core::Gate>(g)));
    INFO(gate);
    CHECK(chinese(zh_label("", "gate", gate)));
  }
  for (auto status :
       {handoff::rules::GateStatus::pass, handoff::rules::GateStatus::fail, handoff::rules::GateStatus::skip}) {
    const std::string text(handoff::rules::to_string(status));
    INFO(text);
    CHECK(chinese(zh_label("gates", "status", text)));
  }
  for (auto severity : {handoff::core::Severity::error, handoff::core::Severity::warning}) {
    const std::string text(handoff::core::to_string(severity));
    INFO(text);
    CHECK(chinese(zh_label("findings", "severity", text)));
  }
  // The health verdicts (report::health).
  for (const char* verdict : {"on track", "at risk", "off track", "inactive"}) {
    INFO(verdict);
    CHECK(chinese(zh_label("health", "verdict", verdict)));
  }
  for (const auto& role : handoff::model::default_roles()) {
    INFO(role);
    CHECK(chinese(zh_label("team", "role", role)));
  }
  for (auto audience : {handoff::report::Audience::internal, handoff::report::Audience::customer}) {
    const std::string text(handoff::report::to_string(audience));
    INFO(text);
    CHECK(chinese(zh_label("", "audience", text)));
  }
  // A code without a label passes through: the test above can fail.
  CHECK(zh_label("", "rule", "HF999") == "HF999");
}

TEST_CASE("--lang takes zh, zh_CN and zh-Hans in any case for zh-CN")
{
  for (const char* name : {"zh-CN", "zh-cn", "zh", "ZH", "zh_CN", "zh-Hans", "ZH-HANS"}) {
    CHECK(handoff::report::parse_language(name) == handoff::report::Language::zh_cn);
  }
  CHECK(handoff::report::parse_language("EN") == handoff::report::Language::en);
  CHECK_FALSE(handoff::report::parse_language("zh-TW").has_value());
  CHECK_FALSE(handoff::report::parse_language("zh-Hant").has_value());
}
