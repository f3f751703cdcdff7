#include "workspace/owners.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "git/handles.hpp"

namespace handoff::workspace {

namespace {

// Returns `text` with the characters CODEOWNERS gives a meaning escaped: a space would end the
// pattern and a leading '#' would start a comment.
std::string escape_pattern(const std::string& text)
{
  std::string out;
  for (const char c : text) {
    if (c == ' ' || c == '#' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

std::vector<std::string> lines_of(const std::string& text)
{
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    out.push_back(line);
  }
  return out;
}

}  // namespace

const std::vector<OwnedFile>& owned_files()
{
  static const std::vector<OwnedFile> k_files = {
      {"project.yaml", {"sales"}},
      {"requirements.yaml", {"sales", "implementation"}},
      {"feasibility.yaml", {"implementation"}},
      {"plan.yaml", {"sales", "implementation"}},
      {"risks.yaml", {"implementation", "pm"}},
      {"changes.yaml", {"sales", "implementation"}},
      {"signoffs.yaml", {"sales", "implementation"}},
      {"activities.yaml", {"sales", "presales"}},
      {"acceptance.yaml", {"pm", "implementation"}},
  };
  return k_files;
}

std::string codeowners(const Workspace& ws, const std::string& prefix)
{
  std::string out = "# CODEOWNERS, written by `handoff owners` from the team of each project.yaml and the people of\n"
                    "# handoff.yaml (handle, else e-mail). Do not edit: run `handoff owners > CODEOWNERS` again.\n";
  const model::Config& config = ws.config();
  for (const auto& id : ws.project_ids()) {
    const model::ProjectResult loaded = ws.load(id);
    const model::ProjectCard& card = loaded.project.card;
    out += "\n# " + id + "\n";
    for (const auto& owned : owned_files()) {
      std::vector<std::string> owners;
      std::vector<std::string> missing;
      for (const char* role : owned.roles) {
        const model::TeamMember* member = card.member(role);
        if (member == nullptr || !member->person.has()) {
          continue;
        }
        const std::string& person = *member->person;
        const model::Person* entry = config.person(person);
        std::string owner;
        if (entry != nullptr && entry->handle.has()) {
          owner = *entry->handle;
        } else if (entry != nullptr && entry->email.has()) {
          owner = *entry->email;
        } else {
          missing.push_back(person);
          continue;
        }
        if (std::find(owners.begin(), owners.end(), owner) == owners.end()) {
          owners.push_back(owner);
        }
      }
      const std::string pattern = "/" + escape_pattern(prefix + config.projects_dir + "/" + id + "/" + owned.file);
      if (owners.empty()) {
        out += "# " + pattern + ": no owner";
        if (!missing.empty()) {
          out += " (no handle or e-mail in handoff.yaml for";
          for (const auto& person : missing) {
            out += " " + person;
          }
          out += ")";
        }
        out += "\n";
        continue;
      }
      out += pattern;
      for (const auto& owner : owners) {
        out += " " + owner;
      }
      out += "\n";
    }
  }
  return out;
}

OwnersLocation owners_location(const Workspace& ws)
{
  const git::Library library;
  git::Repository repo;
  if (repo.open(ws.root())) {
    return {ws.root(), ""};
  }
  std::string base = git_repository_workdir(repo.get());
  if (base.size() > 1 && base.back() == '/') {
    base.pop_back();
  }
  return {base, repo.prefix_of(ws.root())};
}

std::optional<std::string> find_codeowners(const std::string& base)
{
  for (const char* path : {".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"}) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(std::filesystem::path(base) / path, ec)) {
      return std::string(path);
    }
  }
  return std::nullopt;
}

OwnersDifference codeowners_difference(const std::string& current, const std::string& wanted)
{
  const std::vector<std::string> have = lines_of(current);
  const std::vector<std::string> want = lines_of(wanted);
  OwnersDifference out;
  if (have == want) {
    return out;
  }
  // A line is to remove when `wanted` does not hold it (as many times), to add the other way round.
  const auto missing_from = [](const std::vector<std::string>& from, const std::vector<std::string>& in,
                               const char* mark, std::vector<std::string>& lines) {
    std::multiset<std::string> unmatched(in.begin(), in.end());
    for (const auto& line : from) {
      if (auto it = unmatched.find(line); it != unmatched.end()) {
        unmatched.erase(it);
      } else {
        lines.push_back(mark + line);
      }
    }
  };
  missing_from(have, want, "- ", out.lines);
  missing_from(want, have, "+ ", out.lines);
  out.reordered = out.lines.empty();
  return out;
}

}  // namespace handoff::workspace
