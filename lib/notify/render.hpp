#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/types.hpp"
#include "model/records.hpp"
#include <map>

#include "notify/chat.hpp"
#include "notify/events.hpp"

// The messages of `handoff notify`: text for a terminal, JSON, the webhook payloads of DingTalk,
// Feishu, WeCom and Slack, and an RFC 5322 e-mail.
namespace handoff::notify {

enum class Format : std::uint8_t { text, json, dingtalk, feishu, wecom, slack, email };

// Returns the format named `name` (text, json, dingtalk, feishu, wecom, slack, email), or nullopt.
std::optional<Format> parse_format(std::string_view name);

// The platforms' documented limits the payloads keep to.
inline constexpr std::size_t k_dingtalk_max_bytes = 20000;  // markdown.text
inline constexpr std::size_t k_feishu_max_bytes = 20000;    // the whole post body (the bot's limit is 20 KB)
inline constexpr std::size_t k_wecom_max_bytes = 4096;      // markdown.content, UTF-8 bytes
inline constexpr std::size_t k_slack_block_chars = 3000;    // a section block's text
inline constexpr std::size_t k_slack_max_blocks = 50;       // blocks in one message

struct RenderOptions {
  core::Language language = core::Language::en;
  std::string from = "handoff <handoff@localhost>";  // the e-mail's From
};

// Returns `notice` in `format`. People are mentioned with their `people[].chat` id (`chats`) for the
// platform when it is a plain id (letters, digits, `_.+-@`, at most 64 characters), else named
// in the text. Record text is shown with its control characters visible (support::visible);
// a payload over its platform's limit ends with a line "… N more" instead of the lines that do
// not fit, and no UTF-8 character is ever cut.
std::string render(const Notice& notice, const model::Config& config, const std::map<std::string, ChatIds>& chats,
                   Format format, const RenderOptions& options);

// Returns `text` cut to at most `max` bytes at a UTF-8 character boundary, ending with "…" when
// it was cut (the "…" counts against `max`).
std::string cut_utf8(std::string_view text, std::size_t max);

// Returns whether `id` can stand in a mention: 1 to 64 of A-Z a-z 0-9 _ . + - @.
bool is_chat_id(std::string_view id);

}  // namespace handoff::notify
