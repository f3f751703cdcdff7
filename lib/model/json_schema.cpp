#include "model/json_schema.hpp"

#include "model/schema.hpp"

namespace handoff::model {

namespace {

using Json = nlohmann::ordered_json;

// Returns true when the loader accepts an explicit null (`key:` with no value) for a value of
// this spec: every optional value except an object that has required fields.
bool nullable(const Spec& spec)
{
  if (spec.type != Type::object) {
    return true;
  }
  for (const auto& f : spec.fields) {
    if (f.required) {
      return false;
    }
  }
  return true;
}

// Returns a "type" value: the name alone, or with "null" as an array.
Json types(std::vector<std::string> names, bool with_null)
{
  if (with_null) {
    names.emplace_back("null");
  }
  return names.size() == 1 ? Json(names.front()) : Json(names);
}

Json node(const Spec& spec, bool allow_null)
{
  Json j;
  if (!spec.description.empty()) {
    j["description"] = spec.description;
  }
  switch (spec.type) {
  case Type::str:
  case Type::person:
    // The loader takes any scalar as its literal text: `no`, `1.10` and `true` are text.
    j["type"] = types({"string", "number", "boolean"}, allow_null);
    break;
  case Type::ssh_key:
    j["type"] = types({"string"}, allow_null);
    j["pattern"] = "^\\s*(ssh-ed25519|ecdsa-sha2-nistp256|ssh-rsa)\\s+[A-Za-z0-9+/]+={0,2}(\\s.*)?$";
    break;
  case Type::date:
    j["type"] = types({"string"}, allow_null);
    j["format"] = "date";
    j["pattern"] = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    break;
  case Type::timestamp:
    j["type"] = types({"string"}, allow_null);
    j["format"] = "date-time";
    j["pattern"] = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$";
    break;
  case Type::integer:
    j["type"] = types({"integer"}, allow_null);
    break;
  case Type::number:
    j["type"] = types({"number"}, allow_null);
    break;
  case Type::boolean:
    j["type"] = types({"boolean"}, allow_null);
    break;
  case Type::handle:
    j["type"] = types({"string"}, allow_null);
    j["pattern"] = "^@[A-Za-z0-9](-?[A-Za-z0-9])*(/[A-Za-z0-9_.-]+)?$";
    break;
  case Type::id:
    j["type"] = types({"string"}, allow_null);
    j["pattern"] = "^[A-Za-z][A-Za-z0-9_.-]*$";
    break;
  case Type::choice: {
    Json values = Json::array();
    for (const auto& v : spec.values) {
      values.push_back(v);
    }
    if (allow_null) {
      values.push_back(nullptr);
    }
    j["enum"] = values;
    break;
  }
  case Type::list:
    j["type"] = types({"array"}, allow_null);
    j["items"] = node(*spec.item, nullable(*spec.item));
    break;
  case Type::map:
    j["type"] = types({"object"}, allow_null);
    j["additionalProperties"] = node(*spec.item, nullable(*spec.item));
    break;
  case Type::trigger: {
    Spec mapping = spec;
    mapping.type = Type::object;
    mapping.description.clear();
    Json words = Json::array();
    for (const auto& v : spec.values) {
      words.push_back(v);
    }
    Json alternatives = Json::array({Json{{"enum", words}}, node(mapping, false)});
    if (allow_null) {
      alternatives.push_back(Json{{"type", "null"}});
    }
    j["oneOf"] = alternatives;
    break;
  }
  case Type::object: {
    j["type"] = types({"object"}, allow_null);
    Json properties = Json::object();
    Json required = Json::array();
    for (const auto& f : spec.fields) {
      properties[f.name] = node(*f.spec, !f.required && nullable(*f.spec));
      if (f.required) {
        required.push_back(f.name);
      }
    }
    j["properties"] = properties;
    if (!required.empty()) {
      j["required"] = required;
    }
    if (spec.extra) {
      Json extra = node(*spec.extra, nullable(*spec.extra));
      if (!spec.extra_description.empty()) {
        extra["description"] = spec.extra_description + ": " + extra.value("description", std::string());
      }
      j["additionalProperties"] = extra;
    } else {
      // The loader warns about unknown fields (HF004); editors flag them as the user types.
      j["additionalProperties"] = false;
    }
    if (!spec.exactly_one.empty()) {
      // Exactly one of the fields is given (percent | amount, milestone | date).
      Json one = Json::array();
      for (const auto& name : spec.exactly_one) {
        one.push_back(Json{{"required", Json::array({name})}});
      }
      j["oneOf"] = one;
    }
    break;
  }
  }
  if (spec.min && (spec.type == Type::integer || spec.type == Type::number)) {
    j["minimum"] = *spec.min;
  }
  if (spec.max && (spec.type == Type::integer || spec.type == Type::number)) {
    j["maximum"] = *spec.max;
  }
  return j;
}

}  // namespace

const std::vector<std::string>& schema_names()
{
  static const std::vector<std::string> k_names = [] {
    std::vector<std::string> names{"handoff"};
    for (int i = 0; i < k_record_count; ++i) {
      names.emplace_back(record_name(static_cast<Record>(i)));
    }
    return names;
  }();
  return k_names;
}

std::string schema_file_name(const std::string& name)
{
  return name + ".schema.json";
}

std::optional<nlohmann::ordered_json> json_schema(const std::string& name)
{
  const Spec* spec = nullptr;
  std::string file;
  if (name == "handoff") {
    spec = &config_spec();
    file = "handoff.yaml";
  } else {
    for (int i = 0; i < k_record_count; ++i) {
      const auto record = static_cast<Record>(i);
      if (name == record_name(record)) {
        spec = &record_spec(record);
        file = file_name(record);
      }
    }
  }
  if (spec == nullptr) {
    return std::nullopt;
  }
  Json doc;
  doc["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  doc["title"] = "handoff " + file + " (format version 1)";
  Json body = node(*spec, false);
  for (auto it = body.begin(); it != body.end(); ++it) {
    doc[it.key()] = it.value();
  }
  return doc;
}

}  // namespace handoff::model
