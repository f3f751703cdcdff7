// `handoff notify` (lib/notify/): the payload of each chat platform and the e-mail against the
// platforms' documented shapes (required keys, length limits, mention syntax), record text kept
// from steering a payload, the URL shown without its token; and `todo` at every active stage.
#include <doctest/doctest.h>

#include <openssl/evp.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness.hpp"
#include "notify/chat.hpp"
#include "notify/post.hpp"
#include "notify/render.hpp"
#include "support/text.hpp"
#include "workspace/todo.hpp"

using namespace handoff;
using Json = nlohmann::json;

namespace {

const char* const k_config = R"(version: 1
people:
  - id: ana
    name: Ana Li
    email: ana@example.com
    roles: [sales]
    chat: {dingtalk: ana01, mobile: "13800000001", feishu: ou_ana, wecom: AnaLi, slack: U01ANA}
  - id: ben
    name: 王本
    email: ben@example.com
    roles: [implementation]
    chat: {mobile: "13800000002"}
  - id: cara
    roles: [pm]
    chat: {slack: "U<!channel>", wecom: "bad id"}
)";

struct Fixture {
  test::Workspace files;
  Fixture() { files.file("handoff.yaml", k_config).file("projects/p/project.yaml", "id: p\nstage: delivery\n"); }
};

// A notice of `events` events (each for ana, ben and cara) and `items` todo items for ana.
notify::Notice notice(std::size_t events, std::size_t items, const std::string& text = "change request CR-1 waits")
{
  notify::Notice n;
  n.today = *support::Date::parse("2026-11-20");
  n.since = "HEAD~1";
  n.commit = "abc1234";
  for (std::size_t i = 0; i < events; ++i) {
    n.events.push_back(
        {"change_proposed", "p", {"CR-" + std::to_string(i + 1)}, {"ana", "ben", "cara"}, text, "变更申请 " + text});
  }
  for (std::size_t i = 0; i < items; ++i) {
    n.todo.push_back({"ana",
                      "p",
                      "milestone",
                      {"M" + std::to_string(i + 1)},
                      n.today,
                      "milestone M" + std::to_string(i + 1) + " is due today",
                      "里程碑今天到期"});
  }
  return n;
}

std::string render(const Fixture& f, const notify::Notice& n, notify::Format format,
                   core::Language language = core::Language::en)
{
  const workspace::Workspace ws(f.files.fs());
  notify::RenderOptions options;
  options.language = language;
  return notify::render(n, ws.config(), notify::chat_ids(ws), format, options);
}

bool valid_utf8(const std::string& s)
{
  return !support::find_invalid_utf8(s).has_value();
}

