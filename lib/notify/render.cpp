#include "notify/render.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include "support/json_text.hpp"
#include "support/text.hpp"

namespace handoff::notify {

namespace {

using Json = nlohmann::ordered_json;

// One line of a message: a heading, or an item (an event or a todo item) with the people to
// mention. Its text is already made visible.
struct Line {
  bool heading = false;
  std::string text;
  std::vector<std::string> persons;
};

// What every format shows: a title and the lines under it.
struct Content {
  std::string title;
  std::vector<Line> lines;
  std::size_t items = 0;  // lines that are not headings
};

bool zh(const RenderOptions& options)
{
  return options.language == core::Language::zh_cn;
}

Content content_of(const Notice& notice, const model::Config& config, const RenderOptions& options)
{
  const bool cn = zh(options);
  const auto v = [](std::string_view text) { return support::visible(text); };
  Content out;
  // Without --since there are no events to count.
  const bool since = !notice.since.empty();
  const std::string events_zh = since ? fmt::format("{} 个事件，", notice.events.size()) : "";
  const std::string events_en =
      since ? support::plural(static_cast<long long>(notice.events.size()), "event") + ", " : "";
  out.title = cn ? fmt::format("handoff 通知：{}{} 项待办（{}）", events_zh, notice.todo.size(), notice.today.str())
                 : fmt::format("handoff: {}{} to do ({})", events_en,
                               support::plural(static_cast<long long>(notice.todo.size()), "item"), notice.today.str());
  if (!notice.since.empty()) {
    out.lines.push_back({true,
                         cn ? fmt::format("自 {}（提交 {}）以来的变化", v(notice.since), notice.commit)
                            : fmt::format("Changes since {} (commit {})", v(notice.since), notice.commit),
                         {}});
    if (notice.events.empty()) {
      out.lines.push_back({false, cn ? "没有需要处理的变化" : "no change that waits on anyone", {}});
    }
    for (const auto& e : notice.events) {
      out.lines.push_back({false, v(e.project) + (cn ? "：" : ": ") + v(cn ? e.text_zh : e.text), e.persons});
    }
  }
  out.lines.push_back({true, cn ? "待办" : "To do", {}});
  if (notice.todo.empty()) {
    out.lines.push_back({false, cn ? "没有等待任何人处理的事项" : "nothing waits on anyone", {}});
  }
  std::string person;
  for (const auto& item : notice.todo) {
    if (item.person != person || &item == notice.todo.data()) {
      person = item.person;
      const auto count = std::count_if(notice.todo.begin(), notice.todo.end(),
                                       [&](const workspace::TodoItem& other) { return other.person == person; });
      const model::Person* entry = config.person(person);
      const std::string name = entry != nullptr && entry->name.has()
                                   ? (cn ? "（" + v(*entry->name) + "）" : " (" + v(*entry->name) + ")")
                                   : "";
      out.lines.push_back(
          {true,
           v(person) + name + (cn ? fmt::format("：{} 项", count) : ": " + support::plural(count, "item")),
           {person}});
    }
    const std::string& message = cn && !item.message_zh.empty() ? item.message_zh : item.message;
    out.lines.push_back(
        {false,
         fmt::format("{}{}{}{}", item.due ? item.due->str() + " " : "", v(item.project), cn ? "：" : ": ", v(message)),
         {}});
  }
  for (const auto& line : out.lines) {
    out.items += line.heading ? 0 : 1;
  }
  return out;
}

// Returns the line that stands for `n` items left out.
std::string more_line(std::size_t n, const RenderOptions& options)
{
  return zh(options) ? fmt::format("… 还有 {} 条", n) : fmt::format("… {} more", n);
}

// Returns how many of the first lines fit: the largest k such that `fits(k)` holds, where
// `fits(k)` renders lines [0, k) (and the "… N more" line when k is not all of them).
// `fits(0)` must hold.
std::size_t fitting(std::size_t total, const std::function<bool(std::size_t)>& fits)
{
  if (fits(total)) {
    return total;
  }
  std::size_t lo = 0;
  std::size_t hi = total;  // fits(lo) holds, fits(hi) does not
  while (hi - lo > 1) {
    const std::size_t mid = lo + (hi - lo) / 2;
    (fits(mid) ? lo : hi) = mid;
  }
  return lo;
}

// Returns the number of items among lines [k, end).
std::size_t items_after(const Content& c, std::size_t k)
{
  return static_cast<std::size_t>(std::count_if(c.lines.begin() + static_cast<std::ptrdiff_t>(k), c.lines.end(),
                                                [](const Line& l) { return !l.heading; }));
}

// Returns `text` with &, < and > written as HTML entities, as Slack's mrkdwn and the markdown of
// DingTalk and WeCom want them, so record text cannot open a mention or a tag.
std::string escape_html(std::string_view text)
{
  std::string out;
  for (const char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

// The registry and the chat ids: who a line mentions, and how.
struct People {
  const model::Config& config;
  const std::map<std::string, ChatIds>& chats;
};

const model::Person* person_of(const People& people, const std::string& id)
{
  return people.config.person(id);
}

// Returns the person's chat id for a platform, when it is usable in a mention.
std::optional<std::string> chat_id(const People& people, const std::string& id, std::string ChatIds::*field)
{
  const auto it = people.chats.find(id);
  if (it == people.chats.end() || !is_chat_id(it->second.*field)) {
    return std::nullopt;
  }
  return it->second.*field;
}

// --- text and JSON -------------------------------------------------------------------------

std::string render_text(const Content& c)
{
  std::string out = c.title + "\n";
  for (const auto& line : c.lines) {
    if (line.heading) {
      out += "\n" + line.text + "\n";
      continue;
    }
    out += "  " + line.text;
    if (!line.persons.empty()) {
      std::vector<std::string> shown;
      for (const auto& p : line.persons) {
        shown.push_back(support::visible(p));
      }
      out += " -> " + fmt::format("{}", fmt::join(shown, ", "));
    }
    out += "\n";
  }
  return out;
}

std::string render_json(const Notice& notice, const RenderOptions& options)
{
  const bool cn = zh(options);
  Json doc;
  doc["schema"] = 1;
  doc["today"] = notice.today.str();
  doc["since"] = notice.since.empty() ? Json(nullptr) : Json(notice.since);
  doc["commit"] = notice.commit.empty() ? Json(nullptr) : Json(notice.commit);
  doc["events"] = Json::array();
  for (const auto& e : notice.events) {
    Json j;
    j["kind"] = e.kind;
    j["project"] = e.project;
    j["ids"] = e.ids;
    j["persons"] = e.persons;
    j["message"] = cn ? e.text_zh : e.text;
    if (cn) {
      j["message_en"] = e.text;
    }
    doc["events"].push_back(std::move(j));
  }
  doc["todo"] = Json::array();
  for (const auto& item : notice.todo) {
    Json j;
    j["person"] = item.person;
    j["project"] = item.project;
    j["kind"] = item.kind;
    j["ids"] = item.ids;
    j["due"] = item.due ? Json(item.due->str()) : Json(nullptr);
    j["message"] = cn && !item.message_zh.empty() ? item.message_zh : item.message;
    if (cn && !item.message_zh.empty()) {
      j["message_en"] = item.message;
    }
    doc["todo"].push_back(std::move(j));
  }
  return support::json_text(doc);
}

// --- DingTalk ------------------------------------------------------------------------------

// A line of markdown (DingTalk, WeCom) with its mentions; `mention` returns a person's mention
// text or nullopt.
std::string markdown_line(const Line& line, const People& config,
                          const std::function<std::optional<std::string>(const std::string&)>& mention, std::size_t max)
{
  std::string text = escape_html(cut_utf8(line.text, max));
  std::string tail;
  for (const auto& p : line.persons) {
    const auto m = mention(p);
    if (!m && line.heading) {
      continue;  // a person's heading names them already
    }
    const model::Person* entry = person_of(config, p);
    tail += " " + (m ? *m : escape_html(support::visible(entry != nullptr && entry->name.has() ? *entry->name : p)));
  }
  return line.heading ? "**" + text + "**" + tail + "\n\n" : "- " + text + tail + "\n";
}

std::string render_dingtalk(const Content& c, const People& config, const RenderOptions& options)
{
  std::set<std::string> user_ids;
  std::set<std::string> mobiles;
  const auto mention = [&](const std::string& person) -> std::optional<std::string> {
    if (auto id = chat_id(config, person, &ChatIds::dingtalk)) {
      user_ids.insert(*id);
      return "@" + *id;  // the @ must be in the text for DingTalk to show the mention
    }
    if (auto mobile = chat_id(config, person, &ChatIds::mobile)) {
      mobiles.insert(*mobile);
      return "@" + *mobile;
    }
    return std::nullopt;
  };
  const auto body = [&](std::size_t k) {
    std::string text = "#### " + escape_html(c.title) + "\n\n";
    for (std::size_t i = 0; i < k; ++i) {
      // A blank line before each heading that follows an item.
      text += (c.lines[i].heading && i > 0 && !c.lines[i - 1].heading ? "\n" : "")
              + markdown_line(c.lines[i], config, mention, 2000);
    }
    if (k < c.lines.size()) {
      text += "\n" + more_line(items_after(c, k), options) + "\n";
    }
    return text;
  };
  const std::size_t k = fitting(c.lines.size(), [&](std::size_t n) { return body(n).size() <= k_dingtalk_max_bytes; });
  user_ids.clear();
  mobiles.clear();
  Json doc;
  doc["msgtype"] = "markdown";
  doc["markdown"] = {{"title", c.title}, {"text", body(k)}};
  doc["at"] = {{"atMobiles", std::vector<std::string>(mobiles.begin(), mobiles.end())},
               {"atUserIds", std::vector<std::string>(user_ids.begin(), user_ids.end())},
               {"isAtAll", false}};
  return support::json_text(doc);
}

// --- WeCom ---------------------------------------------------------------------------------

std::string render_wecom(const Content& c, const People& config, const RenderOptions& options)
{
  const auto mention = [&](const std::string& person) -> std::optional<std::string> {
    if (auto id = chat_id(config, person, &ChatIds::wecom)) {
      return "<@" + *id + ">";
    }
    return std::nullopt;
  };
  const auto body = [&](std::size_t k) {
    std::string text = "**" + escape_html(c.title) + "**\n";
    for (std::size_t i = 0; i < k; ++i) {
      text += (c.lines[i].heading && (i == 0 || !c.lines[i - 1].heading) ? "\n" : "")
              + markdown_line(c.lines[i], config, mention, 600);
    }
    if (k < c.lines.size()) {
      text += more_line(items_after(c, k), options) + "\n";
    }
    return text;
  };
  const std::size_t k = fitting(c.lines.size(), [&](std::size_t n) { return body(n).size() <= k_wecom_max_bytes; });
  Json doc;
  doc["msgtype"] = "markdown";
  doc["markdown"] = {{"content", body(k)}};
  return support::json_text(doc);
}

// --- Slack ---------------------------------------------------------------------------------

std::size_t code_points(std::string_view text)
{
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0U) != 0x80U; }));
}

