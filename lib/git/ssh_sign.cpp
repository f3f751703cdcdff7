#include "git/ssh_sign.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <vector>

extern char** environ;

namespace handoff::git {

namespace {

// A temporary file, removed (with its ".sig" companion) when the object goes.
class TempFile {
public:
  explicit TempFile(std::string_view content)
  {
    std::string pattern = (std::filesystem::temp_directory_path() / "handoff-sign-XXXXXX").string();
    const int fd = mkstemp(pattern.data());
    if (fd < 0) {
      throw std::runtime_error("cannot sign the commit: cannot create a temporary file: "
                               + std::string(std::strerror(errno)));
    }
    m_path = pattern;
    std::size_t done = 0;
    while (done < content.size()) {
      const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
      if (n <= 0) {
        ::close(fd);
        throw std::runtime_error("cannot sign the commit: cannot write a temporary file");
      }
      done += static_cast<std::size_t>(n);
    }
    ::close(fd);
  }
  ~TempFile()
  {
    std::error_code ec;
    std::filesystem::remove(m_path, ec);
    std::filesystem::remove(m_path + ".sig", ec);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return m_path; }

private:
  std::string m_path;
};

std::string read_file(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string trimmed(std::string text)
{
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.pop_back();
  }
  return text;
}

}  // namespace

std::string ssh_sign(const std::string& program, const std::string& key, std::string_view payload)
{
  // As git does: "key::" (or, deprecated, a line starting "ssh-") is a literal public key.
  const bool literal = key.rfind("key::", 0) == 0 || key.rfind("ssh-", 0) == 0;
  std::optional<TempFile> key_file;
  std::string key_path = key;
  if (literal) {
    key_file.emplace(key.rfind("key::", 0) == 0 ? std::string_view(key).substr(5) : std::string_view(key));
    key_path = key_file->path();
  } else if (key.rfind("~/", 0) == 0) {
    const char* home = std::getenv("HOME");
    key_path = std::string(home != nullptr ? home : "") + key.substr(1);
  }
  const TempFile buffer(payload);
  const TempFile errors("");

  std::vector<std::string> args = {program, "-Y", "sign", "-n", "git", "-f", key_path};
  if (literal) {
    args.emplace_back("-U");  // the private key is in ssh-agent
  }
  args.push_back(buffer.path());
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (auto& a : args) {
    argv.push_back(a.data());
  }
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, errors.path().c_str(), O_WRONLY | O_APPEND, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errors.path().c_str(), O_WRONLY | O_APPEND, 0);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc == ENOENT) {
    throw std::runtime_error("cannot sign the commit: " + program
                             + " was not found; git's commit.gpgsign=true with gpg.format=ssh signs with it: install "
                               "OpenSSH's client (ssh-keygen), or set gpg.ssh.program");
  }
  if (rc != 0) {
    throw std::runtime_error("cannot sign the commit: cannot run " + program + ": " + std::strerror(rc));
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      throw std::runtime_error("cannot sign the commit: lost " + program + ": " + std::strerror(errno));
    }
  }
  const std::string said = trimmed(read_file(errors.path()));
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("cannot sign the commit: `" + program + " -Y sign` failed with user.signingkey " + key_path
                             + (said.empty() ? std::string() : ": " + said));
  }
  std::string signature = read_file(buffer.path() + ".sig");
  if (signature.empty()) {
    throw std::runtime_error("cannot sign the commit: " + program + " wrote no signature");
  }
  return signature;
}

}  // namespace handoff::git
