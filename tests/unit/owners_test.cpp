// `handoff owners` (workspace/owners.cpp) with hostile records: every line it writes is one of
// the forms CODEOWNERS reads literally (DESIGN §10.9); what cannot be written is a finding.
#include <doctest/doctest.h>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "harness.hpp"
#include "workspace/owners.hpp"

using namespace handoff;

namespace {

// Returns the lines of `text` that are none of the forms `handoff owners` may write: blank, the
// marker lines, the three header comments, "# <project id>", "# <path>: no owner[ (no handle or e-mail in
// handoff.yaml for <ids>)]" and "<path> <owner>...", where a path is /-separated components of
// letters, digits, '_', '.', '-' and an owner is @user, @org/team or a plain e-mail address.
std::vector<std::string> unsafe_lines(const std::string& text)
{
  static const std::string path = R"((/[A-Za-z0-9_.-]+)+)";
  static const std::string owner =
      R"((@[A-Za-z0-9](-?[A-Za-z0-9])*(/[A-Za-z0-9_.-]+)?|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+))";
  static const std::regex allowed(
      "|# BEGIN handoff owners|# END handoff owners"
      "|# Written by `handoff owners` from the team of each project\\.yaml and the people of handoff\\.yaml"
      "|# \\(handle, else e-mail\\)\\. Do not edit between these markers: `handoff owners --check` compares this"
      "|# block only; keep other rules above it \\(the last matching line wins\\)\\."
      "|# [a-z0-9][a-z0-9-]*"
      "|# "
      + path + ": no owner( \\(no handle or e-mail in handoff\\.yaml for( [A-Za-z][A-Za-z0-9_.-]*)+\\))?" + "|" + path
      + "( " + owner + ")+");
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!std::regex_match(line, allowed)) {
      out.push_back(line);
    }
  }
  return out;
}

// Returns the findings, one per line.
std::string finding_lines(const workspace::Codeowners& result)
{
  std::string out;
  for (const auto& finding : result.findings) {
    out += workspace::to_string(finding) + "\n";
  }
  return out;
}

const char* const k_hostile_config = R"(version: 1
people:
  - id: ana
    handle: "@ana"
  - id: ben
    email: ben@example.com
  - id: newline
    email: "x@example.com\n* @evil"
  - id: spaced
    email: "a b@example.com"
  - id: escape
    email: "a\e]52;c;@example.com"
  - id: glob
    email: "*@example.com"
  - id: comment
    email: "x@example.com#"
  - id: nobody
)";

}  // namespace

TEST_CASE("owners: hostile persons, e-mails and folders are findings, and every line is a literal one")
{
  test::Workspace files;
  files.file("handoff.yaml", k_hostile_config)
      .file("projects/p/project.yaml", "id: p\nteam:\n  sales: \"x\\n* @evil\\n#\"\n  implementation: newline\n"
                                       "  pm: spaced\n  presales: escape\n")
      .file("projects/q/project.yaml", "id: q\nteam:\n  sales: glob\n  implementation: comment\n  pm: nobody\n"
                                       "  presales: \"@evil x\"\n")
      .file("projects/r/project.yaml", "id: r\nteam:\n  sales: ana\n  implementation: ben\n")
      .file("projects/q[1]*/project.yaml", "id: q\nteam:\n  sales: ana\n")
      .file("projects/odd name #1/project.yaml", "id: odd\nteam:\n  sales: ana\n")
      .file("projects/a\\b/project.yaml", "id: a\nteam:\n  sales: ana\n")
      .file("projects/evil\n* @evil/project.yaml", "id: evil\nteam:\n  sales: ana\n");
  const workspace::Workspace ws(files.fs());
  const workspace::Codeowners result = workspace::codeowners(ws, "");
  CHECK(unsafe_lines(result.text).empty());
  CHECK(result.text.find("evil") == std::string::npos);
  CHECK(result.text.find('*') == std::string::npos);
  CHECK(result.text.find("example.com#") == std::string::npos);
  CHECK(result.text.find("\n/projects/r/requirements.yaml @ana ben@example.com\n") != std::string::npos);
  CHECK(result.text.find("\n# /projects/p/project.yaml: no owner\n") != std::string::npos);
  CHECK(result.text.find("\n# /projects/q/acceptance.yaml: no owner (no handle or e-mail in handoff.yaml for "
                         "nobody)\n")
        != std::string::npos);
  CHECK(finding_lines(result)
        == "handoff.yaml:8:12: e-mail \"x@example.com\\n* @evil\" of person newline is not a plain address "
           "CODEOWNERS can name, so they own nothing: give an address such as name@example.com (letters, digits "
           "and . _ % + - before the @), or a handle: @user\n"
           "handoff.yaml:10:12: e-mail \"a b@example.com\" of person spaced is not a plain address CODEOWNERS can "
           "name, so they own nothing: give an address such as name@example.com (letters, digits and . _ % + - "
           "before the @), or a handle: @user\n"
           "handoff.yaml:12:12: e-mail \"a\\x1b]52;c;@example.com\" of person escape is not a plain address "
           "CODEOWNERS can name, so they own nothing: give an address such as name@example.com (letters, digits "
           "and . _ % + - before the @), or a handle: @user\n"
           "handoff.yaml:14:12: e-mail \"*@example.com\" of person glob is not a plain address CODEOWNERS can name, "
           "so they own nothing: give an address such as name@example.com (letters, digits and . _ % + - before "
           "the @), or a handle: @user\n"
           "handoff.yaml:16:12: e-mail \"x@example.com#\" of person comment is not a plain address CODEOWNERS can "
           "name, so they own nothing: give an address such as name@example.com (letters, digits and . _ % + - "
           "before the @), or a handle: @user\n"
           "projects/a\\b: the project folder \"a\\b\" is not a valid project id, so it gets no CODEOWNERS line: "
           "rename it to 1 to 63 lower-case letters, digits and '-', starting with a letter or digit\n"
           "projects/evil\\n* @evil: the project folder \"evil\\n* @evil\" is not a valid project id, so it gets no "
           "CODEOWNERS line: rename it to 1 to 63 lower-case letters, digits and '-', starting with a letter or digit\n"
           "projects/odd name #1: the project folder \"odd name #1\" is not a valid project id, so it gets no "
           "CODEOWNERS line: rename it to 1 to 63 lower-case letters, digits and '-', starting with a letter or digit\n"
           "projects/p/project.yaml:3:10: team member \"x\\n* @evil\\n#\" (sales) is not in the people registry of "
           "handoff.yaml, so they own nothing in CODEOWNERS: add them to people: with a handle (@user) or an "
           "e-mail, and name them here by their id\n"
           "projects/q/project.yaml:6:13: team member \"@evil x\" (presales) is not in the people registry of "
           "handoff.yaml, so they own nothing in CODEOWNERS: add them to people: with a handle (@user) or an "
           "e-mail, and name them here by their id\n"
           "projects/q[1]*: the project folder \"q[1]*\" is not a valid project id, so it gets no CODEOWNERS line: "
           "rename it to 1 to 63 lower-case letters, digits and '-', starting with a letter or digit\n");
}

