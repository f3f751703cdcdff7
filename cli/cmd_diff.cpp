#include <fmt/format.h>

#include "app.hpp"
#include "workspace/diff.hpp"

namespace handoff::cli {

namespace {

class DiffCommand final : public Command {
public:
  std::string_view name() const override { return "diff"; }
  std::string_view summary() const override
  {
    return "Show what changed in a project's records since a revision (default: the baseline)";
  }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_id, "The project")->required();
    app.add_option("REV", m_rev,
                   "A git revision: HEAD~3, a tag, a commit (default: the commit that added the "
                   "baseline's sign-off)");
    app.add_option("--format", m_format, "Output format: text or json")
        ->check(one_of({"text", "json"}))
        ->type_name("FORMAT");
    app.footer(R"(
Compares the parsed records, not their text: ids added and removed, and each field changed
with its old and new value. Reformatting and comments are not changes. Without REV the
records are compared with the commit that added the later sign-off of the baseline (the
latest sales and implementation sign-offs over the same content).

Examples:
  handoff diff acme-mes
  handoff diff acme-mes HEAD~1 --format json)");
  }

  int run(const Globals& globals) override
  {
    const workspace::Workspace ws = open_workspace(globals);
    require_projects(ws, {m_id});
    const workspace::ProjectDiff diff = workspace::project_diff(ws, m_id, m_rev);
    print(m_format == "json" ? workspace::diff_json(diff) : workspace::diff_text(diff));
    return k_exit_ok;
  }

private:
  std::string m_id;
  std::string m_rev;
  std::string m_format = "text";
};

}  // namespace

std::unique_ptr<Command> make_diff()
{
  return std::make_unique<DiffCommand>();
}

}  // namespace handoff::cli
