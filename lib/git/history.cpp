#include "git/history.hpp"

#include <git2.h>

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <utility>

#include "git/handles.hpp"
#include "git/signature.hpp"
#include "signoff/canonical.hpp"
#include "yaml/document.hpp"

namespace handoff::git {

namespace {

// Returns the digests of the sign-off entries in the text of a signoffs.yaml.
std::vector<std::string> entry_digests(std::string_view text)
{
  std::vector<std::string> out;
  const yaml::ParseResult parsed = yaml::parse(text);
  const yaml::Node* list = parsed.ok && parsed.root.is_mapping() ? parsed.root.find("signoffs") : nullptr;
  if (list == nullptr || !list->is_sequence()) {
    return out;
  }
  for (const auto& entry : list->children) {
    if (entry.is_mapping()) {
      out.push_back(signoff::digest(entry));
    }
  }
  return out;
}

class GitHistory final : public signoff::History {
public:
  GitHistory(std::string root, std::vector<std::string> paths, std::size_t max_size)
      : m_root(std::move(root)), m_paths(std::move(paths)), m_max_size(max_size)
  {
  }

  std::string problem() const override
  {
    load();
    return m_problem;
  }

  std::optional<signoff::Author> added_by(const std::string& path, const std::string& entry_digest) const override
  {
    load();
    const auto file = m_added.find(path);
    if (file == m_added.end()) {
      return std::nullopt;
    }
    const auto entry = file->second.find(entry_digest);
    if (entry == file->second.end()) {
      return std::nullopt;
    }
    return entry->second;
  }

private:
  State do_state() const override
  {
    load();
    return m_state;
  }

  // Reads the history once; the projects checked in parallel share this object, and after
  // the first call everything is only read.
  void load() const
  {
    std::call_once(m_once, [this] { read_history(); });
  }

  void read_history() const
  {
    const Library library;
    Repository repo;
    if (auto error = repo.open(m_root)) {
      m_state = error->empty() ? State::no_repository : State::unreadable;
      m_problem = error->empty() ? "the workspace is not in a git repository" : *error;
      return;
    }
    if (git_repository_is_shallow(repo.get()) == 1) {
      m_state = State::incomplete;
      m_problem = "the repository is a shallow clone, so the commits that added the sign-offs may be missing "
                  "(fetch the full history with `git fetch --unshallow`)";
      return;
    }
    const std::string prefix = repo.prefix_of(m_root);
    if (auto error = walk(repo, prefix)) {
      m_state = State::unreadable;
      m_problem = "cannot read git history: " + *error;
      m_added.clear();
      return;
    }
    m_state = State::available;
  }

  // Walks the commits of HEAD from the oldest, noting the first commit that held each entry.
  std::optional<std::string> walk(Repository& repo, const std::string& prefix) const
  {
    if (git_repository_head_unborn(repo.get()) == 1) {
      return std::nullopt;  // no commits yet: every entry is uncommitted
    }
    Handle<git_revwalk, git_revwalk_free> walker;
    if (git_revwalk_new(walker.out(), repo.get()) != 0
        || git_revwalk_sorting(walker.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE) != 0
        || git_revwalk_push_head(walker.get()) != 0) {
      return last_error("cannot walk the history of HEAD");
    }
    std::map<std::string, std::set<std::string>> seen;  // path -> entry digests already attributed
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> parsed;  // (path, blob) -> digests
    git_oid oid;
    int rc = 0;
    while ((rc = git_revwalk_next(&oid, walker.get())) == 0) {
      Handle<git_commit, git_commit_free> commit;
      Handle<git_tree, git_tree_free> tree;
      if (git_commit_lookup(commit.out(), repo.get(), &oid) != 0 || git_commit_tree(tree.out(), commit.get()) != 0) {
        return last_error("cannot read a commit");
      }
      Handle<git_tree, git_tree_free> parent_tree;
      if (git_commit_parentcount(commit.get()) > 0) {
        Handle<git_commit, git_commit_free> parent;
        if (git_commit_parent(parent.out(), commit.get(), 0) != 0
            || git_commit_tree(parent_tree.out(), parent.get()) != 0) {
          return last_error("cannot read the parent of a commit");
        }
      }
      std::optional<signoff::CommitSignature> signature;
      for (const auto& path : m_paths) {
        const std::string in_repo = prefix + path;
        const std::optional<git_oid> blob = blob_at(tree.get(), in_repo);
        if (!blob) {
          continue;
        }
        if (parent_tree) {
          const std::optional<git_oid> before = blob_at(parent_tree.get(), in_repo);
          if (before && git_oid_equal(&*before, &*blob) == 1) {
            continue;  // unchanged in this commit
          }
        }
        const std::string blob_id = oid_text(*blob, GIT_OID_HEXSZ);
        auto& digests = parsed[{path, blob_id}];
        if (digests.empty()) {
          if (auto too_large =
                  blob_over_limit(repo.get(), *blob, m_max_size, in_repo + " in commit " + oid_text(oid, 7))) {
            return *too_large;
          }
          Handle<git_blob, git_blob_free> content;
          if (git_blob_lookup(content.out(), repo.get(), &*blob) != 0) {
            return last_error("cannot read a version of " + in_repo);
          }
          const auto* data = static_cast<const char*>(git_blob_rawcontent(content.get()));
          digests = entry_digests(std::string_view(data, static_cast<std::size_t>(git_blob_rawsize(content.get()))));
        }
        for (const auto& d : digests) {
          if (seen[path].insert(d).second) {
            if (!signature) {
              signature = commit_signature(repo.get(), oid);  // once per commit that adds entries
            }
            const git_signature* author = git_commit_author(commit.get());
            signoff::Author a;
            a.commit = oid_text(oid, 7);
            a.name = author != nullptr && author->name != nullptr ? author->name : "";
            a.email = author != nullptr && author->email != nullptr ? author->email : "";
            a.signature = *signature;
            m_added[path][d] = std::move(a);
          }
        }
      }
    }
    if (rc != GIT_ITEROVER) {
      return last_error("cannot walk the history of HEAD");
    }
    return std::nullopt;
  }

  std::string m_root;
  std::vector<std::string> m_paths;
  std::size_t m_max_size;
  mutable std::once_flag m_once;
  mutable State m_state = State::unreadable;
  mutable std::string m_problem;
  mutable std::map<std::string, std::map<std::string, signoff::Author>> m_added;  // path -> digest -> author
};

}  // namespace

std::unique_ptr<signoff::History> open_history(const std::string& root, std::vector<std::string> paths,
                                               std::size_t max_size)
{
  return std::make_unique<GitHistory>(root, std::move(paths), max_size);
}

}  // namespace handoff::git
