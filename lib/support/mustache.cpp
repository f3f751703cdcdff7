#include "support/mustache.hpp"

#include <kainjow/mustache.hpp>

#include <stdexcept>

#include <fmt/format.h>

namespace handoff::support {

namespace {

using Data = kainjow::mustache::data;

Data convert(const nlohmann::json& value)
{
  switch (value.type()) {
  case nlohmann::json::value_t::object: {
    Data out{Data::type::object};
    for (const auto& [key, item] : value.items()) {
      out.set(key, convert(item));
    }
    return out;
  }
  case nlohmann::json::value_t::array: {
    Data out{Data::type::list};
    for (const auto& item : value) {
      out.push_back(convert(item));
    }
    return out;
  }
  case nlohmann::json::value_t::string:
    return Data{value.get<std::string>()};
  case nlohmann::json::value_t::boolean:
    return Data{value.get<bool>()};
  case nlohmann::json::value_t::null:
  case nlohmann::json::value_t::discarded:
    return Data{false};
  default:
    return Data{value.dump()};  // numbers, as JSON writes them
  }
}

}  // namespace

std::string render_mustache(const std::string& source, const std::string& name, const nlohmann::json& data,
                            const Escape& escape)
{
  kainjow::mustache::mustache tmpl{source};
  if (!tmpl.is_valid()) {
    throw std::runtime_error(fmt::format("template {}: {}", name, tmpl.error_message()));
  }
  tmpl.set_custom_escape(escape);
  std::string out = tmpl.render(convert(data));
  if (!tmpl.is_valid()) {
    throw std::runtime_error(fmt::format("template {}: {}", name, tmpl.error_message()));
  }
  return out;
}

}  // namespace handoff::support
