#include "workspace/owners.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "git/handles.hpp"
#include "model/schema.hpp"
#include "support/text.hpp"

namespace handoff::workspace {

namespace {

// Returns true when `text` can be a component of a CODEOWNERS path as it is: letters, digits,
// '_', '.' and '-', and not "." or "..". Nothing in it is a glob, an escape, a comment or a
// separator.
bool is_literal_component(std::string_view text)
{
  if (text.empty() || text == "." || text == "..") {
    return false;
  }
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.' || c == '-';
  });
}

// Returns true when every '/'-separated component of `path` is literal (see above); trailing
// and doubled slashes are refused too.
bool is_literal_path(std::string_view path)
{
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    if (!is_literal_component(path.substr(start, slash == std::string_view::npos ? slash : slash - start))) {
      return false;
    }
    if (slash == std::string_view::npos) {
      return true;
    }
    start = slash + 1;
  }
}

// Returns `text` quoted for a message: control characters, bidirectional overrides and bytes
// that are not UTF-8 shown visibly.
std::string shown(const std::string& text)
{
  return support::visible(support::quote(text));
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

std::string to_string(const OwnersFinding& finding)
{
  const std::string file = support::visible(finding.file);
  if (finding.pos.line == 0) {
    return file + ": " + finding.message;
  }
  return file + ":" + std::to_string(finding.pos.line) + ":" + std::to_string(finding.pos.column) + ": "
         + finding.message;
}

Codeowners codeowners(const Workspace& ws, const std::string& prefix)
{
  Codeowners out;
  out.text = std::string(k_owners_begin)
             + "\n# Written by `handoff owners` from the team of each project.yaml and the people of handoff.yaml\n"
               "# (handle, else e-mail). Do not edit between these markers: `handoff owners --check` compares this\n"
               "# block only; keep other rules above it (the last matching line wins).\n";
  const model::Config& config = ws.config();
  const std::string folder = prefix + config.projects_dir;
  if (!is_literal_path(folder)) {
    out.findings.push_back(
        {config.projects_dir,
         {},
         "the projects folder's path in the git repository, " + shown(folder)
             + ", holds a character CODEOWNERS does not take literally (a space, '#', '\\', a glob such as * ? [ ] "
               "or a control character), so no line is written: use only letters, digits, '_', '.' and '-' in the "
               "names of the folders above the projects"});
    return out;
  }
  // The owner written for a registry person (nullopt: none), each person judged once.
  std::map<std::string, std::optional<std::string>> owner_of;
  const auto owner_for = [&](const model::Person& entry) -> std::optional<std::string> {
    const std::string& id = *entry.id;
    if (auto it = owner_of.find(id); it != owner_of.end()) {
      return it->second;
    }
    std::optional<std::string> owner;
    if (entry.handle.has()) {
      if (model::is_handle(*entry.handle)) {
        owner = *entry.handle;
      } else {
        out.findings.push_back({config.file, entry.handle.pos,
                                "handle " + shown(*entry.handle) + " of person " + id
                                    + " is no CODEOWNERS owner, so they own nothing: give @user or @org/team"});
      }
    } else if (entry.email.has()) {
      if (is_owner_email(*entry.email)) {
        owner = *entry.email;
      } else {
        out.findings.push_back(
            {config.file, entry.email.pos,
             "e-mail " + shown(*entry.email) + " of person " + id
                 + " is not a plain address CODEOWNERS can name, so they own nothing: give an address such as "
                   "name@example.com (letters, digits and . _ % + - before the @), or a handle: @user"});
      }
    }
    owner_of.emplace(id, owner);
    return owner;
  };
  for (const auto& id : ws.project_ids()) {
    const std::string project_dir = config.projects_dir + "/" + id;
    if (!model::is_slug(id)) {
      out.findings.push_back({project_dir,
                              {},
                              "the project folder " + shown(id)
                                  + " is not a valid project id, so it gets no CODEOWNERS line: rename it to 1 to "
                                    "63 lower-case letters, digits and '-', starting with a letter or digit"});
      continue;
    }
    const model::ProjectResult loaded = ws.load(id);
    const model::ProjectCard& card = loaded.project.card;
    const std::string card_file = project_dir + "/" + model::file_name(model::Record::project);
    // Per role: the owner written (nullopt: none) and the registry people without handle or e-mail.
    struct RoleOwner {
      std::optional<std::string> owner;
      std::string unreachable;  // a registry person id with neither handle nor e-mail
    };
    std::map<std::string, RoleOwner> roles;
    for (const auto& owned : owned_files()) {
      for (const char* role : owned.roles) {
        if (roles.count(role) != 0) {
          continue;
        }
        RoleOwner& slot = roles[role];
        const model::TeamMember* member = card.member(role);
        if (member == nullptr || !member->person.has()) {
          continue;
        }
        const std::string& person = *member->person;
        const model::Person* entry = config.person(person);
        if (entry == nullptr || !model::is_id(person)) {
          out.findings.push_back(
              {card_file, member->person.pos,
               "team member " + shown(person) + " (" + role
                   + ") is not in the people registry of handoff.yaml, so they own nothing in CODEOWNERS: add them "
                     "to people: with a handle (@user) or an e-mail, and name them here by their id"});
          continue;
        }
        slot.owner = owner_for(*entry);
        if (!slot.owner && !entry->handle.has() && !entry->email.has()) {
          slot.unreachable = person;
        }
      }
    }
    out.text += "\n# " + id + "\n";
    for (const auto& owned : owned_files()) {
      std::vector<std::string> owners;
      std::vector<std::string> missing;
      for (const char* role : owned.roles) {
        const RoleOwner& slot = roles[role];
        if (slot.owner) {
          if (std::find(owners.begin(), owners.end(), *slot.owner) == owners.end()) {
            owners.push_back(*slot.owner);
          }
        } else if (!slot.unreachable.empty()
                   && std::find(missing.begin(), missing.end(), slot.unreachable) == missing.end()) {
          missing.push_back(slot.unreachable);
        }
      }
      const std::string pattern = "/" + folder + "/" + id + "/" + owned.file;
      if (owners.empty()) {
        out.text += "# " + pattern + ": no owner";
        if (!missing.empty()) {
          out.text += " (no handle or e-mail in handoff.yaml for";
          for (const auto& person : missing) {
            out.text += " " + person;
          }
          out.text += ")";
        }
        out.text += "\n";
        continue;
      }
      out.text += pattern;
      for (const auto& owner : owners) {
        out.text += " " + owner;
      }
      out.text += "\n";
    }
  }
  out.text += std::string(k_owners_end) + "\n";
  // By file and position: handoff.yaml's people first, then the projects.
  std::stable_sort(out.findings.begin(), out.findings.end(), [](const OwnersFinding& a, const OwnersFinding& b) {
    return std::tie(a.file, a.pos.line, a.pos.column) < std::tie(b.file, b.pos.line, b.pos.column);
  });
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

std::optional<std::string> owners_block(const std::string& file)
{
  std::size_t begin = std::string::npos;
  for (std::size_t at = 0; at < file.size();) {
    const std::size_t eol = std::min(file.find('\n', at), file.size());
    std::string_view line(file.data() + at, eol - at);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (begin == std::string::npos && line == k_owners_begin) {
      begin = at;
    } else if (begin != std::string::npos && line == k_owners_end) {
      return file.substr(begin, std::min(eol + 1, file.size()) - begin);
    }
    at = eol + 1;
  }
  if (begin == std::string::npos) {
    return std::nullopt;
  }
  return file.substr(begin);  // no end marker: the rest, which then differs by that line
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
