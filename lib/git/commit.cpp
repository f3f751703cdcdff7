#include "git/commit.hpp"
#include "core/error.hpp"

#include <git2.h>

#include <filesystem>
#include <stdexcept>

#include "git/handles.hpp"
#include "git/ssh_sign.hpp"

namespace handoff::git {

namespace {

void check(int rc, const std::string& what)
{
  if (rc != 0) {
    throw core::ToolError(what + ": " + last_error("unknown libgit2 error"));
  }
}

std::string config_string(git_config* config, const char* key)
{
  git_buf buf = GIT_BUF_INIT;
  std::string out;
  if (git_config_get_string_buf(&buf, config, key) == 0) {
    out.assign(buf.ptr, buf.size);
  }
  git_buf_dispose(&buf);
  return out;
}

// Returns the signing configuration of `repo` (its own, the user's and the system's git config).
Signing read_signing(git_repository* repo)
{
  Signing out;
  Handle<git_config, git_config_free> config;
  if (git_repository_config(config.out(), repo) != 0) {
    return out;
  }
  int sign = 0;
  out.sign = git_config_get_bool(&sign, config.get(), "commit.gpgsign") == 0 && sign != 0;
  out.format = config_string(config.get(), "gpg.format");
  if (out.format.empty()) {
    out.format = "openpgp";
  }
  out.key = config_string(config.get(), "user.signingkey");
  out.program = config_string(config.get(), "gpg.ssh.program");
  if (out.program.empty()) {
    out.program = "ssh-keygen";
  }
  return out;
}

// Points HEAD (or the branch it names, possibly unborn) at `id`, if it still is at `parent`.
void update_head(git_repository* repo, const git_oid& id, const git_oid* parent, const std::string& message)
{
  Handle<git_reference, git_reference_free> head;
  check(git_reference_lookup(head.out(), repo, "HEAD"), "cannot read HEAD");
  const std::string name = git_reference_type(head.get()) == GIT_REFERENCE_SYMBOLIC
                               ? std::string(git_reference_symbolic_target(head.get()))
                               : std::string("HEAD");
  const std::string summary = message.substr(0, message.find('\n'));
  const std::string log = (parent == nullptr ? "commit (initial): " : "commit: ") + summary;
  Handle<git_reference, git_reference_free> updated;
  check(parent == nullptr
            ? git_reference_create(updated.out(), repo, name.c_str(), &id, 0, log.c_str())
            : git_reference_create_matching(updated.out(), repo, name.c_str(), &id, 1, parent, log.c_str()),
        "cannot update " + name);
}

}  // namespace

Signing signing(const std::string& root)
{
  const Library library;
  Repository repo;
  if (repo.open(root)) {
    return {};
  }
  return read_signing(repo.get());
}

std::optional<std::string> commit_blocker(const std::string& root)
{
  const Identity me = identity(root);
  if (me.name.empty() || me.email.empty()) {
    return "cannot commit: git has no user name and e-mail (set git config user.name and user.email); nothing was "
           "written";
  }
  const Library library;
  Repository repo;
  if (auto error = repo.open(root)) {
    return (error->empty() ? std::string("cannot commit: the workspace is not in a git repository") : *error)
           + "; nothing was written";
  }
  // A signing configuration that cannot sign is known before anything is written.
  const Signing sign = read_signing(repo.get());
  if (sign.sign && sign.format != "ssh") {
    return "cannot commit: your git config asks to sign commits (commit.gpgsign=true) with gpg.format=" + sign.format
           + ", and handoff signs only with SSH keys; set `git config gpg.format ssh` and `git config "
             "user.signingkey ~/.ssh/id_ed25519.pub`, or commit the file with git; nothing was written";
  }
  if (sign.sign && sign.key.empty()) {
    return std::string("cannot commit: your git config asks to sign commits with SSH (commit.gpgsign=true, "
                       "gpg.format=ssh) but names no key; set `git config user.signingkey ~/.ssh/id_ed25519.pub`; "
                       "nothing was written");
  }
  const std::filesystem::path git_dir = git_repository_path(repo.get());
  std::vector<std::filesystem::path> locks{git_dir / "index.lock", git_dir / "HEAD.lock"};
  Handle<git_reference, git_reference_free> head;
  if (git_reference_lookup(head.out(), repo.get(), "HEAD") == 0
      && git_reference_type(head.get()) == GIT_REFERENCE_SYMBOLIC) {
    locks.push_back(git_dir / (std::string(git_reference_symbolic_target(head.get())) + ".lock"));
  }
  for (const auto& lock : locks) {
    std::error_code ec;
    if (std::filesystem::exists(std::filesystem::symlink_status(lock, ec))) {
      return "cannot commit: " + lock.string()
             + " exists: another git command is running in this repository, or one was killed. Wait for it, or, if "
               "no git command is running, remove that file; then run this command again (nothing was written)";
    }
  }
  return std::nullopt;
}

std::vector<std::string> uncommitted(const std::string& root, const std::vector<std::string>& paths)
{
  const Library library;
  Repository repo;
  if (repo.open(root)) {
    return {};
  }
  const std::string prefix = repo.prefix_of(root);
  std::vector<std::string> out;
  for (const auto& path : paths) {
    const std::string in_repo = prefix + path;
    unsigned int flags = 0;
    const int rc = git_status_file(&flags, repo.get(), in_repo.c_str());
    if (rc == GIT_ENOTFOUND) {
      continue;  // neither in HEAD, nor in the index, nor on disk
    }
    check(rc, "cannot read the git status of " + path);
    if (flags != GIT_STATUS_CURRENT) {
      out.push_back(path);
    }
  }
  return out;
}

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
  // The index entries of `paths` as they were, to put back when no commit is made.
  struct Saved {
    std::string path;
    std::optional<git_index_entry> entry;
  };
  std::vector<Saved> saved;
  for (const auto& path : paths) {
    Saved entry{prefix + path, std::nullopt};
    if (const git_index_entry* found = git_index_get_bypath(index.get(), entry.path.c_str(), 0)) {
      entry.entry = *found;
    }
    saved.push_back(std::move(entry));
  }
  for (const auto& path : paths) {
    const std::string in_repo = prefix + path;
    std::error_code ec;
    if (!std::filesystem::exists(std::filesystem::symlink_status(std::filesystem::path(root) / path, ec))) {
      // Gone from disk: gone from the commit too (removing an absent entry changes nothing).
      check(git_index_remove_bypath(index.get(), in_repo.c_str()), "cannot stage the removal of " + path);
      check(git_index_remove_bypath(scratch.get(), in_repo.c_str()), "cannot stage the removal of " + path);
      continue;
    }
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

  // The index first: when git's index is locked this fails before there is a commit, so the
  // caller can put the files back and a retry does not add the entry twice.
  check(git_index_write(index.get()), "cannot write the index");

  git_oid commit_id;
  try {
    Handle<git_signature, git_signature_free> signature;
    check(git_signature_now(signature.out(), me.name.c_str(), me.email.c_str()), "invalid git identity");
    const git_commit* parents[] = {parent.get()};
    const Signing sign = read_signing(repo.get());
    if (!sign.sign) {
      check(git_commit_create(&commit_id, repo.get(), "HEAD", signature.get(), signature.get(), nullptr,
                              message.c_str(), tree.get(), unborn ? 0 : 1, unborn ? nullptr : parents),
            "cannot commit");
    } else {
      // As git does with commit.gpgsign=true: sign the commit's text, then store it with the
      // signature in a `gpgsig` header.
      if (sign.format != "ssh") {
        throw core::UserError("cannot commit: your git config asks to sign commits (commit.gpgsign=true) with "
                              "gpg.format="
                              + sign.format
                              + ", and handoff signs only with SSH keys; set `git config gpg.format ssh` and "
                                "`git config user.signingkey ~/.ssh/id_ed25519.pub`, or commit the file with git");
      }
      if (sign.key.empty()) {
        throw core::UserError("cannot commit: your git config asks to sign commits with SSH (commit.gpgsign=true, "
                              "gpg.format=ssh) but names no key; set `git config user.signingkey "
                              "~/.ssh/id_ed25519.pub`");
      }
      git_buf buffer = GIT_BUF_INIT;
      const int rc = git_commit_create_buffer(&buffer, repo.get(), signature.get(), signature.get(), nullptr,
                                              message.c_str(), tree.get(), unborn ? 0 : 1, unborn ? nullptr : parents);
      const std::string content = rc == 0 ? std::string(buffer.ptr, buffer.size) : std::string();
      git_buf_dispose(&buffer);
      check(rc, "cannot commit");
      std::string armour;
      try {
        armour = ssh_sign(sign.program, sign.key, content);
      } catch (const core::UserError&) {
        throw;
      } catch (const std::runtime_error& e) {
        throw core::ToolError(e.what());
      }
      while (!armour.empty() && (armour.back() == '\n' || armour.back() == '\r')) {
        armour.pop_back();  // git stores the signature without its last newline
      }
      check(git_commit_create_with_signature(&commit_id, repo.get(), content.c_str(), armour.c_str(), nullptr),
            "cannot commit");
      update_head(repo.get(), commit_id, unborn ? nullptr : git_commit_id(parent.get()), message);
    }
  } catch (const std::exception&) {
    // No commit: the index goes back to what it was, so that the files put back on disk
    // leave nothing staged behind.
    for (auto& entry : saved) {
      if (entry.entry) {
        entry.entry->path = entry.path.c_str();
        git_index_add(index.get(), &*entry.entry);
      } else {
        git_index_remove_bypath(index.get(), entry.path.c_str());
      }
    }
    git_index_write(index.get());
    throw;
  }
  return oid_text(commit_id, 7);
}

}  // namespace handoff::git
