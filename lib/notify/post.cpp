#include "notify/post.hpp"

#include <dlfcn.h>

#include <cmath>
#include <cstdlib>
#include <memory>
#include <mutex>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "support/text.hpp"

namespace handoff::notify {

namespace {

// libcurl is loaded when a post is made (libcurl.so.4, whose ABI is stable since 2006), so that
// building handoff needs no libcurl headers and every other command runs without libcurl. The
// option and info numbers below are those of curl/curl.h; they never change.
constexpr int k_opt_writedata = 10001;
constexpr int k_opt_url = 10002;
constexpr int k_opt_postfields = 10015;
constexpr int k_opt_httpheader = 10023;
constexpr int k_opt_writefunction = 20011;
constexpr int k_opt_postfieldsize = 60;
constexpr int k_opt_nosignal = 99;
constexpr int k_opt_timeout_ms = 155;
constexpr int k_opt_connecttimeout_ms = 156;
constexpr int k_opt_protocols = 181;
constexpr int k_opt_redir_protocols = 182;
constexpr long k_proto_http_https = 1 | 2;  // CURLPROTO_HTTP | CURLPROTO_HTTPS
constexpr int k_info_response_code = 0x200000 + 2;
constexpr long k_global_default = 3;  // CURL_GLOBAL_SSL | CURL_GLOBAL_WIN32
constexpr std::size_t k_max_answer = std::size_t{64} * 1024;

struct curl_slist;

// The entry points of libcurl handoff uses.
struct Curl {
  void* handle = nullptr;
  int (*global_init)(long) = nullptr;
  void* (*easy_init)() = nullptr;
  int (*easy_setopt)(void*, int, ...) = nullptr;
  int (*easy_perform)(void*) = nullptr;
  int (*easy_getinfo)(void*, int, ...) = nullptr;
  void (*easy_cleanup)(void*) = nullptr;
  const char* (*easy_strerror)(int) = nullptr;
  curl_slist* (*slist_append)(curl_slist*, const char*) = nullptr;
  void (*slist_free_all)(curl_slist*) = nullptr;
  std::string problem;  // why libcurl is not usable; empty when it is
};

template <class Fn>
void bind(Curl& curl, Fn& fn, const char* name)
{
  void* symbol = dlsym(curl.handle, name);
  if (symbol == nullptr && curl.problem.empty()) {
    curl.problem = fmt::format("libcurl lacks {}", name);
  }
  fn = reinterpret_cast<Fn>(symbol);  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast): dlsym's contract
}

const Curl& curl()
{
  static Curl curl;
  static std::once_flag once;
  std::call_once(once, [] {
    for (const char* name : {"libcurl.so.4", "libcurl.so", "libcurl-gnutls.so.4"}) {
      curl.handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
      if (curl.handle != nullptr) {
        break;
      }
    }
    if (curl.handle == nullptr) {
      curl.problem = "libcurl is not installed (libcurl.so.4; Debian: apt-get install libcurl4)";
      return;
    }
    bind(curl, curl.global_init, "curl_global_init");
    bind(curl, curl.easy_init, "curl_easy_init");
    bind(curl, curl.easy_setopt, "curl_easy_setopt");
    bind(curl, curl.easy_perform, "curl_easy_perform");
    bind(curl, curl.easy_getinfo, "curl_easy_getinfo");
    bind(curl, curl.easy_cleanup, "curl_easy_cleanup");
    bind(curl, curl.easy_strerror, "curl_easy_strerror");
    bind(curl, curl.slist_append, "curl_slist_append");
    bind(curl, curl.slist_free_all, "curl_slist_free_all");
    if (curl.problem.empty() && curl.global_init(k_global_default) != 0) {
      curl.problem = "libcurl could not be initialised";
    }
  });
  return curl;
}

std::size_t collect(char* data, std::size_t size, std::size_t count, void* user)
{
  auto* out = static_cast<std::string*>(user);
  const std::size_t n = size * count;
  if (out->size() < k_max_answer) {
    out->append(data, std::min(n, k_max_answer - out->size()));
  }
  return n;
}

// Returns the error a chat platform put in an HTTP 200 answer, or "".
std::string answer_error(const std::string& body)
{
  const nlohmann::json answer = nlohmann::json::parse(body, nullptr, false);
  if (!answer.is_object()) {
    return "";
  }
  for (const char* key : {"errcode", "code", "StatusCode"}) {
    const auto it = answer.find(key);
    if (it != answer.end() && it->is_number_integer() && it->get<long long>() != 0) {
      std::string message;
      for (const char* text : {"errmsg", "msg", "StatusMessage"}) {
        if (const auto m = answer.find(text); m != answer.end() && m->is_string()) {
          message = m->get<std::string>();
          break;
        }
      }
      return fmt::format("{} {}{}", key, it->get<long long>(), message.empty() ? "" : ": " + message);
    }
  }
  return "";
}

}  // namespace

