#include "report/fields.hpp"

#include <cmath>

#include <fmt/format.h>

namespace handoff::report::fields {

Json text(const model::Text& field)
{
  return field.has() ? Json(*field) : Json(nullptr);
}

Json date(const model::DateField& field)
{
  return field.has() ? Json(field->str()) : Json(nullptr);
}

Json date(const std::optional<support::Date>& value)
{
  return value ? Json(value->str()) : Json(nullptr);
}

Json number(double value)
{
  if (std::isfinite(value) && std::floor(value) == value && std::fabs(value) < 1e15) {
    return Json(static_cast<long long>(value));
  }
  return Json(value);
}

Json number(const model::Number& field)
{
  return field.has() ? number(*field) : Json(nullptr);
}

Json integer(const model::Int& field)
{
  return field.has() ? Json(*field) : Json(nullptr);
}

Json texts(const model::TextList& list)
{
  Json out = Json::array();
  for (const auto& item : list.items) {
    if (item.has()) {
      out.push_back(*item);
    }
  }
  return out;
}

Json person_name(const model::Config& config, const model::Text& id)
{
  if (!id.has()) {
    return nullptr;
  }
  if (const model::Person* p = config.person(*id); p != nullptr && p->name.has()) {
    return *p->name;
  }
  return *id;
}

std::string percent_text(int part, int whole)
{
  if (whole == 0) {
    return "n/a";
  }
  return fmt::format("{}%", static_cast<long long>(std::lround(100.0 * part / whole)));
}

Json ratio(int part, int whole)
{
  if (whole == 0) {
    return nullptr;
  }
  return std::round(1000.0 * part / whole) / 1000.0;
}

std::string one_decimal(double value)
{
  return fmt::format("{:.1f}", value);
}

Json common_root(const std::string& report, Audience audience, support::Date today)
{
  return Json{{"schema", 1},
              {"report", report},
              {"audience", to_string(audience)},
              {"internal", audience == Audience::internal},
              {"today", today.str()}};
}

Json stage_json(const std::optional<core::Stage>& stage)
{
  return stage ? Json(core::to_string(*stage)) : Json(nullptr);
}

Json gates_json(const rules::ProjectOutcome& outcome)
{
  Json out = Json::array();
  for (std::size_t g = 0; g < outcome.gates.size(); ++g) {
    if (outcome.gates[g] == rules::GateStatus::skip) {
      continue;
    }
    out.push_back(Json{{"gate", core::to_string(static_cast<core::Gate>(g))},
                       {"status", rules::to_string(outcome.gates[g])},
                       {"passed", outcome.gates[g] == rules::GateStatus::pass}});
  }
  return out;
}

Json failing_gates_json(const rules::ProjectOutcome& outcome)
{
  Json out = Json::array();
  for (std::size_t g = 0; g < outcome.gates.size(); ++g) {
    if (outcome.gates[g] == rules::GateStatus::fail) {
      out.push_back(core::to_string(static_cast<core::Gate>(g)));
    }
  }
  return out;
}

void add_presence_flags(Json& value)
{
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      add_presence_flags(value[i]);
      if (value[i].is_object()) {
        value[i]["last"] = i + 1 == value.size();
      }
    }
    return;
  }
  if (!value.is_object()) {
    return;
  }
  Json out = Json::object();
  for (auto it = value.begin(); it != value.end(); ++it) {
    add_presence_flags(it.value());
    const bool is_array = it.value().is_array();
    const bool any = !it.value().empty();
    out[it.key()] = std::move(it.value());
    if (is_array) {
      out["has_" + it.key()] = any;
    }
  }
  value = std::move(out);
}

Json with_presence_flags(Json value)
{
  add_presence_flags(value);
  return value;
}

}  // namespace handoff::report::fields