// Returns the bytes of base64 `text` (EVP_DecodeBlock counts padding as zero bytes: they are
// dropped here).
std::string unbase64(const std::string& text)
{
  std::string out(text.size(), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  REQUIRE(n >= 0);
  const auto pad = static_cast<std::size_t>(std::count(text.begin(), text.end(), '='));
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

}  // namespace

TEST_CASE("notify: DingTalk markdown has msgtype, title, text and at, and every @ is in the text")
{
  const Fixture f;
  const Json doc = Json::parse(render(f, notice(2, 1), notify::Format::dingtalk));
  CHECK(doc["msgtype"] == "markdown");
  CHECK(doc["markdown"]["title"] == "handoff: 2 events, 1 item to do (2026-11-20)");
  const std::string text = doc["markdown"]["text"];
  CHECK(doc["at"]["atUserIds"] == Json::array({"ana01"}));
  CHECK(doc["at"]["atMobiles"] == Json::array({"13800000002"}));  // ben has no dingtalk id
  CHECK(doc["at"]["isAtAll"] == false);
  CHECK(text.find("@ana01") != std::string::npos);
  CHECK(text.find("@13800000002") != std::string::npos);
  CHECK(text.find("- p: change request CR-1 waits @ana01 @13800000002 cara\n") != std::string::npos);
  CHECK(text.find("**ana (Ana Li): 1 item** @ana01") != std::string::npos);
  CHECK(text.size() <= notify::k_dingtalk_max_bytes);
}

TEST_CASE("notify: WeCom markdown stays within 4096 bytes, ends with \"… N more\", and mentions as <@userid>")
{
  const Fixture f;
  const std::string payload = render(f, notice(300, 300), notify::Format::wecom);
  const Json doc = Json::parse(payload);
  CHECK(doc["msgtype"] == "markdown");
  const std::string content = doc["markdown"]["content"];
  CHECK(content.size() <= notify::k_wecom_max_bytes);
  CHECK(content.size() > notify::k_wecom_max_bytes - 200);  // filled, not cut early
  CHECK(valid_utf8(content));
  CHECK(content.find("<@AnaLi>") != std::string::npos);
  CHECK(content.find("<@bad id>") == std::string::npos);  // not a plain id: cara is named instead
  const auto more = content.rfind("… ");
  REQUIRE(more != std::string::npos);
  const std::string last = content.substr(more);
  CHECK(last.find(" more\n") != std::string::npos);
  // the number left out plus the items shown is every item
  const long long left = std::stoll(last.substr(std::string("… ").size()));
  std::size_t shown = 0;
  for (std::size_t at = 0; (at = content.find("\n- ", at)) != std::string::npos; ++at) {
    ++shown;
  }
  CHECK(static_cast<std::size_t>(left) + shown == 600);
}

TEST_CASE("notify: Slack blocks keep to 50 blocks of at most 3000 characters, with a text fallback and <@U…>")
{
  const Fixture f;
  const std::string long_text(2000, 'x');
  const Json doc = Json::parse(render(f, notice(400, 400, long_text), notify::Format::slack));
  CHECK(doc["text"] == "handoff: 400 events, 400 items to do (2026-11-20)");
  REQUIRE(doc["blocks"].is_array());
  CHECK(doc["blocks"].size() <= notify::k_slack_max_blocks);
  CHECK(doc["blocks"][0]["type"] == "header");
  for (const auto& block : doc["blocks"]) {
    if (block["type"] == "section") {
      CHECK(block["text"]["type"] == "mrkdwn");
      const std::string text = block["text"]["text"];
      const auto chars = std::count_if(text.begin(), text.end(),
                                       [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0U) != 0x80U; });
      CHECK(chars <= 3000);
    }
  }
  const std::string last = doc["blocks"].back()["text"]["text"];
  CHECK(last.find(" more") != std::string::npos);
  const std::string first = doc["blocks"][1]["text"]["text"];
  CHECK(first.find("<@U01ANA>") != std::string::npos);
  CHECK(first.find("<!channel>") == std::string::npos);  // cara's id is not a plain id
  CHECK(first.find("U<!channel>") == std::string::npos);
}

TEST_CASE("notify: Slack and markdown escape &, < and > in record text so it cannot mention or tag")
{
  const Fixture f;
  const notify::Notice n = notice(1, 0, "see <!channel> & <@U999>");
  const Json slack = Json::parse(render(f, n, notify::Format::slack));
  const std::string section = slack["blocks"][1]["text"]["text"];
  CHECK(section.find("see &lt;!channel&gt; &amp; &lt;@U999&gt;") != std::string::npos);
  const Json wecom = Json::parse(render(f, n, notify::Format::wecom));
  CHECK(std::string(wecom["markdown"]["content"]).find("&lt;@U999&gt;") != std::string::npos);
}

TEST_CASE("notify: Feishu post carries zh_cn and en_us, with at tags for mentions")
{
  const Fixture f;
  const Json doc = Json::parse(render(f, notice(1, 1), notify::Format::feishu));
  CHECK(doc["msg_type"] == "post");
  const Json& post = doc["content"]["post"];
  REQUIRE(post.contains("zh_cn"));
  REQUIRE(post.contains("en_us"));
  CHECK(post["zh_cn"]["title"] == "handoff 通知：1 个事件，1 项待办（2026-11-20）");
  CHECK(post["en_us"]["title"] == "handoff: 1 event, 1 item to do (2026-11-20)");
  bool at = false;
  for (const auto& para : post["en_us"]["content"]) {
    REQUIRE(para.is_array());
    for (const auto& el : para) {
      REQUIRE(el.contains("tag"));
      if (el["tag"] == "at") {
        CHECK(el["user_id"] == "ou_ana");
        at = true;
      } else {
        CHECK(el["tag"] == "text");
        CHECK(el["text"].is_string());
      }
    }
  }
  CHECK(at);
  const Json big = Json::parse(render(f, notice(500, 500), notify::Format::feishu));
  CHECK(big.dump().size() <= notify::k_feishu_max_bytes);
  const std::string last = big["content"]["post"]["zh_cn"]["content"].back()[0]["text"];
  CHECK(last.find("… 还有 ") == 0);
}

