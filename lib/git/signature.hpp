#pragma once

#include <git2.h>

#include <string>

#include "signoff/history.hpp"

// The signatures of commits (HF418): read with libgit2, verified in-process (sshsig), never by
// running ssh-keygen or gpg.
namespace handoff::git {

// Returns what the signature of commit `oid` proves: none, an SSH signature that verifies over
// the commit (or why it does not), or a format that cannot be verified here.
signoff::CommitSignature commit_signature(git_repository* repo, const git_oid& oid);

// Returns what the signature of revision `rev` (what `git rev-parse` accepts) of the repository
// enclosing `root` proves. Throws std::runtime_error when there is no repository or no such
// commit.
signoff::CommitSignature commit_signature(const std::string& root, const std::string& rev);

}  // namespace handoff::git
