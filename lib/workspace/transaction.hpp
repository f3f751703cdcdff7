#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/lock.hpp"
#include "model/records.hpp"

// A writer's transaction (DESIGN §10.1): take the workspace lock, make sure a commit can be
// made, snapshot the files the command is about to write, write them, then commit them or put
// them back, so that the records and their commit succeed or fail together.
namespace handoff::workspace {

class Workspace;

// What the user asked of git: --commit and --include-changes.
struct CommitOptions {
  bool commit = false;
  bool include_changes = false;
};

class Transaction {
public:
  // Takes the workspace lock for `holder` ("handoff change acme-mes"), waiting up to
  // io::lock_timeout(). With `options.commit`, then makes sure a commit can be made
  // (git::commit_blocker). Throws core::UserError when the lock is not free in time (naming
  // its holder), or when the commit could not be made; nothing is written then.
  Transaction(const Workspace& ws, const std::string& holder, CommitOptions options);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // Declares the files (relative to the workspace root) the command is about to write, and the
  // records it reads to decide (gates, digests), and takes a snapshot of the files it writes.
  // Those of both with uncommitted changes (git::uncommitted) would make the commit differ from
  // what the command checked: with --commit and without --include-changes they are refused
  // (core::UserError naming them, `why` saying why that matters: "advance checks the gates on
  // the records on disk"); with --include-changes they are committed too; without --commit
  // they are returned for the command to warn about (uncommitted_warning()). Also throws
  // core::UserError when a file to write cannot be read.
  std::vector<std::string> begin(const std::vector<std::string>& writes, const std::vector<std::string>& reads,
                                 const std::string& why);

  // Declares, before begin(), files that git does not have yet and that the command's commit
  // takes in without --include-changes (a fresh workspace's handoff.yaml, for its first project).
  void adopt(std::vector<std::string> paths) { m_adopt = std::move(paths); }

  // Declares a folder the command creates (it must not exist yet): putting it back removes it.
  void creates_folder(const std::string& folder);

  // Commits the files written (and the records read, which the commit then holds as they were
  // read) with `message` and returns the commit id. When the commit fails, puts every file back
  // as it was and throws the failure with what was put back: core::UserError for what the user
  // can fix (identity, signing configuration), core::ToolError for a failure of libgit2 or
  // ssh-keygen.
  std::string commit(const std::string& message);

  // Puts every file written back as it was. Returns why that failed, or nullopt.
  std::optional<std::string> restore() const;

  // Checks, before anything is written, that a commit made now records `person` (a registry
  // person id) as HF414 and HF418 will want: the git author e-mail is their registry e-mail,
  // and with `signatures: required` the commit is SSH-signed with one of their signing_keys.
  // Throws core::UserError with the git config lines that fix it otherwise, starting with
  // `acting` ("sign --commit would sign"). Does nothing without --commit or without a people
  // registry.
  void require_identity(const model::Config& config, const std::string& person, const std::string& acting) const;

  bool committing() const { return m_options.commit; }

  // The files whose uncommitted changes --include-changes brings into the commit, besides
  // those the command writes.
  const std::vector<std::string>& included() const { return m_included; }

private:
  struct Snapshot {
    std::string path;                    // relative to the workspace root
    std::optional<std::string> content;  // nullopt: the file did not exist
  };
  const Workspace& m_ws;
  CommitOptions m_options;
  std::unique_ptr<io::WorkspaceLock> m_lock;
  std::vector<Snapshot> m_snapshots;
  std::vector<std::string> m_folders;  // created by the command
  std::vector<std::string> m_commit;   // what commit() commits
  std::vector<std::string> m_included;
  std::vector<std::string> m_adopt;  // see adopt()
};

// Returns the warning line (ending in a newline) that a writer without --commit prints about
// `files` with uncommitted changes (`why` as for Transaction::begin), or "" when there are none.
std::string uncommitted_warning(const std::vector<std::string>& files, const std::string& why);

// Returns `written` ("projects/a/signoffs.yaml"), followed by " with " and the files of `included`
// when there are any: what a writer says it committed.
std::string committed_files(const std::string& written, const std::vector<std::string>& included);

// Returns the record files of project `id` (relative to the workspace root), every record the
// gates read.
std::vector<std::string> project_records(const Workspace& ws, const std::string& id);

}  // namespace handoff::workspace
