#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/records.hpp"
#include "report/labels.hpp"
#include "support/date.hpp"
#include "workspace/workspace.hpp"

// The verification block of a document (HTML, PDF, Word; docs/reports.md): what the records
// held when the document was made (project, stage, baseline digest, the sign-offs that count,
// the digest of every record file, the commit and the date), shown on the last page and kept
// in the file's metadata as JSON, so that `handoff verify FILE` can recompute it against the
// workspace and say what changed since. Digests are of the canonical form (docs/signoffs.md):
// reformatting a record or adding a comment changes none of them.
namespace handoff::report {

// One project's part of a verification block.
struct ProjectStamp {
  struct Signature {
    std::string role;
    std::string person;  // the id as recorded
    std::string name;    // the registry's name, else the id
    std::string date;    // YYYY-MM-DD, or ""
  };
  std::string id;
  std::string name;                            // project.yaml's name, for the reader
  std::string stage;                           // the stage code
  std::string baseline;                        // digest of what the baseline signed; "" when the sides never agreed
  std::vector<Signature> signoffs;             // the entries that count, in file order
  std::map<std::string, std::string> records;  // file name -> digest, "absent" or "broken" (project reports only)
  // file name -> part -> short digest: each top-level key of a record ("contract"), each item of a
  // list of items with ids ("requirements REQ-001"), so that verify names what changed in a file
  std::map<std::string, std::map<std::string, std::string>> parts;
  std::string content;  // digest over `records`
};

struct Verification {
  std::string generated;  // the report's date (--today), YYYY-MM-DD
  std::string commit;     // HEAD when the document was made; "" outside a repository
  std::string config;     // digest of handoff.yaml, "absent" or "broken"
  bool portfolio = false;
  std::string customer;                // the portfolio's --customer, or ""
  std::vector<ProjectStamp> projects;  // one for a project report; a portfolio's stamps have no `records`
};

// Returns the stamp of a loaded project; with `records`, keeps each record's digest.
ProjectStamp stamp_of(const model::Config& config, const model::Project& project, bool records);

// Returns the verification of a project report on `id`.
Verification project_verification(const workspace::Workspace& ws, const std::string& id, support::Date today);

// Returns the verification of the portfolio: every project, or those whose customer.name is
// `customer` (ignoring case) when it is not empty.
Verification portfolio_verification(const workspace::Workspace& ws, const std::string& customer, support::Date today);

// Returns the verification as one line of JSON (what the file's metadata holds).
std::string verification_json(const Verification& v);

// Reads what verification_json wrote; nullopt when `text` is not such a document.
std::optional<Verification> parse_verification(std::string_view text);

// Returns the lines of the visible block: caption and text, in `language`.
std::vector<std::pair<std::string, std::string>> verification_rows(const Verification& v, Language language);

// Recomputes `document` against the workspace: the differences, each a sentence naming what
// changed ("projects/acme-mes/requirements.yaml changed since the document was made"), empty
// when the document still matches the records. The commit and the date are not compared.
std::vector<std::string> verification_changes(const workspace::Workspace& ws, const Verification& document);

}  // namespace handoff::report