TEST_CASE("notify: the e-mail is RFC 5322 with CRLF, a Date from today, an RFC 2047 subject and a base64 body")
{
  const Fixture f;
  const std::string mail = render(f, notice(1, 1), notify::Format::email, core::Language::zh_cn);
  const auto head_end = mail.find("\r\n\r\n");
  REQUIRE(head_end != std::string::npos);
  const std::string head = mail.substr(0, head_end + 2);
  CHECK(head.find("From: handoff <handoff@localhost>\r\n") == 0);
  CHECK(head.find("To: ana@example.com,\r\n ben@example.com\r\n") != std::string::npos);
  CHECK(head.find("Date: Fri, 20 Nov 2026 00:00:00 +0000\r\n") != std::string::npos);
  CHECK(head.find("MIME-Version: 1.0\r\n") != std::string::npos);
  CHECK(head.find("Content-Type: text/plain; charset=UTF-8\r\n") != std::string::npos);
  CHECK(head.find("Content-Transfer-Encoding: base64\r\n") != std::string::npos);
  // Every line ends with CRLF; no bare LF or CR.
  for (std::size_t i = 0; i < mail.size(); ++i) {
    if (mail[i] == '\n') {
      CHECK(i > 0);
      CHECK(mail[i - 1] == '\r');
    }
  }
  // The subject: encoded words of at most 75 characters whose bytes decode to the title.
  const auto s = head.find("Subject: ");
  REQUIRE(s != std::string::npos);
  std::string subject = head.substr(s + 9, head.find("\r\nDate:") - s - 9);
  std::string decoded;
  std::size_t at = 0;
  while ((at = subject.find("=?UTF-8?B?", at)) != std::string::npos) {
    const auto end = subject.find("?=", at + 10);
    REQUIRE(end != std::string::npos);
    CHECK(end + 2 - at <= 75);
    const std::string word = subject.substr(at + 10, end - at - 10);
    const std::string bytes = unbase64(word);
    CHECK(valid_utf8(bytes));  // no character split between two words
    decoded += bytes;
    at = end + 2;
  }
  CHECK(decoded == "handoff 通知：1 个事件，1 项待办（2026-11-20）");
  // The body lines are base64 of at most 76 characters.
  std::string body;
  for (std::size_t p = head_end + 4; p < mail.size();) {
    const auto e = mail.find("\r\n", p);
    CHECK(e - p <= 76);
    body += mail.substr(p, e - p);
    p = e + 2;
  }
  const std::string text = unbase64(body);
  CHECK(text.find("p：变更申请 change request CR-1 waits -> ana, ben, cara\r\n") != std::string::npos);
}

TEST_CASE("notify: an ASCII subject is left as it is")
{
  const Fixture f;
  const std::string mail = render(f, notice(0, 0), notify::Format::email);
  CHECK(mail.find("Subject: handoff: 0 events, 0 items to do (2026-11-20)\r\n") != std::string::npos);
  CHECK(mail.find("To: undisclosed-recipients:;\r\n") != std::string::npos);
}

// Appends every string of a JSON document to `out`, one after the other.
void strings_of(const Json& doc, std::string& out)
{
  if (doc.is_string()) {
    out += doc.get<std::string>() + "\x01";
  }
  for (const auto& item : doc) {
    if (doc.is_structured()) {
      strings_of(item, out);
    }
  }
}

TEST_CASE("notify: record text with line breaks and escapes reaches no payload as raw control characters")
{
  const Fixture f;
  const notify::Notice n = notice(1, 1, "title\nINJECTED \x1b[31m\r\u2028 end");
  for (const auto format : {notify::Format::text, notify::Format::dingtalk, notify::Format::feishu,
                            notify::Format::wecom, notify::Format::slack}) {
    std::string text = render(f, n, format);
    if (format != notify::Format::text) {
      const std::string payload = text;
      text.clear();
      strings_of(Json::parse(payload), text);
    }
    CAPTURE(text);
    CHECK(text.find("\\nINJECTED \\x1b[31m\\r\\u2028 end") != std::string::npos);
    CHECK(text.find("\nINJECTED") == std::string::npos);
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(text.find('\r') == std::string::npos);
    CHECK(text.find("\u2028") == std::string::npos);
  }
}

