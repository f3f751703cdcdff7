#pragma once

#include <stdexcept>
#include <string>

#include "core/error.hpp"
#include "io/filesystem.hpp"
#include "model/load.hpp"
#include "support/date.hpp"

// `handoff sign`: appends a sign-off entry to a project's signoffs.yaml.
namespace handoff::signoff {

// The sign-off is refused; the message says why.
class SignError : public core::UserError {
public:
  using core::UserError::UserError;
};

struct SignRequest {
  std::string role;
  std::string person;          // --as; empty: the person whose registry e-mail is identity_email
  std::string identity_email;  // the user's git identity, may be empty
  std::string identity_name;   // used as the person when there is no registry and no --as
  support::Date date;
  long long seconds = 0;  // the time of day (UTC) of `at:`; sign() keeps entries in order
};

struct Signed {
  std::string file;       // signoffs.yaml, relative to the workspace root
  std::string person;     // who signed
  std::string at;         // the entry's UTC timestamp
  std::size_t items = 0;  // requirements, milestones, contract items, commitments and contract fields bound
  bool created = false;   // the file did not exist
};

// Returns the registry person who signs: `request.person` when given, else the one whose
// e-mail matches the git identity. Throws SignError for an unknown person, a person without
// the role, an unknown role or no match.
std::string resolve_signer(const model::Config& config, const SignRequest& request);

// Returns the text of one sign-off entry as a list item at column 1. A record that cannot be
// read is left out (sign() refuses such a project first).
std::string entry_text(const std::string& role, const std::string& person, support::Date date, const std::string& at,
                       const model::Project& project);

// Returns the timestamp of a new entry signed on `date` at `seconds` after midnight UTC, or, when
// an entry of the project has that timestamp or a later one, one second after the latest: a new
// entry is always distinct and always the latest.
std::string next_timestamp(const model::Project& project, support::Date date, long long seconds);

// Appends the sign-off to the project's signoffs.yaml below `root`, atomically and as text
// (comments kept). Throws SignError when the records cannot be read, the signer is refused
// or the file cannot be appended to or written.
Signed sign(const std::string& root, const io::FileSystem& fs, const model::Config& config,
            const model::Project& project, const SignRequest& request, const model::LoadOptions& options);

}  // namespace handoff::signoff
