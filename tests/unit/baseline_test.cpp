#include <doctest/doctest.h>

#include "core/error.hpp"
#include "io/filesystem.hpp"
#include "workspace/baseline.hpp"

using handoff::core::Finding;
using handoff::core::Severity;
using handoff::workspace::Baseline;
using handoff::workspace::fingerprint;

namespace {

Finding finding(std::string project, std::string rule, int line, std::string message, std::vector<std::string> ids = {})
{
  Finding f;
  f.rule = std::move(rule);
  f.severity = Severity::error;
  f.project = project;
  f.file = project.empty() ? "handoff.yaml" : "projects/" + project + "/plan.yaml";
  f.pos = {line, 5};
  f.message = std::move(message);
  f.ids = std::move(ids);
  return f;
}

Baseline read(const std::vector<Finding>& findings)
{
  handoff::io::MemoryFileSystem fs;
  fs.add(Baseline::path(), Baseline::write(findings));
  auto baseline = Baseline::read(fs);
  REQUIRE(baseline.has_value());
  return std::move(*baseline);
}

}  // namespace

TEST_CASE("baseline fingerprint: lines and numbers do not count, project, rule, ids and words do")
{
  const Finding f = finding("acme", "HF508", 101, "status report 13 days overdue", {"M1"});
  CHECK(fingerprint(f) == fingerprint(finding("acme", "HF508", 7, "status report 2 days overdue", {"M1"})));
  CHECK(fingerprint(f) != fingerprint(finding("acme", "HF508", 101, "status report 13 weeks overdue", {"M1"})));
  CHECK(fingerprint(f) != fingerprint(finding("acme", "HF508", 101, "status report 13 days overdue", {"M2"})));
  CHECK(fingerprint(f) != fingerprint(finding("acme", "HF507", 101, "status report 13 days overdue", {"M1"})));
  CHECK(fingerprint(f) != fingerprint(finding("globex", "HF508", 101, "status report 13 days overdue", {"M1"})));
  CHECK(fingerprint(f).rfind("sha256:", 0) == 0);
}

TEST_CASE("baseline: each entry hides one finding; the rest are new; unmatched entries are fixed")
{
  Baseline baseline = read({finding("acme", "HF201", 3, "REQ-1 has no criterion", {"REQ-1"}),
                            finding("acme", "HF201", 3, "REQ-1 has no criterion", {"REQ-1"}),
                            finding("acme", "HF401", 9, "M1 covers nothing", {"M1"}),
                            finding("", "HF004", 2, "unknown field \"rule\"")});
  CHECK(baseline.size() == 4);
  std::vector<Finding> findings{finding("acme", "HF201", 30, "REQ-1 has no criterion", {"REQ-1"}),
                                finding("acme", "HF201", 31, "REQ-1 has no criterion", {"REQ-1"}),
                                finding("acme", "HF201", 32, "REQ-1 has no criterion", {"REQ-1"}),
                                finding("acme", "HF202", 40, "REQ-2 is vague", {"REQ-2"})};
  CHECK(baseline.filter(findings) == 2);
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].pos.line == 32);  // the third equal finding is new
  CHECK(findings[1].rule == "HF202");

  const auto fixed = baseline.fixed({"acme"});
  REQUIRE(fixed.size() == 1);
  CHECK(fixed[0].rule == "HF401");
  CHECK(fixed[0].file == "projects/acme/plan.yaml");
  CHECK(fixed[0].message == "M1 covers nothing");
  CHECK(baseline.fixed({"acme", ""}).size() == 2);  // handoff.yaml's finding, when it was checked
  CHECK(baseline.fixed({"globex"}).empty());        // a project not checked says nothing
}

TEST_CASE("baseline: the file is sorted and has no positions, so moving lines leaves it unchanged")
{
  const auto a = Baseline::write({finding("b", "HF201", 3, "x"), finding("a", "HF401", 9, "y")});
  const auto b = Baseline::write({finding("a", "HF401", 19, "y"), finding("b", "HF201", 30, "x")});
  CHECK(a == b);
  CHECK(a.find("\"line\"") == std::string::npos);
  CHECK(a.find("\"project\": \"a\"") < a.find("\"project\": \"b\""));
}

TEST_CASE("baseline: none is no baseline; a file that is not one is a located usage error")
{
  handoff::io::MemoryFileSystem fs;
  CHECK_FALSE(Baseline::read(fs).has_value());
  fs.add(Baseline::path(), "{\"schema\": 1, \"findings\": [{\"project\": \"a\"}]}");
  CHECK_THROWS_WITH_AS(Baseline::read(fs),
                       ".handoff/baseline.json is not a baseline handoff can read (a finding without a text \"file\"); "
                       "write it again with `handoff baseline`, or delete it to check every finding",
                       handoff::core::UserError);
  fs.add(Baseline::path(), "not json");
  CHECK_THROWS_WITH_AS(Baseline::read(fs),
                       ".handoff/baseline.json is not a baseline handoff can read (not a JSON object); write it again "
                       "with `handoff baseline`, or delete it to check every finding",
                       handoff::core::UserError);
}
