#include "git/repo.hpp"
#include "core/error.hpp"

#include <git2.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "git/handles.hpp"

namespace handoff::git {

std::string last_error(const std::string& fallback)
{
  const git_error* error = git_error_last();
  return error != nullptr && error->message != nullptr ? std::string(error->message) : fallback;
}

std::string oid_text(const git_oid& oid, std::size_t length)
{
  char buffer[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(buffer, sizeof buffer, &oid);
  return std::string(buffer).substr(0, length);
}

std::optional<git_oid> blob_at(git_tree* tree, const std::string& path)
{
  git_tree_entry* entry = nullptr;
  if (git_tree_entry_bypath(&entry, tree, path.c_str()) != 0) {
    return std::nullopt;
  }
  std::optional<git_oid> out;
  if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB) {
    out = *git_tree_entry_id(entry);
  }
  git_tree_entry_free(entry);
  return out;
}

std::optional<std::string> blob_over_limit(git_repository* repo, const git_oid& id, std::size_t limit,
                                           const std::string& what)
{
  Handle<git_odb, git_odb_free> odb;
  std::size_t size = 0;
  git_object_t type = GIT_OBJECT_INVALID;
  if (git_repository_odb(odb.out(), repo) != 0 || git_odb_read_header(&size, &type, odb.get(), &id) != 0) {
    return "cannot read " + what + ": " + last_error("unknown libgit2 error");
  }
  if (size > limit) {
    return what + " is " + std::to_string(size) + " bytes, over the limit of " + std::to_string(limit)
           + " bytes (HANDOFF_MAX_FILE_SIZE); it is not read";
  }
  return std::nullopt;
}

std::optional<std::string> Repository::open(const std::string& path)
{
  // CI containers often check out as another user than the one running the tool.
  git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
  const int rc = git_repository_open_ext(m_repo.out(), path.c_str(), 0, nullptr);
  if (rc == GIT_ENOTFOUND) {
    return std::string();
  }
  if (rc != 0) {
    return "cannot open the git repository at " + path + ": " + last_error("unknown libgit2 error");
  }
  if (git_repository_is_bare(m_repo.get()) == 1) {
    m_repo.reset();
    return std::string();
  }
  return std::nullopt;
}

std::string Repository::prefix_of(const std::string& dir) const
{
  std::error_code ec;
  const std::filesystem::path workdir = std::filesystem::weakly_canonical(git_repository_workdir(m_repo.get()), ec);
  const std::filesystem::path folder = std::filesystem::weakly_canonical(dir, ec);
  std::string relative = folder.lexically_relative(workdir).generic_string();
  if (relative.empty() || relative == ".") {
    return "";
  }
  if (relative.back() == '/') {
    return relative;
  }
  return relative + "/";
}

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
  Repository repo;
  return !repo.open(path).has_value();
}

std::string workspace_prefix(const std::string& root)
{
  const Library library;
  Repository repo;
  if (repo.open(root).has_value()) {
    return "";
  }
  return repo.prefix_of(root);
}

std::optional<std::string> head_commit(const std::string& root)
{
  const Library library;
  Repository repo;
  if (repo.open(root).has_value()) {
    return std::nullopt;
  }
  git_oid oid;
  if (git_reference_name_to_id(&oid, repo.get(), "HEAD") != 0) {
    return std::nullopt;
  }
  return oid_text(oid, 12);
}

std::optional<std::string> init_repository(const std::string& path)
{
  const Library library;
  Handle<git_repository, git_repository_free> repo;
  if (git_repository_init(repo.out(), path.c_str(), 0) != 0) {
    return "cannot create a git repository in " + path + ": " + last_error("unknown libgit2 error");
  }
  return std::nullopt;
}

Revision read_revision(const std::string& root, const std::string& rev, const std::vector<std::string>& paths,
                       std::size_t max_size)
{
  const Library library;
  Repository repo;
  if (auto error = repo.open(root)) {
    throw core::UserError(error->empty() ? "the workspace is not in a git repository" : *error);
  }
  Handle<git_object, git_object_free> object;
  Handle<git_commit, git_commit_free> commit;
  Handle<git_tree, git_tree_free> tree;
  if (git_revparse_single(object.out(), repo.get(), rev.c_str()) != 0) {
    throw core::UserError("\"" + rev + "\" is not a revision of the repository: " + last_error("not found"));
  }
  Handle<git_object, git_object_free> peeled;
  if (git_object_peel(peeled.out(), object.get(), GIT_OBJECT_COMMIT) != 0
      || git_commit_lookup(commit.out(), repo.get(), git_object_id(peeled.get())) != 0
      || git_commit_tree(tree.out(), commit.get()) != 0) {
    throw core::UserError("\"" + rev + "\" does not name a commit: " + last_error("not a commit"));
  }
  Revision out;
  out.commit = oid_text(*git_commit_id(commit.get()), 7);
  constexpr long long k_day = 24LL * 60 * 60;
  const auto committed = static_cast<long long>(git_commit_time(commit.get()));
  out.days = committed >= 0 ? committed / k_day : -((-committed + k_day - 1) / k_day);
  const std::string prefix = repo.prefix_of(root);
  for (const auto& path : paths) {
    std::optional<std::string>& content = out.files[path];
    const std::optional<git_oid> blob_id = blob_at(tree.get(), prefix + path);
    if (!blob_id) {
      continue;
    }
    if (auto too_large = blob_over_limit(repo.get(), *blob_id, max_size, path + " at " + rev)) {
      throw core::UserError(*too_large);
    }
    Handle<git_blob, git_blob_free> blob;
    if (git_blob_lookup(blob.out(), repo.get(), &*blob_id) != 0) {
      throw core::ToolError("cannot read " + path + " at " + rev + ": " + last_error("unknown libgit2 error"));
    }
    content = std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                          static_cast<std::size_t>(git_blob_rawsize(blob.get())));
  }
  return out;
}

Identity identity(const std::string& path)
{
  Identity out;
  if (const char* name = std::getenv("GIT_AUTHOR_NAME"); name != nullptr) {
    out.name = name;
  }
  if (const char* email = std::getenv("GIT_AUTHOR_EMAIL"); email != nullptr) {
    out.email = email;
  }
  if (!out.name.empty() && !out.email.empty()) {
    return out;
  }
  const Library library;
  Repository repo;
  Handle<git_config, git_config_free> config;
  const bool in_repo = !repo.open(path).has_value();
  if ((in_repo ? git_repository_config(config.out(), repo.get()) : git_config_open_default(config.out())) != 0) {
    return out;
  }
  const auto read = [&](const char* key, std::string& value) {
    if (!value.empty()) {
      return;
    }
    git_buf buf = GIT_BUF_INIT;
    if (git_config_get_string_buf(&buf, config.get(), key) == 0) {
      value.assign(buf.ptr, buf.size);
    }
    git_buf_dispose(&buf);
  };
  read("user.name", out.name);
  read("user.email", out.email);
  return out;
}

}  // namespace handoff::git
