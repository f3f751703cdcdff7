#include "git/changed.hpp"

#include <git2.h>

#include <algorithm>

#include "core/error.hpp"
#include "git/handles.hpp"
#include "support/text.hpp"

namespace handoff::git {

std::vector<std::string> changed_since(const std::string& root, const std::string& rev)
{
  const Library library;
  Repository repo;
  if (auto error = repo.open(root)) {
    throw core::UserError(error->empty()
                              ? std::string("--changed-since compares with git history, and the workspace is "
                                            "not in a git repository; leave the option out to check every "
                                            "project")
                              : *error);
  }
  Handle<git_object, git_object_free> object;
  Handle<git_object, git_object_free> peeled;
  if (git_revparse_single(object.out(), repo.get(), rev.c_str()) != 0
      || git_object_peel(peeled.out(), object.get(), GIT_OBJECT_TREE) != 0) {
    std::string message =
        "--changed-since: \"" + rev + "\" is not a revision of the repository (" + last_error("not found") + ")";
    if (git_repository_head_unborn(repo.get()) == 1) {
      message += "; the repository has no commit yet: commit the records first, then compare with that commit";
    } else if (git_repository_is_shallow(repo.get()) == 1) {
      message += "; this is a shallow clone, so the commit may not have been fetched: fetch it first (`git fetch "
                 "--deepen=50 origin`, or `git fetch origin BRANCH` for a branch; in GitHub Actions set "
                 "fetch-depth: 0 on actions/checkout, in GitLab CI GIT_DEPTH: 0)";
    } else {
      message += "; give a branch, tag or commit that exists here (`git fetch origin BRANCH` brings a remote "
                 "branch, then use origin/BRANCH)";
    }
    throw core::UserError(message);
  }
  Handle<git_tree, git_tree_free> tree;
  if (git_tree_lookup(tree.out(), repo.get(), git_object_id(peeled.get())) != 0) {
    throw core::ToolError("cannot read the tree of " + rev + ": " + last_error("unknown libgit2 error"));
  }
  const std::string prefix = repo.prefix_of(root);
  git_diff_options options{};
  if (git_diff_options_init(&options, GIT_DIFF_OPTIONS_VERSION) != 0) {
    throw core::ToolError("cannot prepare a git diff: " + last_error("unknown libgit2 error"));
  }
  // The workspace folder is a literal path, never a glob (DESIGN §10.9): a folder called
  // `rec[1]*` must match itself, not `rec1x`, and the trailing '/' matches a folder only.
  options.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS | GIT_DIFF_DISABLE_PATHSPEC_MATCH;
  std::string pathspec = prefix;
  char* specs[] = {pathspec.data()};
  if (!prefix.empty()) {
    options.pathspec.strings = specs;
    options.pathspec.count = 1;
  }
  Handle<git_diff, git_diff_free> diff;
  if (git_diff_tree_to_workdir_with_index(diff.out(), repo.get(), tree.get(), &options) != 0) {
    throw core::ToolError("cannot compare " + rev + " with the work tree: " + last_error("unknown libgit2 error"));
  }
  std::vector<std::string> out;
  const std::size_t count = git_diff_num_deltas(diff.get());
  for (std::size_t i = 0; i < count; ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
    for (const char* path : {delta->old_file.path, delta->new_file.path}) {
      if (path == nullptr) {
        continue;
      }
      const std::string full = path;
      if (support::starts_with(full, prefix)) {
        out.push_back(full.substr(prefix.size()));
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace handoff::git
