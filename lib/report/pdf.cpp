#include "report/pdf.hpp"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "core/error.hpp"
#include "report/document.hpp"

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX declares it nowhere

namespace handoff::report {

namespace {

namespace fs = std::filesystem;

bool executable(const fs::path& path)
{
  std::error_code ec;
  return fs::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}

// A temporary folder, removed with everything in it.
class TempDir {
public:
  TempDir()
  {
    std::string pattern = (fs::temp_directory_path() / "handoff-pdf-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw core::ToolError("cannot create a temporary folder for Chromium in " + fs::temp_directory_path().string());
    }
    m_path = pattern;
  }
  ~TempDir()
  {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return m_path; }

private:
  fs::path m_path;
};

std::string read_file(const fs::path& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Runs `args` in its own process group with `env`, stdout and stderr into `log`; kills the
// group after `timeout_seconds`. Returns the exit status, or nullopt on timeout.
std::optional<int> run(const std::vector<std::string>& args, const std::vector<std::string>& env, const fs::path& log,
                       int timeout_seconds)
{
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (const auto& a : args) {
    argv.push_back(const_cast<char*>(a.c_str()));  // NOLINT(cppcoreguidelines-pro-type-const-cast): POSIX API
  }
  argv.push_back(nullptr);
  std::vector<char*> envp;
  envp.reserve(env.size() + 1);
  for (const auto& e : env) {
    envp.push_back(const_cast<char*>(e.c_str()));  // NOLINT(cppcoreguidelines-pro-type-const-cast): POSIX API
  }
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    throw core::ToolError(fmt::format("cannot start {}: {}", args[0], std::strerror(rc)));
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  int status = 0;
  while (true) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) {
      ::kill(-pid, SIGKILL);  // helpers Chromium left behind
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return std::nullopt;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

std::string hex(std::string_view bytes)
{
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    out += fmt::format("{:02X}", static_cast<unsigned char>(c));
  }
  return out;
}

// A PDF text string for any UTF-8 text: UTF-16BE with a byte order mark, as hex.
std::string pdf_text(std::string_view utf8)
{
  std::string out = "<FEFF";
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    const int length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    char32_t code = 0xFFFD;
    if (length > 0 && i + static_cast<std::size_t>(length) <= utf8.size()) {
      code = length == 1 ? c : c & (0x7F >> length);
      for (int k = 1; k < length; ++k) {
        code = (code << 6) | (static_cast<unsigned char>(utf8[i + static_cast<std::size_t>(k)]) & 0x3F);
      }
      i += static_cast<std::size_t>(length);
    } else {
      ++i;
    }
    if (code >= 0x10000) {
      code -= 0x10000;
      out += fmt::format("{:04X}{:04X}", 0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF));
    } else {
      out += fmt::format("{:04X}", static_cast<unsigned>(code));
    }
  }
  return out + ">";
}

// Reads the unsigned number after `key` in `text` from `from` on, or nullopt.
std::optional<unsigned long long> number_after(const std::string& text, std::string_view key, std::size_t from,
                                               std::size_t* end = nullptr)
{
  const std::size_t at = text.find(key, from);
  if (at == std::string::npos) {
    return std::nullopt;
  }
  std::size_t i = text.find_first_not_of(" \r\n\t", at + key.size());
  const std::size_t digits = text.find_first_not_of("0123456789", i);
  if (i == std::string::npos || digits == i) {
    return std::nullopt;
  }
  if (end != nullptr) {
    *end = digits;
  }
  return std::stoull(text.substr(i, digits - i));
}

}  // namespace

std::optional<std::string> find_chromium()
{
  if (const char* env = std::getenv("HANDOFF_CHROMIUM"); env != nullptr && *env != '\0') {
    return std::string(env);
  }
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path != nullptr ? path : "");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    for (const char* name : {"chromium", "chromium-browser"}) {
      const fs::path candidate = fs::path(dir.empty() ? "." : dir) / name;
      if (executable(candidate)) {
        return candidate.string();
      }
    }
  }
  return std::nullopt;
}

