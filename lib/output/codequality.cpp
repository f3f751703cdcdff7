#include <map>

#include <nlohmann/json.hpp>

#include "output/format.hpp"
#include "support/json_text.hpp"

namespace handoff::output {

namespace {

using Json = nlohmann::ordered_json;

Json issue(const core::Finding& f, const std::string& fingerprint)
{
  Json j;
  j["description"] = f.message;
  j["check_name"] = f.rule;
  j["fingerprint"] = fingerprint;
  j["severity"] = codequality_severity(f.severity);
  j["location"] = {{"path", f.file}, {"lines", {{"begin", f.pos.line}}}};
  return j;
}

}  // namespace

std::string_view codequality_severity(core::Severity severity)
{
  return severity == core::Severity::error ? "major" : "minor";
}

std::string codequality(const CheckRun& run, const Fingerprint& fingerprint)
{
  // GitLab keeps one issue per fingerprint: the same finding twice in a file (same rule,
  // ids and message) gets its occurrence counted into the second one's fingerprint.
  std::map<std::string, std::size_t, std::less<>> seen;
  auto doc = Json::array();
  for_each_finding(run, [&](const core::Finding& f) {
    const std::string first = fingerprint(f, 0);
    const std::size_t occurrence = seen[first]++;
    doc.push_back(issue(f, occurrence == 0 ? first : fingerprint(f, occurrence)));
  });
  return support::json_text(doc);
}

std::string codequality_error(std::string_view message, const Fingerprint& fingerprint, std::string_view file)
{
  core::Finding f;
  f.rule = "handoff";
  f.severity = core::Severity::error;
  f.file = std::string(file);
  f.pos = {1, 1};
  f.message = std::string(message);
  Json j = issue(f, fingerprint(f, 0));
  j["severity"] = "blocker";  // nothing was checked: the merge request must not look clean
  return support::json_text(Json::array({j}));
}

}  // namespace handoff::output
