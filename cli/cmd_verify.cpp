#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "app.hpp"
#include "report/document.hpp"
#include "report/verification.hpp"
#include "support/text.hpp"

namespace handoff::cli {

namespace {

class VerifyCommand final : public Command {
public:
  std::string_view name() const override { return "verify"; }
  std::string_view summary() const override
  {
    return "Check that an HTML, PDF or Word report still matches the records";
  }

  void setup(CLI::App& app) override
  {
    app.add_option("FILE", m_file, "The document: a report written with --format html, pdf or docx")
        ->required()
        ->type_name("FILE");
    app.footer(R"(
Every HTML, PDF and Word report ends with a verification block and keeps it in the file's
metadata: the project, its stage, the baseline digest, the sign-offs that count, a digest of
every record file, handoff.yaml's digest, the commit and the date it was made. `verify`
recomputes them from the workspace and exits 0 when the document still matches the records,
or 1 naming what changed since (a record file, the stage, the baseline, a sign-off). Digests
are of the records' content: reformatting a file or adding a comment is no change. A
different commit alone is no change either. `verify` never writes.

Examples:
  handoff verify plan.pdf                     does the signed plan still match the records?
  handoff verify status.html
  handoff verify acceptance.docx)");
  }

  int run(const Globals& globals) override
  {
    std::ifstream in(m_file, std::ios::binary);
    if (!in) {
      throw UsageError(fmt::format("cannot read {}: no such file, or not readable", support::visible(m_file)));
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    const std::string data = bytes.str();
    const report::DocumentKind kind = report::document_kind(data);
    const std::optional<std::string> json = report::embedded_verification(data, kind);
    const std::optional<report::Verification> document = json ? report::parse_verification(*json) : std::nullopt;
    if (!document) {
      throw UsageError(fmt::format("{} ({}) has no verification block of handoff: only reports written by `handoff "
                                   "report --format html|pdf|docx` can be verified",
                                   support::visible(m_file), report::to_string(kind)));
    }
    const workspace::Workspace ws = open_workspace(globals);
    const std::vector<std::string> changes = report::verification_changes(ws, *document);
    const std::string made = fmt::format("made on {}{}", document->generated,
                                         document->commit.empty() ? "" : " at commit " + document->commit);
    if (changes.empty()) {
      if (!globals.quiet) {
        print(fmt::format("{}: matches the records ({}; {})\n", support::visible(m_file), what(*document), made));
      }
      return k_exit_ok;
    }
    std::string out = fmt::format("{}: does not match the records any more ({}; {}):\n", support::visible(m_file),
                                  what(*document), made);
    for (const auto& change : changes) {
      out += fmt::format("  {}\n", change);
    }
    out += "Make the document again with `handoff report`, or find the edit with `handoff diff` or `git log`.\n";
    print(out);
    return k_exit_findings;
  }

private:
  static std::string what(const report::Verification& v)
  {
    if (v.portfolio) {
      return fmt::format("the portfolio of {}{}", support::plural(static_cast<long long>(v.projects.size()), "project"),
                         v.customer.empty() ? "" : " of " + support::quote(v.customer));
    }
    const report::ProjectStamp& p = v.projects.front();
    return fmt::format("{}, stage {}, baseline {}", support::visible(p.id), p.stage,
                       p.baseline.empty() ? "none" : p.baseline.substr(0, 19));
  }

  std::string m_file;
};

}  // namespace

std::unique_ptr<Command> make_verify()
{
  return std::make_unique<VerifyCommand>();
}

}  // namespace handoff::cli
