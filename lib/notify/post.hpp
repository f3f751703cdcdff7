#pragma once

#include <string>
#include <string_view>

// Sends a notification payload to a webhook over HTTP(S), through libcurl.
namespace handoff::notify {

struct PostOptions {
  long timeout_ms = 10000;  // connect and total; HANDOFF_NOTIFY_TIMEOUT (seconds) overrides the default
};

struct PostResult {
  long status = 0;   // the HTTP status
  std::string body;  // the answer, at most 64 KiB of it
};

// Returns the timeout to use: HANDOFF_NOTIFY_TIMEOUT (seconds, decimals allowed, 0.1 to 600)
// when set, else 10 s. Throws core::UserError for a value it cannot use.
long post_timeout_ms();

// Returns `url` safe to print: the scheme, host and port, and "/…" for any path, query or
// fragment (webhook tokens live there), without any user:password.
std::string redact_url(std::string_view url);

// POSTs `body` (JSON, Content-Type application/json; charset=utf-8) to `url` once: no retry,
// no redirect, http and https only. Throws core::ToolError naming the redacted URL when the
// transfer fails (refused, timed out), the status is 400 or more, or the answer
// reports an error the way DingTalk, WeCom (errcode not 0) and Feishu (code not 0) do.
PostResult post_json(const std::string& url, const std::string& body, const PostOptions& options);

}  // namespace handoff::notify
