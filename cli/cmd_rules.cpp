#include <fmt/format.h>

#include "app.hpp"
#include "output/rules.hpp"

namespace handoff::cli {

namespace {

class RulesCommand final : public Command {
public:
  std::string_view name() const override { return "rules"; }
  std::string_view summary() const override { return "List every rule with its gate and default severity"; }

  void setup(CLI::App& app) override
  {
    app.add_option("--format", m_format, "Output format: text, json, or markdown (the catalogue of docs/rules.md)")
        ->check(one_of({"text", "json", "markdown"}))
        ->type_name("FORMAT");
    app.footer(R"(
Examples:
  handoff rules
  handoff rules --format json
  handoff rules --format markdown > catalogue.md)");
  }

  int run(const Globals&) override
  {
    const auto& all = rules::catalogue();
    print(m_format == "json"       ? output::rules_json(all)
          : m_format == "markdown" ? output::rules_markdown(all)
                                   : output::rules_text(all));
    return k_exit_ok;
  }

private:
  std::string m_format = "text";
};

class ExplainCommand final : public Command {
public:
  std::string_view name() const override { return "explain"; }
  std::string_view summary() const override
  {
    return "Explain a rule: why it exists, how to fix a finding, an example";
  }

  void setup(CLI::App& app) override
  {
    app.add_option("RULE", m_rule, "A rule id, such as HF304")->required();
    app.footer(R"(
Examples:
  handoff explain HF304
  handoff explain hf201)");
  }

  int run(const Globals&) override
  {
    const rules::Rule* rule = rules::find_rule(m_rule);
    if (rule == nullptr) {
      std::string message = fmt::format("no rule \"{}\"", m_rule);
      if (const auto guess = rules::suggest_rule(m_rule)) {
        message += fmt::format("; did you mean {}?", *guess);
      } else {
        message += "; `handoff rules` lists them";
      }
      throw UsageError(message);
    }
    print(output::explain_text(*rule));
    return k_exit_ok;
  }

private:
  std::string m_rule;
};

}  // namespace

std::unique_ptr<Command> make_rules()
{
  return std::make_unique<RulesCommand>();
}

std::unique_ptr<Command> make_explain()
{
  return std::make_unique<ExplainCommand>();
}

}  // namespace handoff::cli
