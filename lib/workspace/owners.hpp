#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/owners.hpp"
#include "workspace/workspace.hpp"

// `handoff owners`: a CODEOWNERS file from the project teams and the people registry.
namespace handoff::workspace {

using model::is_owner_email;
using model::owned_files;
using model::OwnedFile;

// A project folder, team member, e-mail or handle that cannot be written safely into
// CODEOWNERS (DESIGN §10.9): reported instead of becoming (part of) a line.
struct OwnersFinding {
  std::string file;     // relative to the workspace root, '/'-separated
  core::Pos pos;        // 0:0 when the finding is about a folder
  std::string message;  // what is wrong and what to do; record text quoted with control characters visible
};

// Returns "file:line:column: message" (without line:column when unknown), the file name with
// control characters visible.
std::string to_string(const OwnersFinding& finding);

// What `handoff owners` writes, and what it could not write.
struct Codeowners {
  std::string text;
  std::vector<OwnersFinding> findings;
};

// Returns the CODEOWNERS text for every project of the workspace: one line per record file,
// `/PREFIX<projects>/<id>/<file>` followed by the handles (else the e-mails) of the people who
// hold the file's roles in the project's team. `prefix` is the workspace root's path inside the
// repository ("" or "sub/folder/"). A file nobody with a handle or e-mail owns gets a comment
// instead of a line.
//
// Only lines CODEOWNERS reads literally are written: every path component is letters, digits,
// '_', '.' and '-' (a project folder must be a valid project id), and every owner is a handle
// (@user, @org/team) or a plain e-mail address. Anything else is a finding and never reaches
// the text: a project folder that is not a valid id or a workspace path with other characters
// (no lines), a team member who is not in the people registry, an e-mail that is not a plain
// address (no owner).
Codeowners codeowners(const Workspace& ws, const std::string& prefix);

// Where CODEOWNERS lives for the workspace `ws`: the root of the enclosing git work tree (else
// the workspace root) and the workspace root's path inside it.
struct OwnersLocation {
  std::string base;    // the folder that holds CODEOWNERS or .github/CODEOWNERS
  std::string prefix;  // "" or "sub/folder/"
};

// Returns the location of CODEOWNERS for `ws`.
OwnersLocation owners_location(const Workspace& ws);

// Returns the path (relative to `base`) of the CODEOWNERS file GitHub reads: .github/CODEOWNERS,
// else CODEOWNERS, else docs/CODEOWNERS; nullopt when there is none.
std::optional<std::string> find_codeowners(const std::string& base);

// The marker lines around what `handoff owners` writes: other rules of a CODEOWNERS file live
// outside them, and `owners --check` compares only what lies between.
inline constexpr std::string_view k_owners_begin = "# BEGIN handoff owners";
inline constexpr std::string_view k_owners_end = "# END handoff owners";

// Returns the lines of `file` from the k_owners_begin line through the k_owners_end line (to
// the end of the file when the end marker is missing); nullopt without a begin marker.
std::optional<std::string> owners_block(const std::string& file);

// How a CODEOWNERS file differs from the one wanted.
struct OwnersDifference {
  std::vector<std::string> lines;  // "- line" to remove, "+ line" to add, in file order
  bool reordered = false;          // the same lines, in another order
  bool same() const { return lines.empty() && !reordered; }
};

// Returns how `current` differs from `wanted`, line by line (a CR before a newline is ignored).
OwnersDifference codeowners_difference(const std::string& current, const std::string& wanted);

}  // namespace handoff::workspace
