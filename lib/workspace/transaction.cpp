#include "workspace/transaction.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "core/error.hpp"
#include "git/commit.hpp"
#include "git/repo.hpp"
#include "io/filesystem.hpp"
#include "io/write.hpp"
#include "sshsig/sshsig.hpp"
#include "support/text.hpp"
#include "workspace/workspace.hpp"

namespace handoff::workspace {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string text)
{
  for (char& c : text) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return text;
}

// Returns "a.yaml and b.yaml", or "a.yaml and b.yaml in projects/acme/" when several files
// share one folder.
std::string list_files(const std::vector<std::string>& files)
{
  const auto slash = files.empty() ? std::string::npos : files.front().rfind('/');
  if (files.size() < 2 || slash == std::string::npos) {
    return support::join_words(files);
  }
  const std::string folder = files.front().substr(0, slash + 1);
  std::vector<std::string> names;
  for (const auto& file : files) {
    if (file.size() <= folder.size() || file.compare(0, folder.size(), folder) != 0
        || file.find('/', folder.size()) != std::string::npos) {
      return support::join_words(files);
    }
    names.push_back(file.substr(folder.size()));
  }
  return support::join_words(names) + " in " + folder;
}

// Returns "a is not committed as it is on disk" (or "a and b are ... as they are ...").
std::string not_committed(const std::vector<std::string>& files)
{
  return fmt::format("{} {} not committed as {} on disk", list_files(files), files.size() == 1 ? "is" : "are",
                     files.size() == 1 ? "it is" : "they are");
}

std::string pronoun(const std::vector<std::string>& files)
{
  return files.size() == 1 ? "it" : "them";
}

// Returns the public key that git's user.signingkey names (a literal "key::…" or "ssh-…" line,
// or a key file: its .pub line, or the .pub beside a private key), or why it cannot be read.
sshsig::Result<sshsig::PublicKey> configured_key(const std::string& key)
{
  if (key.rfind("key::", 0) == 0) {
    return sshsig::parse_public_key(std::string_view(key).substr(5));
  }
  if (key.rfind("ssh-", 0) == 0 || key.rfind("ecdsa-", 0) == 0) {
    return sshsig::parse_public_key(key);
  }
  std::string path = key;
  if (path.rfind("~/", 0) == 0) {
    const char* home = std::getenv("HOME");
    path = std::string(home != nullptr ? home : "") + path.substr(1);
  }
  for (const std::string& candidate : {path, path + ".pub"}) {
    std::ifstream in(candidate, std::ios::binary);
    if (!in) {
      continue;
    }
    std::string line;
    std::getline(in, line);
    auto parsed = sshsig::parse_public_key(support::trim(line));
    if (sshsig::error_of(parsed) == nullptr) {
      return parsed;
    }
  }
  return sshsig::Error{"cannot read a public key from " + path + " or " + path + ".pub"};
}

}  // namespace

Transaction::Transaction(const Workspace& ws, const std::string& holder, CommitOptions options)
    : m_ws(ws), m_options(options)
{
  try {
    m_lock = std::make_unique<io::WorkspaceLock>(ws.root(), holder, io::lock_timeout());
  } catch (const io::LockError& e) {
    throw core::UserError(e.what());
  }
  if (m_options.commit) {
    if (auto blocker = git::commit_blocker(ws.root())) {
      throw core::UserError(*blocker);
    }
  }
}

Transaction::~Transaction() = default;