long post_timeout_ms()
{
  const char* value = std::getenv("HANDOFF_NOTIFY_TIMEOUT");
  if (value == nullptr || *value == '\0') {
    return 10000;
  }
  char* end = nullptr;
  const double seconds = std::strtod(value, &end);
  if (end == value || *end != '\0' || !std::isfinite(seconds) || seconds < 0.1 || seconds > 600) {
    throw core::UserError(
        fmt::format("HANDOFF_NOTIFY_TIMEOUT is {}; give seconds between 0.1 and 600", support::quote(value)));
  }
  return std::lround(seconds * 1000);
}

std::string redact_url(std::string_view url)
{
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) {
    return "(a URL without a scheme)";
  }
  const std::string_view rest = url.substr(scheme_end + 3);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    authority = authority.substr(at + 1);
  }
  const bool more = authority.size() < rest.size() && rest.substr(authority.size()) != "/";
  return support::visible(std::string(url.substr(0, scheme_end + 3)) + std::string(authority) + (more ? "/…" : "/"));
}

PostResult post_json(const std::string& url, const std::string& body, const PostOptions& options)
{
  const std::string shown = redact_url(url);
  const Curl& lib = curl();
  if (!lib.problem.empty()) {
    throw core::ToolError(fmt::format("cannot post to {}: {}", shown, lib.problem));
  }
  const std::unique_ptr<void, void (*)(void*)> easy(lib.easy_init(), lib.easy_cleanup);
  if (!easy) {
    throw core::ToolError(fmt::format("cannot post to {}: libcurl could not start a transfer", shown));
  }
  curl_slist* headers = lib.slist_append(nullptr, "Content-Type: application/json; charset=utf-8");
  const std::unique_ptr<curl_slist, void (*)(curl_slist*)> header_list(headers, lib.slist_free_all);
  PostResult result;
  void* h = easy.get();
  lib.easy_setopt(h, k_opt_url, url.c_str());
  lib.easy_setopt(h, k_opt_protocols, k_proto_http_https);
  lib.easy_setopt(h, k_opt_redir_protocols, k_proto_http_https);
  lib.easy_setopt(h, k_opt_nosignal, 1L);
  lib.easy_setopt(h, k_opt_httpheader, headers);
  lib.easy_setopt(h, k_opt_postfields, body.c_str());
  lib.easy_setopt(h, k_opt_postfieldsize, static_cast<long>(body.size()));
  lib.easy_setopt(h, k_opt_connecttimeout_ms, options.timeout_ms);
  lib.easy_setopt(h, k_opt_timeout_ms, options.timeout_ms);
  lib.easy_setopt(h, k_opt_writefunction, &collect);
  lib.easy_setopt(h, k_opt_writedata, &result.body);
  if (const int code = lib.easy_perform(h); code != 0) {
    // The transfer is not retried: a message that reached the robot but whose answer was lost
    // would be posted twice.
    throw core::ToolError(fmt::format("cannot post to {}: {} (not retried)", shown, lib.easy_strerror(code)));
  }
  lib.easy_getinfo(h, k_info_response_code, &result.status);
  if (result.status >= 400) {
    throw core::ToolError(fmt::format("posting to {} failed: HTTP {}{}", shown, result.status,
                                      result.body.empty() ? "" : ": " + support::quote(result.body, 200)));
  }
  if (const std::string error = answer_error(result.body); !error.empty()) {
    throw core::ToolError(fmt::format("posting to {} failed: HTTP {}, the answer says {}", shown, result.status,
                                      support::quote(error, 200)));
  }
  return result;
}

}  // namespace handoff::notify
