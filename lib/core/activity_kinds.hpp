#pragma once

#include <optional>
#include <string_view>

namespace handoff::core {

// Returns the zh-CN label of an activity kind of activities.yaml ("visit" -> "客户拜访"), or
// nullopt for a kind that has none. The reports and the finding messages share it.
std::optional<std::string_view> activity_kind_zh_cn_label(std::string_view kind);

}  // namespace handoff::core
