#include "model/owners.hpp"

#include <algorithm>
#include <regex>

#include "model/schema.hpp"

namespace handoff::model {

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

bool is_owner_email(const std::string& text)
{
  static const std::regex k_email(
      "[A-Za-z0-9._%+-]+@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+");
  return text.size() <= 254 && std::regex_match(text, k_email);
}

std::optional<std::string> owner_name(const Person& person)
{
  if (person.handle.has()) {
    return is_handle(*person.handle) ? std::optional(*person.handle) : std::nullopt;
  }
  if (person.email.has() && is_owner_email(*person.email)) {
    return *person.email;
  }
  return std::nullopt;
}

std::vector<std::string> file_owners(const Config& config, const ProjectCard& card, std::string_view file_name)
{
  std::vector<std::string> out;
  const auto& files = owned_files();
  const auto owned = std::find_if(files.begin(), files.end(), [&](const OwnedFile& f) { return f.file == file_name; });
  if (owned == files.end()) {
    return out;
  }
  for (const char* role : owned->roles) {
    const TeamMember* member = card.member(role);
    if (member == nullptr || !member->person.has() || !is_id(*member->person)) {
      continue;
    }
    const Person* person = config.person(*member->person);
    if (person == nullptr) {
      continue;
    }
    if (auto name = owner_name(*person); name && std::find(out.begin(), out.end(), *name) == out.end()) {
      out.push_back(std::move(*name));
    }
  }
  return out;
}

}  // namespace handoff::model