std::string print_pdf(const std::string& html, const PrintOptions& options)
{
  const TempDir temp;
  const fs::path page = temp.path() / "report.html";
  const fs::path pdf = temp.path() / "report.pdf";
  const fs::path log = temp.path() / "chromium.log";
  {
    std::ofstream out(page, std::ios::binary);
    out << html;
    if (!out) {
      throw core::ToolError("cannot write " + page.string());
    }
  }
  std::vector<std::string> args{options.chromium,
                                "--headless",
                                "--disable-gpu",
                                "--no-first-run",
                                "--no-default-browser-check",
                                "--disable-extensions",
                                "--disable-sync",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-default-apps",
                                "--disable-breakpad",
                                "--mute-audio",
                                "--host-resolver-rules=MAP * ~NOTFOUND",  // no network: no name resolves
                                "--user-data-dir=" + (temp.path() / "profile").string(),
                                "--no-pdf-header-footer",
                                "--print-to-pdf=" + pdf.string()};
  if (::geteuid() == 0) {
    args.emplace_back("--no-sandbox");  // Chromium refuses to start its sandbox as root (containers, CI)
  }
  args.push_back("file://" + page.string());
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string_view entry = *e;
    if (entry.rfind("HOME=", 0) != 0 && entry.rfind("XDG_CONFIG_HOME=", 0) != 0
        && entry.rfind("XDG_CACHE_HOME=", 0) != 0) {
      env.emplace_back(entry);
    }
  }
  env.push_back("HOME=" + temp.path().string());
  env.push_back("XDG_CONFIG_HOME=" + (temp.path() / "config").string());
  env.push_back("XDG_CACHE_HOME=" + (temp.path() / "cache").string());
  const std::optional<int> status = run(args, env, log, options.timeout_seconds);
  if (!status) {
    throw core::ToolError(fmt::format("{} did not finish printing the report within {} seconds; it was stopped",
                                      options.chromium, options.timeout_seconds));
  }
  std::string out = read_file(pdf);
  if (*status != 0 || out.rfind("%PDF-", 0) != 0) {
    std::string said = read_file(log);
    if (said.size() > 2000) {
      said = said.substr(said.size() - 2000);
    }
    throw core::ToolError(
        fmt::format("{} could not print the report to PDF (exit {}):\n{}", options.chromium, *status, said));
  }
  return out;
}

std::string add_pdf_metadata(const std::string& pdf, const std::string& title, const Verification& verification)
{
  std::size_t start_end = 0;
  const std::size_t startxref = pdf.rfind("startxref");
  const auto prev =
      startxref == std::string::npos ? std::nullopt : number_after(pdf, "startxref", startxref, &start_end);
  const auto size = prev && *prev < pdf.size() ? number_after(pdf, "/Size", *prev) : std::nullopt;
  std::size_t root_end = 0;
  const auto root = prev && *prev < pdf.size() ? number_after(pdf, "/Root", *prev, &root_end) : std::nullopt;
  const auto root_gen = root ? number_after(pdf, "", root_end) : std::nullopt;
  if (!prev || !size || !root || !root_gen) {
    throw core::ToolError("the PDF Chromium wrote has no cross-reference section handoff can update");
  }
  const bool classic = pdf.compare(*prev, 4, "xref") == 0;
  std::string out = pdf;
  if (out.back() != '\n') {
    out += '\n';
  }
  const unsigned long long info = *size;
  std::string keywords = "handoff";
  if (!verification.portfolio && !verification.projects.empty()) {
    const ProjectStamp& p = verification.projects.front();
    keywords = fmt::format("handoff; {}; {}; baseline {}", p.id, p.stage, p.baseline.empty() ? "none" : p.baseline);
  }
  const std::size_t info_at = out.size();
  out +=
      fmt::format("{} 0 obj\n<< /Title {} /Creator (handoff) /Producer (handoff, printed by Chromium) /Keywords {}\n"
                  "/{} <{}> >>\nendobj\n",
                  info, pdf_text(title), pdf_text(keywords), k_verification_key, hex(verification_json(verification)));
  if (classic) {
    const std::size_t xref_at = out.size();
    out += fmt::format("xref\n{} 1\n{:010} 00000 n \ntrailer\n<< /Size {} /Root {} {} R /Info {} 0 R /Prev {} >>\n"
                       "startxref\n{}\n%%EOF\n",
                       info, info_at, info + 1, *root, *root_gen, info, *prev, xref_at);
    return out;
  }
  // A cross-reference stream (PDF 1.5): entries of 1 + 4 + 2 bytes for the two new objects.
  const unsigned long long stream = info + 1;
  const std::size_t stream_at = out.size();
  std::string entries;
  for (const std::size_t offset : {info_at, stream_at}) {
    entries += '\x01';
    for (int shift = 24; shift >= 0; shift -= 8) {
      entries += static_cast<char>((offset >> shift) & 0xFF);
    }
    entries += std::string(2, '\0');
  }
  out += fmt::format("{} 0 obj\n<< /Type /XRef /Size {} /Root {} {} R /Info {} 0 R /Prev {} /W [1 4 2] /Index [{} 2] "
                     "/Length {} >>\nstream\n",
                     stream, stream + 1, *root, *root_gen, info, *prev, info, entries.size());
  out += entries;
  out += fmt::format("\nendstream\nendobj\nstartxref\n{}\n%%EOF\n", stream_at);
  return out;
}

}  // namespace handoff::report
