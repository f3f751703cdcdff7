#include "git/log.hpp"
#include "core/error.hpp"

#include <git2.h>

#include <ctime>
#include <stdexcept>

#include "git/handles.hpp"

namespace handoff::git {

namespace {

std::optional<std::string> blob_text(git_repository* repo, const std::optional<git_oid>& id, const std::string& path,
                                     std::size_t max_size)
{
  if (!id) {
    return std::nullopt;
  }
  if (auto too_large = blob_over_limit(repo, *id, max_size, "a version of " + path)) {
    throw core::UserError(*too_large);
  }
  Handle<git_blob, git_blob_free> blob;
  if (git_blob_lookup(blob.out(), repo, &*id) != 0) {
    throw core::ToolError("cannot read " + path + ": " + last_error("unknown libgit2 error"));
  }
  return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                     static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

std::string utc_date(git_time_t when)
{
  const auto seconds = static_cast<std::time_t>(when);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[16] = {};
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
  return buffer;
}

}  // namespace

FileHistory file_history(const std::string& root, const std::vector<std::string>& paths, std::size_t max_size)
{
  const Library library;
  Repository repo;
  if (auto error = repo.open(root)) {
    throw core::UserError(error->empty() ? "the workspace is not in a git repository" : *error);
  }
  FileHistory out;
  out.shallow = git_repository_is_shallow(repo.get()) == 1;
  if (git_repository_head_unborn(repo.get()) == 1) {
    return out;
  }
  const std::string prefix = repo.prefix_of(root);
  // Adds what the commit `oid` changed; returns false when its first parent is missing (the
  // edge of a shallow clone), where nothing can be said.
  const auto visit = [&](const git_oid& oid) {
    Handle<git_commit, git_commit_free> commit;
    Handle<git_tree, git_tree_free> tree;
    if (git_commit_lookup(commit.out(), repo.get(), &oid) != 0 || git_commit_tree(tree.out(), commit.get()) != 0) {
      throw core::ToolError("cannot read commit " + oid_text(oid, 7) + ": " + last_error("unknown libgit2 error"));
    }
    const auto describe = [&](CommitChange& change) {
      const git_signature* author = git_commit_author(commit.get());
      change.commit = oid_text(oid, 7);
      change.author_name = author != nullptr && author->name != nullptr ? author->name : "";
      change.author_email = author != nullptr && author->email != nullptr ? author->email : "";
      change.date = author != nullptr ? utc_date(author->when.time) : "";
      const char* summary = git_commit_summary(commit.get());
      change.summary = summary != nullptr ? summary : "";
    };
    Handle<git_commit, git_commit_free> parent;
    Handle<git_tree, git_tree_free> parent_tree;
    if (git_commit_parentcount(commit.get()) > 0) {
      if (git_commit_parent(parent.out(), commit.get(), 0) != 0
          || git_commit_tree(parent_tree.out(), parent.get()) != 0) {
        out.boundary.emplace();
        describe(*out.boundary);
        return false;
      }
    }
    CommitChange change;
    for (const auto& path : paths) {
      const std::string in_repo = prefix + path;
      const std::optional<git_oid> before_id = parent_tree ? blob_at(parent_tree.get(), in_repo) : std::nullopt;
      const std::optional<git_oid> after_id = blob_at(tree.get(), in_repo);
      if ((!before_id && !after_id) || (before_id && after_id && git_oid_equal(&*before_id, &*after_id) == 1)) {
        continue;
      }
      FileChange file;
      file.path = path;
      file.before = blob_text(repo.get(), before_id, in_repo, max_size);
      file.after = blob_text(repo.get(), after_id, in_repo, max_size);
      change.files.push_back(std::move(file));
    }
    if (change.files.empty()) {
      return true;
    }
    describe(change);
    out.commits.push_back(std::move(change));
    return true;
  };

  if (out.shallow) {
    // libgit2 cannot walk past the missing commits: follow first parents until they end.
    Handle<git_reference, git_reference_free> head;
    if (git_repository_head(head.out(), repo.get()) != 0) {
      throw core::ToolError("cannot read HEAD: " + last_error("unknown libgit2 error"));
    }
    git_oid oid = *git_reference_target(head.get());
    while (visit(oid)) {
      Handle<git_commit, git_commit_free> commit;
      if (git_commit_lookup(commit.out(), repo.get(), &oid) != 0 || git_commit_parentcount(commit.get()) == 0) {
        break;
      }
      oid = *git_commit_parent_id(commit.get(), 0);
    }
    return out;
  }
  Handle<git_revwalk, git_revwalk_free> walker;
  if (git_revwalk_new(walker.out(), repo.get()) != 0
      || git_revwalk_sorting(walker.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME) != 0
      || git_revwalk_push_head(walker.get()) != 0) {
    throw core::ToolError("cannot walk the history of HEAD: " + last_error("unknown libgit2 error"));
  }
  git_oid oid;
  int rc = 0;
  while ((rc = git_revwalk_next(&oid, walker.get())) == 0) {
    visit(oid);
  }
  if (rc != GIT_ITEROVER) {
    throw core::ToolError("cannot walk the history of HEAD: " + last_error("unknown libgit2 error"));
  }
  return out;
}

}  // namespace handoff::git
