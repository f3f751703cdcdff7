#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/records.hpp"

// Who owns a project's record files: the team roles of each file and the people holding them,
// named as CODEOWNERS names them. `handoff owners` writes it; the machine outputs of `check`
// carry it on every finding, for routing.
namespace handoff::model {

// A record file of every project and the team roles that own it.
struct OwnedFile {
  const char* file;                // "changes.yaml"
  std::vector<const char*> roles;  // "sales", "implementation"
};

// Returns the record files `handoff owners` writes a line for, in the order it writes them.
const std::vector<OwnedFile>& owned_files();

// Returns true for an e-mail address CODEOWNERS can name: local part of letters, digits and
// . _ % + -, '@', and a domain of dot-separated labels of letters, digits and inner '-'.
bool is_owner_email(const std::string& text);

// Returns how CODEOWNERS names a registry person: their handle when it is a valid one, else
// their e-mail when it is a plain address; nullopt when neither can be written.
std::optional<std::string> owner_name(const Person& person);

// Returns the owners of record file `file_name` ("plan.yaml") of the project `card` belongs
// to: the owner_name of each registered person holding one of the file's roles, in role
// order, without repeats. Empty for a file nobody owns or that is not a record file.
std::vector<std::string> file_owners(const Config& config, const ProjectCard& card, std::string_view file_name);

}  // namespace handoff::model