std::vector<std::string> Transaction::begin(const std::vector<std::string>& writes,
                                            const std::vector<std::string>& reads, const std::string& why)
{
  std::vector<std::string> watched = writes;
  for (const auto& path : reads) {
    if (std::find(watched.begin(), watched.end(), path) == watched.end()) {
      watched.push_back(path);
    }
  }
  std::vector<std::string> changed;
  if (m_options.commit) {
    changed = git::uncommitted(m_ws.root(), watched);
  } else {
    // Only for a warning: a repository git cannot read does not stop a writer that does not commit.
    try {
      changed = git::uncommitted(m_ws.root(), watched);
    } catch (const std::runtime_error&) {
      changed.clear();
    }
  }
  // Files the command adopts (never committed yet, and needed by what it writes) are committed
  // along, never refused.
  std::vector<std::string> adopted;
  changed.erase(std::remove_if(changed.begin(), changed.end(),
                               [&](const std::string& path) {
                                 const bool adopt = std::find(m_adopt.begin(), m_adopt.end(), path) != m_adopt.end();
                                 if (adopt) {
                                   adopted.push_back(path);
                                 }
                                 return adopt;
                               }),
                changed.end());
  if (m_options.commit && !m_options.include_changes && !changed.empty()) {
    throw core::UserError(fmt::format("{}, and {}: commit {} first (or undo the changes), or give --include-changes "
                                      "to commit {} too; nothing was written",
                                      not_committed(changed), why, pronoun(changed), pronoun(changed)));
  }
  for (const auto& path : writes) {
    Snapshot snapshot;
    snapshot.path = path;
    if (m_ws.fs().kind(path) != io::FileKind::missing) {
      io::ReadResult read = m_ws.fs().read(path, m_ws.load_options().max_file_size);
      if (!read.ok) {
        throw core::UserError(fmt::format("cannot read {}: it {}", path, read.error));
      }
      snapshot.content = std::move(read.data);
    }
    m_snapshots.push_back(std::move(snapshot));
  }
  m_commit = watched;
  if (m_options.commit) {
    m_included.insert(m_included.end(), adopted.begin(), adopted.end());
    for (const auto& path : changed) {
      if (std::find(writes.begin(), writes.end(), path) == writes.end()) {
        m_included.push_back(path);
      }
    }
  }
  return m_options.commit ? std::vector<std::string>() : changed;
}

void Transaction::creates_folder(const std::string& folder)
{
  m_folders.push_back(folder);
}

std::optional<std::string> Transaction::restore() const
{
  std::vector<std::string> problems;
  for (const auto& before : m_snapshots) {
    const std::string full = io::join(m_ws.root(), before.path);
    if (before.content) {
      if (auto error = io::write_atomic(full, *before.content, std::nullopt, m_ws.root())) {
        problems.push_back(*error);
      }
    } else if (::unlink(full.c_str()) != 0 && errno != ENOENT) {
      problems.push_back(fmt::format("cannot remove {}: {}", full, std::generic_category().message(errno)));
    }
  }
  for (const auto& folder : m_folders) {
    std::error_code ec;
    fs::remove_all(fs::path(m_ws.root()) / folder, ec);
    if (ec) {
      problems.push_back(fmt::format("cannot remove {}: {}", folder, ec.message()));
    }
  }
  if (problems.empty()) {
    return std::nullopt;
  }
  std::string out = problems.front();
  for (std::size_t i = 1; i < problems.size(); ++i) {
    out += "; " + problems[i];
  }
  return out;
}

std::string Transaction::commit(const std::string& message)
{
  // What the command wrote, then the records it read (the index is written for these only).
  try {
    return git::commit_files(m_ws.root(), m_commit, message);
  } catch (const std::runtime_error& e) {
    // A folder the command created is named instead of the files in it.
    std::vector<std::string> written;
    for (const auto& f : m_folders) {
      written.push_back(f + "/");
    }
    for (const auto& s : m_snapshots) {
      if (m_folders.empty()) {
        written.push_back(s.path);
      }
    }
    const std::string what = list_files(written);
    std::string text;
    if (auto problem = restore()) {
      text = fmt::format("{}; {} {} written but not committed, and putting {} back failed ({}): commit {} yourself "
                         "with git, do not run the command again",
                         e.what(), what, written.size() == 1 ? "is" : "are", written.size() == 1 ? "it" : "them",
                         *problem, written.size() == 1 ? "it" : "them");
    } else if (!m_folders.empty()) {
      text = fmt::format("{}; {} was removed again: fix the problem and run the command again", e.what(), what);
    } else {
      text = fmt::format("{}; {} {} back as {} was: fix the problem and run the command again", e.what(), what,
                         written.size() == 1 ? "is" : "are", written.size() == 1 ? "it" : "they");
    }
    if (dynamic_cast<const core::UserError*>(&e) != nullptr) {
      throw core::UserError(text);
    }
    throw core::ToolError(text);
  }
}

