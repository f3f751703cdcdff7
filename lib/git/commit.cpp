#include "git/commit.hpp"
#include "core/error.hpp"

#include <git2.h>

#include <stdexcept>

#include "git/handles.hpp"

namespace handoff::git {

namespace {

void check(int rc, const std::string& what)
{
  if (rc != 0) {
    throw core::ToolError(what + ": " + last_error("unknown libgit2 error"));
  }
}

}  // namespace

std::string commit_files(const std::string& root, const std::vector<std::string>& paths, const std::string& message)
{
  const Identity me = identity(root);
  if (me.name.empty() || me.email.empty()) {
    throw core::UserError("cannot commit: git has no user name and e-mail (set git config user.name and "
                          "user.email)");
  }
  const Library library;
  Repository repo;
  if (auto error = repo.open(root)) {
    throw core::UserError(error->empty() ? "cannot commit: the workspace is not in a git repository" : *error);
  }
  const std::string prefix = repo.prefix_of(root);

  // The new tree: HEAD's tree with our files, so that whatever else is staged stays out.
  Handle<git_commit, git_commit_free> parent;
  Handle<git_tree, git_tree_free> parent_tree;
  const bool unborn = git_repository_head_unborn(repo.get()) == 1;
  if (!unborn) {
    Handle<git_reference, git_reference_free> head;
    check(git_repository_head(head.out(), repo.get()), "cannot read HEAD");
    check(git_commit_lookup(parent.out(), repo.get(), git_reference_target(head.get())), "cannot read HEAD");
    check(git_commit_tree(parent_tree.out(), parent.get()), "cannot read HEAD's tree");
  }
  Handle<git_index, git_index_free> scratch;
  check(git_index_new(scratch.out()), "cannot create an index");
  if (parent_tree) {
    check(git_index_read_tree(scratch.get(), parent_tree.get()), "cannot read HEAD's tree");
  }
  Handle<git_index, git_index_free> index;
  check(git_repository_index(index.out(), repo.get()), "cannot open the index");
  for (const auto& path : paths) {
    const std::string in_repo = prefix + path;
    check(git_index_add_bypath(index.get(), in_repo.c_str()), "cannot stage " + path);
    const git_index_entry* entry = git_index_get_bypath(index.get(), in_repo.c_str(), 0);
    if (entry == nullptr) {
      throw core::ToolError("cannot stage " + path);
    }
    check(git_index_add(scratch.get(), entry), "cannot stage " + path);
  }
  git_oid tree_id;
  check(git_index_write_tree_to(&tree_id, scratch.get(), repo.get()), "cannot write the tree");
  Handle<git_tree, git_tree_free> tree;
  check(git_tree_lookup(tree.out(), repo.get(), &tree_id), "cannot read the new tree");

  Handle<git_signature, git_signature_free> signature;
  check(git_signature_now(signature.out(), me.name.c_str(), me.email.c_str()), "invalid git identity");
  const git_commit* parents[] = {parent.get()};
  git_oid commit_id;
  check(git_commit_create(&commit_id, repo.get(), "HEAD", signature.get(), signature.get(), nullptr, message.c_str(),
                          tree.get(), unborn ? 0 : 1, unborn ? nullptr : parents),
        "cannot commit");
  check(git_index_write(index.get()), "cannot write the index");
  return oid_text(commit_id, 7);
}

}  // namespace handoff::git
