#include "git/signature.hpp"

#include <stdexcept>

#include "git/handles.hpp"
#include "sshsig/sshsig.hpp"

namespace handoff::git {

signoff::CommitSignature commit_signature(git_repository* repo, const git_oid& oid)
{
  using Kind = signoff::CommitSignature::Kind;
  signoff::CommitSignature out;
  git_buf signature = GIT_BUF_INIT;
  git_buf payload = GIT_BUF_INIT;
  // `oid` is const in spirit; libgit2 1.5 takes a non-const pointer.
  git_oid id = oid;
  const int rc = git_commit_extract_signature(&signature, &payload, repo, &id, nullptr);
  if (rc != 0) {
    git_buf_dispose(&signature);
    git_buf_dispose(&payload);
    if (rc != GIT_ENOTFOUND) {
      out.kind = Kind::unknown;
      out.problem = "could not be read: " + last_error("unknown libgit2 error");
    }
    return out;
  }
  const std::string_view text(signature.ptr, signature.size);
  const std::string_view format = sshsig::signature_format(text);
  if (format == "ssh") {
    out.kind = Kind::ssh;
    const auto parsed = sshsig::parse_signature(text);
    if (const std::string* error = sshsig::error_of(parsed)) {
      out.problem = *error;
    } else {
      const auto& sig = std::get<sshsig::Signature>(parsed);
      out.key_blob = sig.key.blob;
      out.fingerprint = sig.key.fingerprint;
      if (auto problem = sshsig::verify(sig, std::string_view(payload.ptr, payload.size), "git")) {
        out.problem = *problem;
      }
    }
  } else if (format == "gpg") {
    out.kind = Kind::gpg;
  } else if (format == "x509") {
    out.kind = Kind::x509;
  } else {
    out.kind = Kind::unknown;
  }
  git_buf_dispose(&signature);
  git_buf_dispose(&payload);
  return out;
}

signoff::CommitSignature commit_signature(const std::string& root, const std::string& rev)
{
  const Library library;
  Repository repo;
  if (auto error = repo.open(root)) {
    throw std::runtime_error(error->empty() ? "the workspace is not in a git repository" : *error);
  }
  Handle<git_object, git_object_free> object;
  Handle<git_object, git_object_free> peeled;
  if (git_revparse_single(object.out(), repo.get(), rev.c_str()) != 0
      || git_object_peel(peeled.out(), object.get(), GIT_OBJECT_COMMIT) != 0) {
    throw std::runtime_error("\"" + rev + "\" does not name a commit: " + last_error("not found"));
  }
  return commit_signature(repo.get(), *git_object_id(peeled.get()));
}

}  // namespace handoff::git
