#pragma once

#include <string>
#include <string_view>

#include "yaml/document.hpp"

// The canonical form of parsed YAML and its SHA-256 digest (docs/signoffs.md): what a
// sign-off binds to, so that reformatting and comments never change a digest while any
// change of content does.
namespace handoff::signoff {

// The version of the canonical form written in each sign-off entry (`canonical: 1`).
inline constexpr int k_canonical_version = 1;

// Returns canonical form version 1 of `node`:
//   null      ~
//   scalar    '<length in bytes>:<text>
//   sequence  [<count>:<item>...]
//   mapping   {<count>:<key><value>...}  entries with a null value left out, the others
//             sorted by the bytes of the key's text
std::string canonical_form(const yaml::Node& node);

// Returns "sha256:" and the lower-case hex SHA-256 of `bytes`. Throws std::runtime_error
// when libcrypto fails (it does not for in-memory input).
std::string sha256(std::string_view bytes);

// Returns sha256(canonical_form(node)).
std::string digest(const yaml::Node& node);

}  // namespace handoff::signoff
