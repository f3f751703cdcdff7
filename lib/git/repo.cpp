#include "git/repo.hpp"

#include <git2.h>

namespace handoff::git {

namespace {

std::string last_error(const char* fallback)
{
  const git_error* error = git_error_last();
  return error != nullptr && error->message != nullptr ? std::string(error->message) : std::string(fallback);
}

}  // namespace

Library::Library()
{
  git_libgit2_init();
}

Library::~Library()
{
  git_libgit2_shutdown();
}

bool inside_work_tree(const std::string& path)
{
  const Library library;
  git_repository* repo = nullptr;
  const int rc = git_repository_open_ext(&repo, path.c_str(), 0, nullptr);
  const bool inside = rc == 0 && git_repository_is_bare(repo) == 0;
  git_repository_free(repo);
  return inside;
}

std::optional<std::string> init_repository(const std::string& path)
{
  const Library library;
  git_repository* repo = nullptr;
  if (git_repository_init(&repo, path.c_str(), 0) != 0) {
    return "cannot create a git repository in " + path + ": " + last_error("unknown libgit2 error");
  }
  git_repository_free(repo);
  return std::nullopt;
}

}  // namespace handoff::git