TEST_CASE("owners: a workspace path that CODEOWNERS would not read literally writes no line")
{
  test::Workspace files;
  files.file("handoff.yaml", "version: 1\npeople:\n  - id: ana\n    handle: \"@ana\"\n")
      .file("projects/p/project.yaml", "id: p\nteam:\n  sales: ana\n");
  const workspace::Workspace ws(files.fs());
  CHECK(workspace::codeowners(ws, "records/").text.find("\n/records/projects/p/project.yaml @ana\n")
        != std::string::npos);
  for (const std::string prefix : {"rec[1]*/", "a b/", "#x/", "x\\/", "x\n* @evil/", "../", "./"}) {
    CAPTURE(prefix);
    const workspace::Codeowners result = workspace::codeowners(ws, prefix);
    CHECK(unsafe_lines(result.text).empty());
    CHECK(result.text.find('/') == std::string::npos);
    REQUIRE(result.findings.size() == 1);
    CHECK(result.findings[0].file == "projects");
  }
  const workspace::Codeowners result = workspace::codeowners(ws, "rec[1]*/");
  CHECK(workspace::to_string(result.findings[0])
        == "projects: the projects folder's path in the git repository, \"rec[1]*/projects\", holds a character "
           "CODEOWNERS does not take literally (a space, '#', '\\', a glob such as * ? [ ] or a control character), "
           "so no line is written: use only letters, digits, '_', '.' and '-' in the names of the folders above the "
           "projects");
}

TEST_CASE("owners: plain e-mail addresses")
{
  CHECK(workspace::is_owner_email("li.wei@example.com"));
  CHECK(workspace::is_owner_email("a+b_c%d-e@mail.example-corp.cn"));
  for (const char* bad :
       {"", "a", "a@b", "a@b.", "@example.com", "a b@example.com", "a@example.com ", "a@-x.com", "a@x-.com",
        "a\n@example.com", "*@example.com", "a@example.com#", "a@@example.com", "\"a\"@example.com", "a@[127.0.0.1]"}) {
    CAPTURE(bad);
    CHECK_FALSE(workspace::is_owner_email(bad));
  }
}

TEST_CASE("owners: the block between the markers is what --check compares")
{
  CHECK(workspace::owners_block("/a @x\n") == std::nullopt);
  CHECK(workspace::owners_block("/a @x\n# BEGIN handoff owners\n/b @y\n# END handoff owners\n/c @z\n")
        == "# BEGIN handoff owners\n/b @y\n# END handoff owners\n");
  // CRLF files, and an end marker on the last line without a newline.
  CHECK(workspace::owners_block("# BEGIN handoff owners\r\n/b @y\r\n# END handoff owners")
        == "# BEGIN handoff owners\r\n/b @y\r\n# END handoff owners");
  // Without the end marker: the rest of the file, which then differs by that line.
  CHECK(workspace::owners_block("x\n# BEGIN handoff owners\n/b @y\n") == "# BEGIN handoff owners\n/b @y\n");
  // A marker must be the whole line.
  CHECK(workspace::owners_block("## BEGIN handoff owners\n") == std::nullopt);
}
