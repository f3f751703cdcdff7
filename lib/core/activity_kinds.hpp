#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace handoff::core {

// The activity kinds of activities.yaml with their zh-CN labels, in the order of the format.
inline constexpr std::array<std::pair<std::string_view, std::string_view>, 6> k_activity_kind_labels_zh_cn{
    {{"visit", "客户拜访"},
     {"call", "电话沟通"},
     {"demo", "产品演示"},
     {"workshop", "研讨会"},
     {"proposal", "方案建议"},
     {"other", "其他活动"}}};

// Returns the zh-CN label of an activity kind of activities.yaml ("visit" -> "客户拜访"), or
// nullopt for a kind that has none. The reports and the finding messages share it.
std::optional<std::string_view> activity_kind_zh_cn_label(std::string_view kind);

}  // namespace handoff::core
