#include <fmt/format.h>

#include "app.hpp"
#include "workspace/log.hpp"

namespace handoff::cli {

namespace {

class LogCommand final : public Command {
public:
  std::string_view name() const override { return "log"; }
  std::string_view summary() const override
  {
    return "Show the timeline of a project's record changes from git history";
  }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_id, "The project")->required();
    app.add_option("--format", m_format, "Output format: text or json")
        ->check(one_of({"text", "json"}))
        ->type_name("FORMAT");
    app.footer(R"(
Lists, newest first, each commit of HEAD's history that changed a record of the project:
its id, author date, author and subject, then per record the ids added, changed (with the
fields) and removed, and the sign-offs added. Reformatting shows as such.

Examples:
  handoff log acme-mes
  handoff log acme-mes --format json)");
  }

  int run(const Globals& globals) override
  {
    const workspace::Workspace ws = open_workspace(globals);
    require_projects(ws, {m_id});
    print(workspace::project_log(ws, m_id, m_format == "json"));
    return k_exit_ok;
  }

private:
  std::string m_id;
  std::string m_format = "text";
};

}  // namespace

std::unique_ptr<Command> make_log()
{
  return std::make_unique<LogCommand>();
}

}  // namespace handoff::cli
