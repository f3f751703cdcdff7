#pragma once

#include <git2.h>

#include <optional>
#include <string>

#include "git/repo.hpp"

// RAII for libgit2 handles, shared by the files of lib/git (not part of the library's interface).
namespace handoff::git {

// Owns one libgit2 handle and frees it with `Free`.
template <class T, void (*Free)(T*)>
class Handle {
public:
  Handle() = default;
  ~Handle() { reset(); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  T* get() const { return m_ptr; }
  // Returns the address to pass to a libgit2 function that creates the handle.
  T** out()
  {
    reset();
    return &m_ptr;
  }
  explicit operator bool() const { return m_ptr != nullptr; }
  void reset()
  {
    if (m_ptr != nullptr) {
      Free(m_ptr);
      m_ptr = nullptr;
    }
  }

private:
  T* m_ptr = nullptr;
};

// Returns libgit2's last error message, or `fallback` when it has none.
std::string last_error(const std::string& fallback);

// Returns the first `length` hex digits of `oid`.
std::string oid_text(const git_oid& oid, std::size_t length);

// Returns the id of the blob at `path` in `tree`, or nullopt when there is none.
std::optional<git_oid> blob_at(git_tree* tree, const std::string& path);

// Returns a message when blob `id` is larger than `limit` bytes, found from the object's header
// without reading its content (DESIGN §9.9: the file-size limit applies to history too);
// `what` names the file and revision ("projects/x/plan.yaml at HEAD~2").
std::optional<std::string> blob_over_limit(git_repository* repo, const git_oid& id, std::size_t limit,
                                           const std::string& what);

// A repository found from a folder inside its work tree. Needs a live Library.
class Repository {
public:
  // Opens the repository whose work tree holds `path`, ignoring who owns it. Returns nullopt on
  // success, an empty string when there is no repository, or an error message.
  std::optional<std::string> open(const std::string& path);
  git_repository* get() const { return m_repo.get(); }
  // Returns the path of folder `dir` (inside the work tree) relative to the work tree root,
  // '/'-separated with a trailing '/', or "" for the root itself.
  std::string prefix_of(const std::string& dir) const;

private:
  Handle<git_repository, git_repository_free> m_repo;
};

}  // namespace handoff::git