void Transaction::require_identity(const model::Config& config, const std::string& person_id,
                                   const std::string& acting) const
{
  if (!m_options.commit || !config.has_registry) {
    return;
  }
  const model::Person* person = config.person(person_id);
  if (person == nullptr) {
    return;  // the command refuses an unknown person itself
  }
  const git::Identity me = git::identity(m_ws.root());
  const bool from_env = std::getenv("GIT_AUTHOR_EMAIL") != nullptr && *std::getenv("GIT_AUTHOR_EMAIL") != '\0';
  if (person->email.has() && lower(me.email) != lower(*person->email)) {
    const std::string name = person->name.has() ? *person->name : person_id;
    const std::string fix = from_env ? fmt::format("set GIT_AUTHOR_EMAIL={} (or unset it and run `git config "
                                                   "user.email {}`)",
                                                   *person->email, *person->email)
                                     : fmt::format("run `git config user.email {}` and `git config user.name \"{}\"`",
                                                   *person->email, name);
    throw core::UserError(fmt::format(
        "{} as {}, but the commit would be authored by {} while handoff.yaml gives {} the e-mail {}, and HF414 "
        "accepts it only in a commit by the person it names: {}, then run the command again; nothing was written",
        acting, person_id, me.email.empty() ? std::string("nobody (git has no user e-mail)") : me.email, person_id,
        *person->email, fix));
  }
  if (config.signatures != "required") {
    return;
  }
  const git::Signing sign = git::signing(m_ws.root());
  const std::string register_key =
      person->signing_keys.empty()
          ? fmt::format("; handoff.yaml registers no signing_keys for {}: add the public key line there", person_id)
          : std::string();
  if (!sign.sign || sign.format != "ssh" || sign.key.empty()) {
    throw core::UserError(fmt::format(
        "{} as {}, but your git config does not sign commits with an SSH key, and handoff.yaml sets signatures: "
        "required, so HF418 would reject it. Run `git config commit.gpgsign true`, `git config gpg.format ssh` and "
        "`git config user.signingkey ~/.ssh/id_ed25519.pub` (a key of {}){}; nothing was written",
        acting, person_id, person_id, register_key));
  }
  const auto key = configured_key(sign.key);
  if (const std::string* problem = sshsig::error_of(key)) {
    throw core::UserError(fmt::format("{} as {}, but the signing key of your git config (user.signingkey {}) "
                                      "cannot be read: {}; set `git config user.signingkey ~/.ssh/id_ed25519.pub` "
                                      "(a key of {}); nothing was written",
                                      acting, person_id, sign.key, *problem, person_id));
  }
  const auto& blob = std::get<sshsig::PublicKey>(key).blob;
  const bool theirs = std::any_of(person->signing_keys.begin(), person->signing_keys.end(),
                                  [&](const model::SigningKey& k) { return k.blob == blob; });
  if (!theirs) {
    const model::Person* owner = config.key_owner(blob);
    throw core::UserError(fmt::format(
        "{} as {}, but your git config signs with the key {}{}, which is not one of {}'s signing_keys, so HF418 "
        "would reject it. Run `git config user.signingkey PATH` with the public key file of one of {}'s "
        "signing_keys{}; nothing was written",
        acting, person_id, std::get<sshsig::PublicKey>(key).fingerprint,
        owner != nullptr ? " of " + owner->id.value_or("?") : std::string(), person_id, person_id, register_key));
  }
}

std::string uncommitted_warning(const std::vector<std::string>& files, const std::string& why)
{
  if (files.empty()) {
    return {};
  }
  return fmt::format("handoff: warning: {}, and {}: commit {} together with what this command wrote\n",
                     not_committed(files), why, pronoun(files));
}

std::string committed_files(const std::string& written, const std::vector<std::string>& included)
{
  return included.empty() ? written : written + " with " + list_files(included);
}

std::vector<std::string> project_records(const Workspace& ws, const std::string& id)
{
  std::vector<std::string> out;
  out.reserve(model::k_record_count);
  const std::string dir = io::join(ws.config().projects_dir, id);
  for (int i = 0; i < model::k_record_count; ++i) {
    out.push_back(io::join(dir, model::file_name(static_cast<model::Record>(i))));
  }
  return out;
}

}  // namespace handoff::workspace
