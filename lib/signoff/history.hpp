#pragma once

#include <atomic>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

// What version control says about the sign-off entries: who added each one (HF414, HF418) and
// which committed ones were later removed or edited (HF420); the narrow interface those rules
// need, filled from git by the workspace and by fakes in unit tests.
namespace handoff::signoff {

// What the signature of a commit proves (HF418), as found in its `gpgsig` header.
struct CommitSignature {
  enum class Kind {
    none,     // the commit is not signed
    ssh,      // an SSH signature (SSHSIG, namespace git)
    gpg,      // an OpenPGP signature: not verifiable here
    x509,     // an X.509 (gpgsm) signature: not verifiable here
    unknown,  // a signature of no known format
  };
  Kind kind = Kind::none;
  // For kind ssh: the signing key (SSH wire format) and its "SHA256:..." fingerprint, when the
  // signature could be read.
  std::string key_blob;
  std::string fingerprint;
  // For kind ssh: empty when the signature verifies over the commit, else why it does not
  // ("the signature does not match the signed content"). For kind unknown: why the signature
  // could not be read, if that is the reason ("could not be read: ...").
  std::string problem;

  // Returns true when an SSH signature verifies over the commit (whoever's key it is).
  bool verified() const { return kind == Kind::ssh && problem.empty() && !key_blob.empty(); }
};

// The author of the commit that added an entry.
struct Author {
  std::string commit;  // abbreviated id
  std::string name;
  std::string email;
  CommitSignature signature{};  // the commit's signature
  std::string oid{};            // the full id, for reading the commit's files (History::file_at)
};

// A sign-off entry as a commit held it in signoffs.yaml, and what later became of it (HF420).
struct CommittedEntry {
  std::string digest;  // of the entry's canonical form: how an entry is recognised
  // The entry's fields as written, for messages; empty when absent.
  std::string role;
  std::string person;
  std::string date;
  std::string at;
  std::string added_in;  // abbreviated id of the first commit that held it
  // Abbreviated id of the commit that removed or edited it: the latest commit, oldest first,
  // whose version lacks it while a parent's version held it. Empty when HEAD's version holds it.
  std::string dropped_in;
  // True when that commit holds a new entry where it stood (edited); false when removed.
  bool edited = false;
  // Its place in the list of HEAD's version (0 for the first entry), when HEAD's version holds it.
  std::size_t head_index = 0;
};

class History {
public:
  enum class State {
    available,      // the full history of HEAD could be read (it may have no commits yet)
    no_repository,  // the workspace is not inside a git work tree
    incomplete,     // a shallow clone: the commits that added older entries are missing
    unreadable,     // the repository could not be read
  };

  virtual ~History() = default;

  // Returns whether the history can be consulted. Marks the history as used.
  State state() const
  {
    m_used = true;
    return do_state();
  }
  // Returns why the history cannot be consulted, for a note or a finding; empty when available.
  virtual std::string problem() const = 0;
  // Returns the same in Simplified Chinese; a history that has no Chinese text returns problem().
  virtual std::string problem_zh() const { return problem(); }
  // Returns the author of the oldest commit reachable from HEAD whose version of `path`
  // (relative to the workspace root) holds a sign-off entry with this digest, or nullopt when
  // no commit holds it (the entry is not committed yet). Only meaningful when available.
  virtual std::optional<Author> added_by(const std::string& path, const std::string& entry_digest) const = 0;
  // Returns every sign-off entry that some version of `path` held in the commits reachable from
  // HEAD, in the order they were first committed. Only meaningful when available. A history that
  // does not know (a fake in a test of another rule) returns none.
  virtual std::vector<CommittedEntry> committed(const std::string& /*path*/) const { return {}; }
  // Returns the content of `path` (relative to the workspace root) in the commit with the full
  // id `oid` (Author::oid), or nullopt when that commit does not hold it, it is over the size
  // limit or it cannot be read. Only meaningful when available; a history that does not know
  // (a fake in a test of another rule) returns nullopt.
  virtual std::optional<std::string> file_at(const std::string& /*oid*/, const std::string& /*path*/) const
  {
    return std::nullopt;
  }

  // Returns true once state() was asked: some project needed the history.
  // Implementations must be safe to call from several threads at once.
  bool used() const { return m_used; }

private:
  virtual State do_state() const = 0;
  mutable std::atomic<bool> m_used{false};  // set from the threads that check projects
};

}  // namespace handoff::signoff
