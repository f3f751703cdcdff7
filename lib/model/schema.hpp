#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/records.hpp"

// The record format as data: one description of every record file, used by the loader to
// validate (HF002–HF004) and by `handoff schema` to write JSON Schema, so both agree.
namespace handoff::model {

enum class Type {
  str,        // any scalar, taken as its literal text
  date,       // YYYY-MM-DD, a real calendar date
  timestamp,  // YYYY-MM-DDTHH:MM:SSZ, a real UTC date and time
  integer,    // a plain decimal integer
  number,     // a plain decimal number
  boolean,    // true | false
  id,         // [A-Za-z][A-Za-z0-9_.-]*
  person,     // an id from the people registry, or a free name without one
  ssh_key,    // a public SSH key line "TYPE BASE64 [COMMENT]" (sshsig::parse_public_key)
  handle,     // a code host handle: @user or @org/team (is_handle)
  choice,     // one of `values`
  list,       // a sequence of `item`
  object,     // a mapping with `fields` (and `extra` for other keys, if set)
  map,        // a mapping from text keys to `item`
  trigger,    // one of the words in `values`, or a mapping with `fields` (a payment's `due:`)
};

struct Spec;
using SpecPtr = std::shared_ptr<const Spec>;

struct FieldSpec {
  std::string name;
  SpecPtr spec;
  bool required = false;
};

struct Spec {
  Type type = Type::str;
  std::string description;
  std::vector<std::string> values;  // choice
  // choice: accepts another spelling of one of `values` (language: zh for zh-CN), else nullptr
  std::optional<std::string_view> (*canonical)(std::string_view) = nullptr;
  std::optional<long long> min, max;  // integer / number range
  SpecPtr item;                       // list item, map value
  std::vector<FieldSpec> fields;      // object
  SpecPtr extra;                      // object: the spec of keys not in `fields` (RACI roles)
  std::string extra_description;      // what the other keys are
  // object, trigger: exactly one of these fields is given (percent | amount; milestone | date)
  std::vector<std::string> exactly_one;

  // Returns the field named `name`, or nullptr.
  const FieldSpec* field(const std::string& name) const;
};

// Returns the spec of a project record file's top-level mapping.
const Spec& record_spec(Record record);
// Returns the spec of handoff.yaml.
const Spec& config_spec();

// Returns nullopt for a valid value of a scalar type, or an error message that says what is
// expected ("expected a date YYYY-MM-DD, found \"2026-02-30\" (no such day)"), in English and
// Chinese.
std::optional<core::Message> scalar_error(const Spec& spec, const std::string& text, bool plain);

// Returns true when `text` is a valid id.
bool is_id(const std::string& text);
// Returns true for a GitHub handle as CODEOWNERS takes it: @user (letters, digits and inner
// single hyphens) or @org/team (the team's slug: letters, digits, '_', '.' or '-').
bool is_handle(const std::string& text);
// Returns true when `text` is a valid project id: [a-z0-9][a-z0-9-]{0,62}.
bool is_slug(const std::string& text);

// Parses a plain YAML integer / number; nullopt when it is not one.
std::optional<long long> parse_integer(const std::string& text);
std::optional<double> parse_number(const std::string& text);

}  // namespace handoff::model
