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

// Returns the scalar text of `key` in `entry`, or "" when it is absent or not text.
std::string field(const yaml::Node& entry, const char* key)
{
  const yaml::Node* value = entry.find(key);
  return value != nullptr && value->is_scalar() ? value->value : std::string();
}

// Returns the sign-off entries in the text of a signoffs.yaml (digests and the fields that name
// them), in file order.
std::vector<signoff::CommittedEntry> entries_in(std::string_view text)
{
  std::vector<signoff::CommittedEntry> out;
  const yaml::ParseResult parsed = yaml::parse(text);
  const yaml::Node* list = parsed.ok && parsed.root.is_mapping() ? parsed.root.find("signoffs") : nullptr;
  if (list == nullptr || !list->is_sequence()) {
    return out;
  }
  for (const auto& entry : list->children) {
    if (entry.is_mapping()) {
      signoff::CommittedEntry e;
      e.digest = signoff::digest(entry);
      e.role = field(entry, "role");
      e.person = field(entry, "person");
      e.date = field(entry, "date");
      e.at = field(entry, "at");
      out.push_back(std::move(e));
    }
  }
  return out;
}

// Returns true when two optional blob ids name the same content (both absent counts as the same).
bool same_blob(const std::optional<git_oid>& a, const std::optional<git_oid>& b)
{
  return a.has_value() == b.has_value() && (!a || git_oid_equal(&*a, &*b) == 1);
}

// The sign-off entries one path held over history.
struct PathHistory {
  std::vector<signoff::CommittedEntry> entries;  // in the order first committed
  std::map<std::string, std::size_t> index;      // digest -> position in `entries`
  std::map<std::string, signoff::Author> added;  // digest -> author of the first commit that held it
};

// Each version of a sign-off file read so far: (path, blob id) -> digests of its entries, in
// file order. Every commit that changes a file is compared with its parents' versions, which
// were read when the walk passed the commits that made them.
using Versions = std::map<std::pair<std::string, std::string>, std::vector<std::string>>;

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

  std::string problem_zh() const override
  {
    load();
    return m_problem_zh;
  }

  std::optional<signoff::Author> added_by(const std::string& path, const std::string& entry_digest) const override
  {
    load();
    const auto file = m_files.find(path);
    if (file == m_files.end()) {
      return std::nullopt;
    }
    const auto entry = file->second.added.find(entry_digest);
    if (entry == file->second.added.end()) {
      return std::nullopt;
    }
    return entry->second;
  }

  std::vector<signoff::CommittedEntry> committed(const std::string& path) const override
  {
    load();
    const auto file = m_files.find(path);
    return file == m_files.end() ? std::vector<signoff::CommittedEntry>{} : file->second.entries;
  }

  std::optional<std::string> file_at(const std::string& oid, const std::string& path) const override
  {
    load();
    if (m_state != State::available) {
      return std::nullopt;
    }
    const Library library;
    Repository repo;
    git_oid id;
    Handle<git_commit, git_commit_free> commit;
    Handle<git_tree, git_tree_free> tree;
    if (oid.size() != GIT_OID_HEXSZ || repo.open(m_root) || git_oid_fromstrn(&id, oid.data(), oid.size()) != 0
        || git_commit_lookup(commit.out(), repo.get(), &id) != 0 || git_commit_tree(tree.out(), commit.get()) != 0) {
      return std::nullopt;
    }
    const std::optional<git_oid> blob = blob_at(tree.get(), m_prefix + path);
    Handle<git_blob, git_blob_free> content;
    if (!blob || blob_over_limit(repo.get(), *blob, m_max_size, path)
        || git_blob_lookup(content.out(), repo.get(), &*blob) != 0) {
      return std::nullopt;
    }
    const auto* data = static_cast<const char*>(git_blob_rawcontent(content.get()));
    return std::string(data, static_cast<std::size_t>(git_blob_rawsize(content.get())));
  }

