#include "signoff/sign.hpp"

#include <algorithm>
#include <cctype>

#include "io/write.hpp"
#include "signoff/append.hpp"
#include "signoff/baseline.hpp"
#include "signoff/canonical.hpp"
#include "support/text.hpp"

namespace handoff::signoff {

namespace {

std::string lower(std::string text)
{
  for (auto& c : text) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return text;
}

std::vector<std::string> roles_of(const model::Person& person)
{
  std::vector<std::string> out;
  for (const auto& r : person.roles.items) {
    if (r.has()) {
      out.push_back(*r);
    }
  }
  return out;
}

}  // namespace

std::string resolve_signer(const model::Config& config, const SignRequest& request)
{
  if (!config.has_role(request.role)) {
    std::string message = "unknown role \"" + request.role + "\"";
    if (auto guess = support::did_you_mean(request.role, config.roles)) {
      message += "; did you mean \"" + *guess + "\"?";
    } else {
      message += "; roles: " + support::join_words(config.roles, ", ");
    }
    throw SignError(message);
  }
  if (!config.has_registry) {
    std::string person = request.person.empty() ? request.identity_name : request.person;
    if (person.empty()) {
      throw SignError("who signs? handoff.yaml has no people registry and git has no user name: pass --as PERSON");
    }
    return person;
  }
  const model::Person* person = nullptr;
  if (!request.person.empty()) {
    person = config.person(request.person);
    if (person == nullptr) {
      std::string message = "no person \"" + request.person + "\" in the people of handoff.yaml";
      if (auto guess = config.person_hint(request.person)) {
        message += "; did you mean " + *guess + "?";
      }
      throw SignError(message);
    }
  } else {
    if (request.identity_email.empty()) {
      throw SignError("who signs? git has no user e-mail to find you in handoff.yaml: pass --as PERSON or set "
                      "git config user.email");
    }
    for (const auto& p : config.people) {
      if (p.email.has() && lower(*p.email) == lower(request.identity_email)) {
        person = &p;
        break;
      }
    }
    if (person == nullptr) {
      throw SignError("no person in handoff.yaml has the e-mail " + request.identity_email
                      + " of your git identity: add it to your entry in people:, or pass --as PERSON");
    }
  }
  const std::vector<std::string> roles = roles_of(*person);
  if (std::find(roles.begin(), roles.end(), request.role) == roles.end()) {
    throw SignError(*person->id + " cannot sign as " + request.role + ": handoff.yaml gives them "
                    + (roles.empty() ? std::string("no role") : "only the roles " + support::join_words(roles, ", ")));
  }
  return *person->id;
}

std::string next_timestamp(const model::Project& project, support::Date date, long long seconds)
{
  std::string at = support::timestamp(date, seconds);
  std::string latest;
  for (const auto& s : project.signoffs) {
    if (s.at.has() && *s.at > latest) {
      latest = *s.at;
    }
  }
  if (latest.empty() || latest < at) {
    return at;
  }
  // One second after the latest entry (valid: the loader only keeps well-formed timestamps).
  const auto day = support::Date::parse(std::string_view(latest).substr(0, 10));
  const long long secs = std::stoll(latest.substr(11, 2)) * 3600 + std::stoll(latest.substr(14, 2)) * 60
                         + std::stoll(latest.substr(17, 2)) + 1;
  return secs == 86400 ? support::timestamp(day->plus_days(1), 0) : support::timestamp(*day, secs);
}

std::string entry_text(const std::string& role, const std::string& person, support::Date date, const std::string& at,
                       const model::Project& project)
{
  const Content content = content_of(project);
  std::string out = "- role: " + scalar(role) + "\n";
  out += "  person: " + scalar(person) + "\n";
  out += "  date: " + date.str() + "\n";
  out += "  at: " + at + "\n";
  out += "  canonical: " + std::to_string(k_canonical_version) + "\n";
  out += "  records:\n";
  for (const model::Record record : k_signed_records) {
    if (const auto found = content.records.find(model::record_name(record)); found != content.records.end()) {
      out += std::string("    ") + found->first + ": " + found->second + "\n";
    }
  }
  if (content.items.empty()) {
    out += "  items: {}\n";
  } else {
    out += "  items:\n";
    for (const auto& item : content.items) {
      out += "    " + scalar(item.id) + ": " + item.digest + "\n";
    }
  }
  return out;
}

Signed sign(const std::string& root, const io::FileSystem& fs, const model::Config& config,
            const model::Project& project, const SignRequest& request, const model::LoadOptions& options)
{
  for (const model::Record record : k_signed_records) {
    if (project.file(record).broken) {
      throw SignError("cannot sign " + project.folder + ": " + project.file(record).path
                      + " cannot be read (see `handoff check " + project.folder + "`); fix it first");
    }
  }
  Signed out;
  out.person = resolve_signer(config, request);
  out.file = project.file(model::Record::signoffs).path;
  out.items = content_of(project).items.size();
  out.at = next_timestamp(project, request.date, request.seconds);

  std::string before;
  out.created = fs.kind(out.file) == io::FileKind::missing;
  if (!out.created) {
    const io::ReadResult read = fs.read(out.file, options.max_file_size);
    if (!read.ok) {
      throw SignError("cannot read " + out.file + ": it " + read.error);
    }
    before = read.data;
  }
  std::string after;
  try {
    after = append_to_list(before, "signoffs", entry_text(request.role, out.person, request.date, out.at, project),
                           "# Sign-offs of this project, appended by `handoff sign`; never edit them by hand.\n"
                           "# Each entry binds to digests of the records (see docs/signoffs.md).\n",
                           options.limits);
  } catch (const AppendError& e) {
    throw SignError("cannot append a sign-off to " + out.file + ": " + e.what());
  }
  const std::string path = io::join(root, out.file);
  const auto error = out.created ? io::create_atomic(path, after, root) : io::write_atomic(path, after, before, root);
  if (error) {
    throw SignError(*error);
  }
  return out;
}

}  // namespace handoff::signoff