TEST_CASE("notify: cut_utf8 never cuts a character")
{
  const std::string text = "通知通知通知";  // 18 bytes, 3 a character
  for (std::size_t max = 3; max <= 20; ++max) {
    const std::string cut = notify::cut_utf8(text, max);
    CAPTURE(max);
    CHECK(cut.size() <= std::max<std::size_t>(max, 3));
    CHECK(valid_utf8(cut));
  }
  CHECK(notify::cut_utf8(text, 18) == text);
  CHECK(notify::cut_utf8(text, 10) == "通知…");
}

TEST_CASE("notify: chat ids and URLs shown without their secrets")
{
  CHECK(notify::is_chat_id("ou_7d8a6e"));
  CHECK(notify::is_chat_id("+86-13800000001"));
  CHECK_FALSE(notify::is_chat_id(""));
  CHECK_FALSE(notify::is_chat_id("a b"));
  CHECK_FALSE(notify::is_chat_id("<!channel>"));
  CHECK_FALSE(notify::is_chat_id(std::string(65, 'a')));
  CHECK(notify::redact_url("https://oapi.dingtalk.com/robot/send?access_token=SECRET")
        == "https://oapi.dingtalk.com/…");
  CHECK(notify::redact_url("https://hooks.slack.com/services/T0/B0/SECRET") == "https://hooks.slack.com/…");
  CHECK(notify::redact_url("http://user:SECRET@127.0.0.1:8080/x") == "http://127.0.0.1:8080/…");
  CHECK(notify::redact_url("https://example.com") == "https://example.com/");
  CHECK(notify::redact_url("not a url SECRET") == "(a URL without a scheme)");
}

TEST_CASE("notify: HANDOFF_NOTIFY_TIMEOUT sets the post timeout in seconds")
{
  {
    const test::ScopedEnv env("HANDOFF_NOTIFY_TIMEOUT", "0.5");
    CHECK(notify::post_timeout_ms() == 500);
  }
  {
    const test::ScopedEnv env("HANDOFF_NOTIFY_TIMEOUT", "0");
    CHECK_THROWS_WITH(notify::post_timeout_ms(), "HANDOFF_NOTIFY_TIMEOUT is \"0\"; give seconds between 0.1 and 600");
  }
}

TEST_CASE("todo: milestones and risk reviews wait on their owners at stage handoff too")
{
  test::Workspace files;
  files.file("handoff.yaml", "version: 1\n")
      .file("projects/p/project.yaml", "id: p\nstage: handoff\nteam:\n  pm: cara\n")
      .file("projects/p/plan.yaml",
            "milestones:\n  - id: M1\n    name: Kickoff\n    due: 2026-11-25\n    owner: cara\n")
      .file("projects/p/risks.yaml", "risks:\n  - id: R-1\n    title: Key user leaves\n    probability: 2\n"
                                     "    impact: 3\n    owner: cara\n    status: open\n    review_by: 2026-11-18\n");
  const workspace::Workspace ws(files.fs());
  workspace::TodoOptions options;
  options.check.today = *support::Date::parse("2026-11-20");
  std::vector<std::string> kinds;
  for (const auto& item : workspace::todo_items(ws, {}, options)) {
    if (item.kind == "milestone" || item.kind == "risk") {
      kinds.push_back(item.person + " " + item.kind + " " + item.due->str());
    }
  }
  CHECK(kinds == std::vector<std::string>{"cara risk 2026-11-18", "cara milestone 2026-11-25"});
}

TEST_CASE("notify: without --since the title counts no events; a heading names a person once")
{
  const Fixture f;
  notify::Notice n = notice(0, 1);
  n.since.clear();
  n.todo[0].person = "ben";
  const Json doc = Json::parse(render(f, n, notify::Format::slack));
  CHECK(doc["text"] == "handoff: 1 item to do (2026-11-20)");
  CHECK(doc["blocks"][2]["text"]["text"] == "*ben (王本): 1 item*\n• 2026-11-20 p: milestone M1 is due today");
  const Json zh = Json::parse(render(f, n, notify::Format::wecom, core::Language::zh_cn));
  CHECK(zh["markdown"]["content"]
        == "**handoff 通知：1 项待办（2026-11-20）**\n\n**待办**\n\n**ben（王本）：1 项**\n\n- 2026-11-20 "
           "p：里程碑今天到期\n");
}
