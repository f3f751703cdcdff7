#include <fmt/format.h>

#include "app.hpp"
#include "output/rules.hpp"

namespace handoff::cli {

namespace {

// The language of `rules` and `explain`: --lang, else `language:` of the workspace when there is
// one (they also run outside any workspace), else English.
core::Language command_language(const Globals& globals)
{
  if (!globals.lang.empty()) {
    return output_language(globals, nullptr);
  }
  try {
    const workspace::Workspace ws = open_workspace(globals);
    return output_language(globals, &ws.config());
  } catch (const core::UserError&) {
    return core::Language::en;  // no workspace here, or one that cannot be read: English
  }
}

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

  int run(const Globals& globals) override
  {
    const auto& all = rules::catalogue();
    const core::Language language = command_language(globals);
    print(m_format == "json"       ? output::rules_json(all, language)
          : m_format == "markdown" ? output::rules_markdown(all)
                                   : output::rules_text(all, language));
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

  int run(const Globals& globals) override
  {
    const core::Language language = command_language(globals);
    const bool zh = language == core::Language::zh_cn;
    const rules::Rule* rule = rules::find_rule(m_rule);
    if (rule == nullptr) {
      std::string message = (zh ? "没有规则 \"" : "no rule \"") + m_rule + "\"";
      if (const auto guess = rules::suggest_rule(m_rule)) {
        message += (zh ? "；是否指 " : "; did you mean ") + *guess + (zh ? "？" : "?");
      } else {
        message += zh ? "；`handoff rules` 会列出所有规则" : "; `handoff rules` lists them";
      }
      throw UsageError(message);
    }
    print(output::explain_text(*rule, language));
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
