#include <fmt/format.h>

#include "app.hpp"
#include "io/filesystem.hpp"
#include "support/text.hpp"
#include "workspace/owners.hpp"

namespace handoff::cli {

namespace {

class OwnersCommand final : public Command {
public:
  std::string_view name() const override { return "owners"; }
  std::string_view summary() const override
  {
    return "Print a CODEOWNERS file from the teams, so each side reviews its records";
  }

  void setup(CLI::App& app) override
  {
    app.add_flag("--check", m_check,
                 "Compare with CODEOWNERS (or .github/CODEOWNERS) instead of printing; exit 1 when it is out of date");
    app.footer(R"(
Each record file of each project gets the handles (people[].handle in handoff.yaml, else
people[].email) of the team members who own it:
  project.yaml                                     sales
  requirements, plan, changes, signoffs .yaml      sales and implementation
  feasibility.yaml                                 implementation
  risks.yaml                                       implementation and pm
  activities.yaml                                  sales and presales
  acceptance.yaml                                  pm and implementation
Paths start at the root of the git repository that holds the workspace. The lines are written
between "# BEGIN handoff owners" and "# END handoff owners"; --check compares only that block,
so other rules can live in the same file, above it (the last matching line wins).
Only literal lines are written: a project folder that is not a valid id, a team member who is
not in the people registry, or an e-mail that is not a plain address is reported on stderr
(exit 1) instead of becoming a line or an owner.

Examples:
  handoff owners > .github/CODEOWNERS
  handoff owners --check                 in CI: fails when a team or handle changed)");
  }

  int run(const Globals& globals) override
  {
    const workspace::Workspace ws = open_workspace(globals);
    const workspace::OwnersLocation where = workspace::owners_location(ws);
    const workspace::Codeowners generated = workspace::codeowners(ws, where.prefix);
    const std::string& wanted = generated.text;
    // What cannot be written safely is reported, never written (DESIGN §10.9), and fails the run.
    std::string findings;
    for (const auto& finding : generated.findings) {
      findings += support::visible(to_string(finding)) + "\n";
    }
    if (!findings.empty()) {
      findings += fmt::format("handoff: {} above: what they name is left out of CODEOWNERS; fix the records and run "
                              "the command again\n",
                              support::plural(static_cast<long long>(generated.findings.size()), "problem"));
    }
    const int clean = findings.empty() ? k_exit_ok : k_exit_findings;
    if (!m_check) {
      print(wanted);
      print_error(findings);
      return clean;
    }
    print_error(findings);
    const auto path = workspace::find_codeowners(where.base);
    if (!path) {
      print("no CODEOWNERS file at the root of the repository (nor in .github/ or docs/): write it with `handoff "
            "owners > .github/CODEOWNERS` and commit it\n");
      return k_exit_findings;
    }
    const io::DiskFileSystem disk(where.base);
    io::ReadResult read = disk.read(*path, ws.load_options().max_file_size);
    if (!read.ok) {
      throw UsageError(fmt::format("cannot read {}: it {}", *path, read.error));
    }
    // Only the block between the markers is handoff's; without markers (a file written before
    // them) the whole file is compared, and the difference shows the markers to add.
    const std::optional<std::string> block = workspace::owners_block(read.data);
    const workspace::OwnersDifference difference = workspace::codeowners_difference(block.value_or(read.data), wanted);
    if (difference.same()) {
      if (!globals.quiet) {
        print(fmt::format("{} is up to date\n", *path));
      }
      return clean;
    }
    std::string out = difference.reordered
                          ? fmt::format("{} is out of date: it holds the right lines, in another order\n", *path)
                          : fmt::format("{} is out of date ({} to change):\n", *path,
                                        support::plural(static_cast<long long>(difference.lines.size()), "line"));
    for (const auto& line : difference.lines) {
      out += "  " + line + "\n";
    }
    out += block ? fmt::format("replace the lines from \"{}\" to \"{}\" in {} with the output of `handoff owners` "
                               "and commit it\n",
                               workspace::k_owners_begin, workspace::k_owners_end, *path)
                 : fmt::format("write it again with `handoff owners > {}` and commit it\n", *path);
    print(out);
    return k_exit_findings;
  }

private:
  bool m_check = false;
};

}  // namespace

std::unique_ptr<Command> make_owners()
{
  return std::make_unique<OwnersCommand>();
}

}  // namespace handoff::cli