private:
  // The commit the walk is at.
  struct Commit {
    git_repository* repo;
    git_commit* commit;
    git_oid oid;
    std::optional<signoff::CommitSignature> signature;  // read once, when it adds an entry
  };

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
      m_problem_zh = error->empty() ? "工作区不在 git 仓库中" : "无法打开 git 仓库：" + *error;
      return;
    }
    if (git_repository_is_shallow(repo.get()) == 1) {
      m_state = State::incomplete;
      m_problem = "the repository is a shallow clone, so the commits that added the sign-offs may be missing "
                  "(fetch the full history: `git fetch --unshallow`, or `fetch-depth: 0` for actions/checkout, "
                  "`GIT_DEPTH: 0` in GitLab CI)";
      m_problem_zh = "仓库是浅克隆，添加签字记录的提交可能缺失（请获取完整历史：`git fetch --unshallow`，"
                     "actions/checkout 用 `fetch-depth: 0`，GitLab CI 用 `GIT_DEPTH: 0`）";
      return;
    }
    const std::string prefix = repo.prefix_of(m_root);
    m_prefix = prefix;
    if (auto error = walk(repo, prefix)) {
      m_state = State::unreadable;
      m_problem = "cannot read git history: " + *error;
      m_problem_zh = "无法读取 git 历史：" + *error;
      m_files.clear();
      return;
    }
    m_state = State::available;
  }

  // Walks the commits of HEAD from the oldest. For each commit in which a sign-off file differs
  // from a parent's version, each entry seen for the first time is attributed to the commit,
  // and each entry a parent's version held that this version lacks is marked as dropped by it.
  // Each version of a file is parsed once.
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
    Versions versions;
    git_oid oid;
    int rc = 0;
    while ((rc = git_revwalk_next(&oid, walker.get())) == 0) {
      Handle<git_commit, git_commit_free> commit;
      Handle<git_tree, git_tree_free> tree;
      if (git_commit_lookup(commit.out(), repo.get(), &oid) != 0 || git_commit_tree(tree.out(), commit.get()) != 0) {
        return last_error("cannot read a commit");
      }
      std::vector<Handle<git_tree, git_tree_free>> parent_trees(git_commit_parentcount(commit.get()));
      for (unsigned i = 0; i < parent_trees.size(); ++i) {
        Handle<git_commit, git_commit_free> parent;
        if (git_commit_parent(parent.out(), commit.get(), i) != 0
            || git_commit_tree(parent_trees[i].out(), parent.get()) != 0) {
          return last_error("cannot read the parent of a commit");
        }
      }
      Commit current{repo.get(), commit.get(), oid, std::nullopt};
      for (const auto& path : m_paths) {
        if (auto error = visit(current, versions, path, prefix + path, tree.get(), parent_trees)) {
          return error;
        }
      }
    }
    if (rc != GIT_ITEROVER) {
      return last_error("cannot walk the history of HEAD");
    }
    return keep_heads(repo.get(), prefix, versions);
  }

  // Compares the version of `path` in `current` with its parents' versions.
  std::optional<std::string> visit(Commit& current, Versions& versions, const std::string& path,
                                   const std::string& in_repo, git_tree* tree,
                                   const std::vector<Handle<git_tree, git_tree_free>>& parent_trees) const
  {
    const std::optional<git_oid> blob = blob_at(tree, in_repo);
    std::vector<std::optional<git_oid>> before;
    before.reserve(parent_trees.size());
    bool changed = parent_trees.empty() && blob.has_value();  // a root commit that holds the file
    for (const auto& parent : parent_trees) {
      before.push_back(blob_at(parent.get(), in_repo));
      changed = changed || !same_blob(before.back(), blob);
    }
    if (!changed) {
      return std::nullopt;  // unchanged in this commit
    }
    static const std::vector<std::string> k_none;
    const std::vector<std::string>* now = &k_none;
    if (blob) {
      if (auto error = read_version(current, versions, path, in_repo, *blob, now)) {
        return error;
      }
    }
    PathHistory& file = m_files[path];
    for (const auto& old : before) {
      if (same_blob(old, blob) || !old) {
        continue;
      }
      const std::vector<std::string>* was = nullptr;
      if (auto error = read_version(current, versions, path, in_repo, *old, was)) {
        return error;
      }
      const std::set<std::string> kept(now->begin(), now->end());
      const std::string id = oid_text(current.oid, 7);
      for (std::size_t i = 0; i < was->size(); ++i) {
        const auto entry = file.index.find((*was)[i]);
        if (kept.count((*was)[i]) != 0 || entry == file.index.end()) {
          continue;
        }
        signoff::CommittedEntry& dropped = file.entries[entry->second];
        dropped.dropped_in = id;
        // An entry this commit adds in its place is the entry edited; otherwise it was removed.
        dropped.edited = i < now->size() && file.entries[file.index.at((*now)[i])].added_in == id;
      }
    }
    return std::nullopt;
  }

  // Points `out` at the digests of version `blob` of `path`, parsing it the first time; entries
  // it holds that no earlier version held are attributed to `current`.
  std::optional<std::string> read_version(Commit& current, Versions& versions, const std::string& path,
                                          const std::string& in_repo, const git_oid& blob,
                                          const std::vector<std::string>*& out) const
  {
    const auto key = std::make_pair(path, oid_text(blob, GIT_OID_HEXSZ));
    if (const auto found = versions.find(key); found != versions.end()) {
      out = &found->second;
      return std::nullopt;
    }
    if (auto too_large =
            blob_over_limit(current.repo, blob, m_max_size, in_repo + " in commit " + oid_text(current.oid, 7))) {
      return *too_large;
    }
    Handle<git_blob, git_blob_free> content;
    if (git_blob_lookup(content.out(), current.repo, &blob) != 0) {
      return last_error("cannot read a version of " + in_repo);
    }
    const auto* data = static_cast<const char*>(git_blob_rawcontent(content.get()));
    std::vector<signoff::CommittedEntry> entries =
        entries_in(std::string_view(data, static_cast<std::size_t>(git_blob_rawsize(content.get()))));
    std::vector<std::string>& digests = versions[key];
    PathHistory& file = m_files[path];
    for (auto& entry : entries) {
      digests.push_back(entry.digest);
      if (file.index.count(entry.digest) != 0) {
        continue;
      }
      if (!current.signature) {
        current.signature = commit_signature(current.repo, current.oid);  // once per commit that adds entries
      }
      const git_signature* author = git_commit_author(current.commit);
      signoff::Author a;
      a.commit = oid_text(current.oid, 7);
      a.oid = oid_text(current.oid, GIT_OID_HEXSZ);
      a.name = author != nullptr && author->name != nullptr ? author->name : "";
      a.email = author != nullptr && author->email != nullptr ? author->email : "";
      a.signature = *current.signature;
      entry.added_in = a.commit;
      file.added[entry.digest] = std::move(a);
      file.index[entry.digest] = file.entries.size();
      file.entries.push_back(std::move(entry));
    }
    out = &digests;
    return std::nullopt;
  }

  // Clears the mark of every entry that HEAD's version of its file holds: dropped once, it was
  // put back since.
  std::optional<std::string> keep_heads(git_repository* repo, const std::string& prefix, Versions& versions) const
  {
    git_oid oid;
    Handle<git_commit, git_commit_free> head;
    Handle<git_tree, git_tree_free> tree;
    if (git_reference_name_to_id(&oid, repo, "HEAD") != 0 || git_commit_lookup(head.out(), repo, &oid) != 0
        || git_commit_tree(tree.out(), head.get()) != 0) {
      return last_error("cannot read the tree of HEAD");
    }
    for (auto& [path, file] : m_files) {
      const std::optional<git_oid> blob = blob_at(tree.get(), prefix + path);
      if (!blob) {
        continue;
      }
      const auto found = versions.find({path, oid_text(*blob, GIT_OID_HEXSZ)});
      if (found == versions.end()) {
        continue;  // every version the walk met was read: HEAD's is among them
      }
      for (std::size_t i = 0; i < found->second.size(); ++i) {
        signoff::CommittedEntry& entry = file.entries[file.index.at(found->second[i])];
        entry.dropped_in.clear();
        entry.edited = false;
        entry.head_index = i;
      }
    }
    return std::nullopt;
  }

  std::string m_root;
  std::vector<std::string> m_paths;
  std::size_t m_max_size;
  mutable std::once_flag m_once;
  mutable State m_state = State::unreadable;
  mutable std::string m_problem;
  mutable std::string m_problem_zh;
  mutable std::string m_prefix;                        // the workspace root's path in the repository ("" or "records/")
  mutable std::map<std::string, PathHistory> m_files;  // path -> what its versions held
};

}  // namespace

std::unique_ptr<signoff::History> open_history(const std::string& root, std::vector<std::string> paths,
                                               std::size_t max_size)
{
  return std::make_unique<GitHistory>(root, std::move(paths), max_size);
}

}  // namespace handoff::git
