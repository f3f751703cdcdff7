#pragma once

// Helpers for unit tests: a temporary folder on disk, and an in-memory workspace checked like
// `handoff check` would.
#include <doctest/doctest.h>
#include <stdlib.h>  // mkdtemp

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "io/filesystem.hpp"
#include "model/load.hpp"
#include "rules/engine.hpp"
#include "signoff/append.hpp"
#include "signoff/baseline.hpp"
#include "signoff/sign.hpp"

namespace handoff::test {

// Returns what a shell command prints on stdout.
inline std::string capture(const std::string& command)
{
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[256];
  while (fgets(buffer, sizeof buffer, pipe) != nullptr) {
    out += buffer;
  }
  pclose(pipe);
  return out;
}

// Sets an environment variable for the life of the object, then puts the old value back.
class ScopedEnv {
public:
  ScopedEnv(const char* name, const std::string& value) : m_name(name)
  {
    if (const char* old = std::getenv(name)) {
      m_old = old;
    }
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv()
  {
    if (m_old) {
      setenv(m_name.c_str(), m_old->c_str(), 1);
    } else {
      unsetenv(m_name.c_str());
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
  std::string m_name;
  std::optional<std::string> m_old;
};

// project.yaml of a presales project that passes the qualify gate (qualify and presales tests).
inline const std::string k_presales_project = "id: acme\n"
                                              "name: ACME MES\n"
                                              "stage: presales\n"
                                              "customer:\n"
                                              "  name: ACME Manufacturing\n"
                                              "  contacts:\n"
                                              "    - name: Wang Fang\n"
                                              "      decision_maker: true\n"
                                              "team:\n"
                                              "  sales: li.wei\n"
                                              "  presales: chen.jie\n";

// A temporary folder on disk, removed with everything in it at the end of the test.
class TempDir {
public:
  TempDir()
  {
    std::string pattern = (std::filesystem::temp_directory_path() / "handoff-test-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    m_path = std::filesystem::canonical(pattern).string();
  }
  ~TempDir()
  {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return m_path; }

private:
  std::string m_path;
};

inline void write(const std::string& path, const std::string& text)
{
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// Returns the bytes of a file, empty when it cannot be read.
inline std::string read(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Returns `text` with the first `from` replaced by `to`; `from` must be there.
inline std::string edit(std::string text, const std::string& from, const std::string& to)
{
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// An in-memory workspace. Paths are relative to its root.
class Workspace {
public:
  // Adds a file; returns *this for chaining.
  Workspace& file(const std::string& path, std::string text)
  {
    m_fs.add(path, std::move(text));
    return *this;
  }

  const io::MemoryFileSystem& fs() const { return m_fs; }

  // Appends to projects/<folder>/signoffs.yaml a sign-off of the project's current records, as
  // `handoff sign` writes it (at 09:00 UTC, or one second after the latest entry); returns *this
  // for chaining.
  Workspace& sign(const std::string& folder, const std::string& role, const std::string& person,
                  const std::string& date)
  {
    return append_entry(folder, role, person, date, false);
  }

  // Appends a sign-off as handoff wrote it before the agreement and `at:` were signed (round 1):
  // no `at:`, no digest of project.yaml's agreement.
  Workspace& sign_round1(const std::string& folder, const std::string& role, const std::string& person,
                         const std::string& date)
  {
    return append_entry(folder, role, person, date, true);
  }

  // Loads handoff.yaml and the project in projects/<folder>, then checks it.
  rules::ProjectOutcome check(const std::string& folder, const std::string& today = "2026-11-20",
                              rules::CheckOptions options = {}) const
  {
    const auto config = model::load_config(m_fs);
    options.today = *support::Date::parse(today);
    return rules::check_project(config.config, model::load_project(m_fs, config.config, folder), options);
  }

private:
  Workspace& append_entry(const std::string& folder, const std::string& role, const std::string& person,
                          const std::string& date, bool round1)
  {
    const auto config = model::load_config(m_fs);
    const auto project = model::load_project(m_fs, config.config, folder).project;
    const std::string path = "projects/" + folder + "/signoffs.yaml";
    const io::ReadResult old = m_fs.read(path, 1u << 20);
    const support::Date day = *support::Date::parse(date);
    std::string entry =
        signoff::entry_text(role, person, day, signoff::next_timestamp(project, day, 9 * 3600), project);
    if (round1) {
      std::vector<std::string> agreement;
      for (const auto& item : signoff::content_of(project).items) {
        if (item.record == model::Record::project) {
          agreement.push_back("    " + item.id + ": ");
        }
      }
      std::string kept;
      std::size_t start = 0;
      while (start < entry.size()) {
        const std::size_t end = entry.find('\n', start) + 1;
        const std::string line = entry.substr(start, end - start);
        start = end;
        bool drop = line.rfind("  at: ", 0) == 0 || line.rfind("    project: ", 0) == 0;
        for (const auto& prefix : agreement) {
          drop = drop || line.rfind(prefix, 0) == 0;
        }
        if (!drop) {
          kept += line;
        }
      }
      entry = kept;
    }
    m_fs.add(path, signoff::append_to_list(old.ok ? old.data : std::string(), "signoffs", entry, "", {}));
    return *this;
  }

  io::MemoryFileSystem m_fs;
};

// Returns true when `text` holds a character outside ASCII: the Chinese text of a message that
// is more than ids, numbers and field names.
inline bool has_chinese(const std::string& text)
{
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      return true;
    }
  }
  return false;
}

// Formats findings one per line as "file:line:col: severity[RULE]: message". Checks on the way
// that each finding has its zh-CN message (DESIGN §10.3), so every rule test also fails when a
// message is written in English only.
inline std::string lines(const std::vector<core::Finding>& findings)
{
  std::string out;
  for (const auto& f : findings) {
    INFO(f.rule << ": " << f.message);
    CHECK(has_chinese(f.message_zh));
    out += f.file + ":" + std::to_string(f.pos.line) + ":" + std::to_string(f.pos.column) + ": "
           + std::string(core::to_string(f.severity)) + "[" + f.rule + "]: " + f.message + "\n";
  }
  return out;
}

// Returns only the findings of `rule`, formatted as lines().
inline std::string only(const std::vector<core::Finding>& findings, const std::string& rule)
{
  std::vector<core::Finding> some;
  for (const auto& f : findings) {
    if (f.rule == rule) {
      some.push_back(f);
    }
  }
  return lines(some);
}

}  // namespace handoff::test
