#include "notify/post.hpp"

#include <curl/curl.h>
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

constexpr std::size_t k_max_answer = std::size_t{64} * 1024;

// libcurl, loaded when the first message is posted rather than linked: libcurl and the
// libraries it needs (TLS, Kerberos, LDAP, SSH, HTTP/2, ...) are twenty shared libraries that
// every other command would map and relocate at start for nothing (bench/RESULTS.md, "Starting
// handoff"). Only the handful of functions below are used; curl/curl.h gives their types.
struct Curl {
  decltype(&curl_global_init) global_init = nullptr;
  decltype(&curl_easy_init) easy_init = nullptr;
  decltype(&curl_easy_cleanup) easy_cleanup = nullptr;
  decltype(&curl_easy_setopt) easy_setopt = nullptr;
  decltype(&curl_easy_perform) easy_perform = nullptr;
  decltype(&curl_easy_getinfo) easy_getinfo = nullptr;
  decltype(&curl_easy_strerror) easy_strerror = nullptr;
  decltype(&curl_slist_append) slist_append = nullptr;
  decltype(&curl_slist_free_all) slist_free_all = nullptr;
};

// Returns the loaded libcurl, initialised once per process (curl_global_init is not
// thread-safe before 7.84). Throws core::ToolError naming the package when it is missing.
const Curl& curl()
{
  static std::once_flag once;
  static Curl api;
  static std::string error;
  std::call_once(once, [] {
    void* lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr) {
      const char* why = dlerror();
      error = fmt::format("notify --post needs libcurl (libcurl.so.4: {}); on Debian or Ubuntu: apt-get install "
                          "libcurl4",
                          why != nullptr ? why : "not found");
      return;
    }
    // Never closed: the process posts until it ends.
    const auto load = [&](auto& fn, const char* name) {
      fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(dlsym(lib, name));  // NOLINT
      if (fn == nullptr && error.empty()) {
        error = fmt::format("notify --post needs libcurl 7.85 or later: libcurl.so.4 has no {}", name);
      }
    };
    load(api.global_init, "curl_global_init");
    load(api.easy_init, "curl_easy_init");
    load(api.easy_cleanup, "curl_easy_cleanup");
    load(api.easy_setopt, "curl_easy_setopt");
    load(api.easy_perform, "curl_easy_perform");
    load(api.easy_getinfo, "curl_easy_getinfo");
    load(api.easy_strerror, "curl_easy_strerror");
    load(api.slist_append, "curl_slist_append");
    load(api.slist_free_all, "curl_slist_free_all");
    if (!error.empty()) {
      return;
    }
    if (const CURLcode status = api.global_init(CURL_GLOBAL_DEFAULT); status != CURLE_OK) {
      error = fmt::format("libcurl could not be initialised: {}", api.easy_strerror(status));
    }
  });
  if (!error.empty()) {
    throw core::ToolError(error);
  }
  return api;
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
  const Curl& c = curl();
  const std::unique_ptr<CURL, void (*)(CURL*)> easy(c.easy_init(), c.easy_cleanup);
  if (!easy) {
    throw core::ToolError(fmt::format("cannot post to {}: libcurl could not start a transfer", shown));
  }
  curl_slist* headers = c.slist_append(nullptr, "Content-Type: application/json; charset=utf-8");
  const std::unique_ptr<curl_slist, void (*)(curl_slist*)> header_list(headers, c.slist_free_all);
  PostResult result;
  CURL* h = easy.get();
  c.easy_setopt(h, CURLOPT_URL, url.c_str());
  // Only http and https, also after a redirect (which is not followed anyway).
  c.easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  c.easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  c.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  c.easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  c.easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
  c.easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  c.easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, options.timeout_ms);
  c.easy_setopt(h, CURLOPT_TIMEOUT_MS, options.timeout_ms);
  c.easy_setopt(h, CURLOPT_WRITEFUNCTION, &collect);
  c.easy_setopt(h, CURLOPT_WRITEDATA, &result.body);
  if (const CURLcode code = c.easy_perform(h); code != CURLE_OK) {
    // The transfer is not retried: a message that reached the robot but whose answer was lost
    // would be posted twice.
    throw core::ToolError(fmt::format("cannot post to {}: {} (not retried)", shown, c.easy_strerror(code)));
  }
  c.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &result.status);
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
