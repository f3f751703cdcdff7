#include "core/types.hpp"
#include "core/activity_kinds.hpp"

#include <array>
#include <cctype>
#include <string>

namespace handoff::core {

namespace {

template <class E, std::size_t N>
std::optional<E> parse_enum(const std::array<std::string_view, N>& names, std::string_view text)
{
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) {
      return static_cast<E>(i);
    }
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, 3> k_severity_names = {"off", "warning", "error"};
constexpr std::array<std::string_view, k_stage_count> k_stage_names = {
    "opportunity", "presales", "contracted", "handoff", "delivery", "acceptance", "closed"};
constexpr std::array<std::string_view, k_stage_count> k_stage_labels_zh_cn = {"商机",     "售前", "已签约", "交接",
                                                                              "实施交付", "验收", "已关闭"};
constexpr std::array<std::string_view, k_gate_count> k_gate_names = {"schema",  "qualify", "clarify", "feasibility",
                                                                     "handoff", "control", "accept",  "close"};
constexpr std::array<Stage, k_gate_count> k_gate_stages = {Stage::opportunity, Stage::presales, Stage::contracted,
                                                           Stage::contracted,  Stage::handoff,  Stage::delivery,
                                                           Stage::acceptance,  Stage::closed};

}  // namespace

std::string_view to_string(Severity severity)
{
  return k_severity_names[static_cast<std::size_t>(severity)];
}

std::optional<Severity> parse_severity(std::string_view text)
{
  return parse_enum<Severity>(k_severity_names, text);
}

std::string_view to_string(Stage stage)
{
  return k_stage_names[static_cast<std::size_t>(stage)];
}

std::optional<Stage> parse_stage(std::string_view text)
{
  return parse_enum<Stage>(k_stage_names, text);
}

std::string_view zh_cn_label(Stage stage)
{
  return k_stage_labels_zh_cn[static_cast<std::size_t>(stage)];
}

std::optional<std::string_view> activity_kind_zh_cn_label(std::string_view kind)
{
  for (const auto& [code, label] : k_activity_kind_labels_zh_cn) {
    if (code == kind) {
      return label;
    }
  }
  return std::nullopt;
}

std::string_view stage_label(Stage stage, Language language)
{
  return language == Language::zh_cn ? zh_cn_label(stage) : to_string(stage);
}

std::optional<Stage> stage_of_zh_cn_label(std::string_view text)
{
  return parse_enum<Stage>(k_stage_labels_zh_cn, text);
}

std::optional<std::string_view> canonical_language(std::string_view name)
{
  std::string low(name);
  for (char& c : low) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (low == "en") {
    return "en";
  }
  if (low == "zh-cn" || low == "zh" || low == "zh_cn" || low == "zh-hans") {
    return "zh-CN";
  }
  return std::nullopt;
}

std::optional<Language> parse_language(std::string_view name)
{
  const auto canonical = canonical_language(name);
  if (!canonical) {
    return std::nullopt;
  }
  return *canonical == "en" ? Language::en : Language::zh_cn;
}

const std::vector<std::string>& language_spellings()
{
  static const std::vector<std::string> names{"en", "zh-CN", "zh", "zh_CN", "zh-Hans"};
  return names;
}

const std::vector<std::string_view>& stage_names()
{
  static const std::vector<std::string_view> k_names(k_stage_names.begin(), k_stage_names.end());
  return k_names;
}

std::string_view to_string(Gate gate)
{
  return k_gate_names[static_cast<std::size_t>(gate)];
}

std::optional<Gate> parse_gate(std::string_view text)
{
  return parse_enum<Gate>(k_gate_names, text);
}

const std::vector<std::string_view>& gate_names()
{
  static const std::vector<std::string_view> k_names(k_gate_names.begin(), k_gate_names.end());
  return k_names;
}

Stage gate_stage(Gate gate)
{
  return k_gate_stages[static_cast<std::size_t>(gate)];
}

}  // namespace handoff::core