std::string render_slack(const Content& c, const People& config, const RenderOptions& options)
{
  const auto line_text = [&](const Line& line) {
    const std::string text = escape_html(cut_utf8(line.text, 1500));
    std::string tail;
    for (const auto& p : line.persons) {
      if (auto id = chat_id(config, p, &ChatIds::slack)) {
        tail += " <@" + *id + ">";
      } else if (!line.heading) {  // a person's heading names them already
        const model::Person* entry = person_of(config, p);
        tail += " " + escape_html(support::visible(entry != nullptr && entry->name.has() ? *entry->name : p));
      }
    }
    return (line.heading ? "*" + text + "*" : "• " + text) + tail;
  };
  const auto blocks = [&](std::size_t k) {
    Json out = Json::array();
    out.push_back({{"type", "header"}, {"text", {{"type", "plain_text"}, {"text", cut_utf8(c.title, 150)}}}});
    std::string section;
    const auto flush = [&] {
      if (!section.empty()) {
        out.push_back({{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", section}}}});
        section.clear();
      }
    };
    const auto add = [&](const std::string& text, bool fresh) {
      if (fresh || code_points(section) + 1 + code_points(text) > k_slack_block_chars) {
        flush();
      }
      section += (section.empty() ? "" : "\n") + text;
    };
    for (std::size_t i = 0; i < k; ++i) {
      add(line_text(c.lines[i]), c.lines[i].heading);
    }
    if (k < c.lines.size()) {
      add(more_line(items_after(c, k), options), false);
    }
    flush();
    return out;
  };
  const std::size_t k = fitting(c.lines.size(), [&](std::size_t n) { return blocks(n).size() <= k_slack_max_blocks; });
  Json doc;
  doc["text"] = c.title;  // the fallback for notifications and clients without blocks
  doc["blocks"] = blocks(k);
  return support::json_text(doc);
}

// --- Feishu --------------------------------------------------------------------------------

std::string render_feishu(const Notice& notice, const People& config, const RenderOptions& options)
{
  // A post in both languages: Feishu shows each reader the one of their client.
  const auto post = [&](core::Language language, std::size_t k) {
    RenderOptions lang = options;
    lang.language = language;
    const Content c = content_of(notice, config.config, lang);
    Json paragraphs = Json::array();
    const std::size_t n = std::min(k, c.lines.size());
    for (std::size_t i = 0; i < n; ++i) {
      const Line& line = c.lines[i];
      Json para = Json::array();
      para.push_back({{"tag", "text"}, {"text", (line.heading ? "" : "• ") + cut_utf8(line.text, 2000)}});
      for (const auto& p : line.persons) {
        if (auto id = chat_id(config, p, &ChatIds::feishu)) {
          para.push_back({{"tag", "text"}, {"text", " "}});
          para.push_back({{"tag", "at"}, {"user_id", *id}});
        } else if (!line.heading) {  // a person's heading names them already
          const model::Person* entry = person_of(config, p);
          para.push_back({{"tag", "text"},
                          {"text", " " + support::visible(entry != nullptr && entry->name.has() ? *entry->name : p)}});
        }
      }
      paragraphs.push_back(std::move(para));
    }
    if (n < c.lines.size()) {
      paragraphs.push_back(Json::array({{{"tag", "text"}, {"text", more_line(items_after(c, n), lang)}}}));
    }
    return Json{{"title", c.title}, {"content", std::move(paragraphs)}};
  };
  const auto doc = [&](std::size_t k) {
    Json out;
    out["msg_type"] = "post";
    Json both;
    both["zh_cn"] = post(core::Language::zh_cn, k);
    both["en_us"] = post(core::Language::en, k);
    out["content"] = {{"post", std::move(both)}};
    return out;
  };
  const std::size_t total = content_of(notice, config.config, options).lines.size();
  const std::size_t k =
      fitting(total, [&](std::size_t n) { return support::json_text(doc(n)).size() <= k_feishu_max_bytes; });
  return support::json_text(doc(k));
}

// --- e-mail --------------------------------------------------------------------------------

std::string base64(std::string_view bytes)
{
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

bool ascii_printable(std::string_view text)
{
  return std::all_of(text.begin(), text.end(), [](char ch) { return ch >= 0x20 && ch < 0x7F; });
}

// Returns the Subject header's value: the text itself when it is printable ASCII, else RFC 2047
// encoded words (=?UTF-8?B?...?=) of at most 45 bytes each (75 characters), never splitting a
// UTF-8 character, folded onto continuation lines.
std::string encode_header(std::string_view text)
{
  if (ascii_printable(text)) {
    return std::string(text);
  }
  std::vector<std::string> words;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = std::min(text.size(), at + 45);
    while (end < text.size() && end > at && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) {
      --end;
    }
    words.push_back("=?UTF-8?B?" + base64(text.substr(at, end - at)) + "?=");
    at = end;
  }
  return fmt::format("{}", fmt::join(words, "\r\n "));
}

// Returns an RFC 5322 date for the start of `day` in UTC: "Fri, 20 Nov 2026 00:00:00 +0000".
std::string mail_date(support::Date day)
{
  static constexpr const char* k_days[] = {"Thu", "Fri", "Sat", "Sun",
                                           "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday
  static constexpr const char* k_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const long long d = day.days();
  const auto weekday = static_cast<std::size_t>(((d % 7) + 7) % 7);
  return fmt::format("{}, {:02} {} {:04} 00:00:00 +0000", k_days[weekday], day.day,
                     k_months[static_cast<std::size_t>(day.month - 1)], day.year);
}

// Returns whether `address` is a plain addr-spec that can stand in a header unquoted.
bool plain_address(std::string_view address)
{
  const auto at = address.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < address.size() && address.size() <= 254
         && std::all_of(address.begin(), address.end(), [](char ch) {
              return ch > 0x20 && ch < 0x7F && std::string_view("<>,;:\"()[]\\").find(ch) == std::string_view::npos;
            });
}

std::string render_email(const Notice& notice, const Content& c, const People& config, const RenderOptions& options)
{
  std::set<std::string> recipients;
  for (const auto& line : c.lines) {
    for (const auto& p : line.persons) {
      const model::Person* entry = person_of(config, p);
      if (entry != nullptr && entry->email.has() && plain_address(*entry->email)) {
        recipients.insert(*entry->email);
      }
    }
  }
  // The body: the text rendering with CRLF line ends, in base64 lines of 76 characters.
  std::string body;
  for (const char ch : render_text(c)) {
    body += ch == '\n' ? std::string("\r\n") : std::string(1, ch);
  }
  const std::string encoded = base64(body);
  std::string out;
  out += "From: " + options.from + "\r\n";
  out += "To: "
         + (recipients.empty() ? std::string("undisclosed-recipients:;")
                               : fmt::format("{}", fmt::join(recipients, ",\r\n ")))
         + "\r\n";
  out += "Subject: " + encode_header(c.title) + "\r\n";
  out += "Date: " + mail_date(notice.today) + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "\r\n";
  for (std::size_t at = 0; at < encoded.size(); at += 76) {
    out += encoded.substr(at, 76) + "\r\n";
  }
  return out;
}

}  // namespace

std::optional<Format> parse_format(std::string_view name)
{
  static constexpr std::pair<std::string_view, Format> k_names[] = {
      {"text", Format::text},   {"json", Format::json},   {"dingtalk", Format::dingtalk}, {"feishu", Format::feishu},
      {"wecom", Format::wecom}, {"slack", Format::slack}, {"email", Format::email},
  };
  for (const auto& [n, f] : k_names) {
    if (n == name) {
      return f;
    }
  }
  return std::nullopt;
}

std::string cut_utf8(std::string_view text, std::size_t max)
{
  if (text.size() <= max) {
    return std::string(text);
  }
  static constexpr std::string_view k_ellipsis = "…";
  std::size_t end = max > k_ellipsis.size() ? max - k_ellipsis.size() : 0;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) {
    --end;
  }
  return std::string(text.substr(0, end)) + std::string(k_ellipsis);
}

bool is_chat_id(std::string_view id)
{
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
           || std::string_view("_.+-@").find(ch) != std::string_view::npos;
  });
}

std::string render(const Notice& notice, const model::Config& config, const std::map<std::string, ChatIds>& chats,
                   Format format, const RenderOptions& options)
{
  const People people{config, chats};
  const Content c = content_of(notice, config, options);
  switch (format) {
  case Format::text:
    return render_text(c);
  case Format::json:
    return render_json(notice, options);
  case Format::dingtalk:
    return render_dingtalk(c, people, options);
  case Format::feishu:
    return render_feishu(notice, people, options);
  case Format::wecom:
    return render_wecom(c, people, options);
  case Format::slack:
    return render_slack(c, people, options);
  case Format::email:
    return render_email(notice, c, people, options);
  }
  return render_text(c);
}

}  // namespace handoff::notify
