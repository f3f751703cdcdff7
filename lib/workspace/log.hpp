#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "git/log.hpp"
#include "model/records.hpp"
#include "signoff/diff.hpp"
#include "workspace/workspace.hpp"
#include "yaml/document.hpp"

// `handoff log`: what each commit of HEAD's history did to a project's records.
namespace handoff::workspace {

// What one commit did to one record.
struct RecordChange {
  model::Record record = model::Record::project;
  std::string file;
  bool unreadable = false;            // one of the versions is not valid YAML
  bool created = false;               // the commit added the file
  bool deleted = false;               // the commit removed the file
  signoff::RecordDiff diff;           // for the records other than signoffs.yaml
  std::vector<std::string> signoffs;  // sign-offs added: "sales by li.wei on 2026-10-05"
  nlohmann::json signoffs_json = nlohmann::json::array();
};

// Compares the two versions of a record file in one commit.
RecordChange describe_change(model::Record record, const git::FileChange& file, const yaml::Limits& limits);

// Returns one line saying what changed in a record ("added REQ-009; changed REQ-002 (title)").
std::string summarize(const RecordChange& change);

// Returns the change as the `records[]` item of `handoff log --format json`.
nlohmann::json to_json(const RecordChange& change);

// Returns the log of project `id` (which must exist): text, or the JSON document with `json`.
// Throws core::UserError when the workspace is not in a repository, core::ToolError when
// libgit2 cannot read it.
std::string project_log(const Workspace& ws, const std::string& id, bool json);

}  // namespace handoff::workspace
