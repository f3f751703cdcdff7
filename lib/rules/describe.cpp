#include "rules/describe.hpp"
#include "core/activity_kinds.hpp"

#include <cmath>
#include <cstdio>

#include "support/text.hpp"

namespace handoff::rules {

std::string quote(const std::string& text)
{
  if (text.find('"') == std::string::npos) {
    return "\"" + text + "\"";
  }
  if (text.find('\'') == std::string::npos) {
    return "'" + text + "'";
  }
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') {
      out += '\\';
    }
    out += c;
  }
  return out + "\"";
}

std::string describe(const model::Text& id, const model::Text& title, core::Pos pos)
{
  if (id.has() && title.has()) {
    return *id + " " + quote(*title);
  }
  if (id.has()) {
    return *id;
  }
  const std::string line = "at line " + std::to_string(pos.line);
  return title.has() ? quote(*title) + " " + line : line;
}

std::string describe(const model::Requirement& req)
{
  return describe(req.id, req.title, req.pos);
}

std::string describe(const model::Milestone& milestone)
{
  return describe(milestone.id, milestone.name, milestone.pos);
}

std::string describe(const model::Activity& activity)
{
  std::string out = "activity " + activity.id.value_or("(no id)");
  if (activity.date.has()) {
    out += " (" + activity.kind.value_or("activity") + " on " + activity.date->str() + ")";
  }
  return out;
}

std::string describe_zh(const model::Text& id, const model::Text& title, core::Pos pos)
{
  if (id.has()) {
    return describe(id, title, pos);
  }
  const std::string line = "第 " + std::to_string(pos.line) + " 行";
  return title.has() ? quote(*title) + "（" + line + "）" : line;
}

std::string describe_zh(const model::Requirement& req)
{
  return describe_zh(req.id, req.title, req.pos);
}

std::string describe_zh(const model::Milestone& milestone)
{
  return describe_zh(milestone.id, milestone.name, milestone.pos);
}

std::string describe_zh(const model::Activity& activity)
{
  std::string out = "活动 " + activity.id.value_or("（无编号）");
  if (activity.date.has()) {
    const std::string kind = activity.kind.value_or("");
    const auto label = core::activity_kind_zh_cn_label(kind);
    out += "（"
           + (kind.empty() ? std::string("活动")
              : label      ? std::string(*label)
                           : kind)
           + "，" + activity.date->str() + "）";
  }
  return out;
}

std::string join_zh(const std::vector<std::string>& words)
{
  return support::join_zh(words);
}

std::vector<std::string> ids_of(const model::Text& id)
{
  if (id.has()) {
    return {*id};
  }
  return {};
}

std::string format_number(double value)
{
  if (std::abs(value - std::round(value)) < 1e-9 && std::abs(value) < 1e15) {
    return std::to_string(static_cast<long long>(std::llround(value)));
  }
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  std::string out = buffer;
  while (out.back() == '0') {
    out.pop_back();
  }
  if (out.back() == '.') {
    out.pop_back();
  }
  return out;
}

}  // namespace handoff::rules
