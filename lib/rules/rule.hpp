#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.hpp"
#include "forecast/source.hpp"
#include "model/records.hpp"
#include "signoff/history.hpp"
#include "support/date.hpp"

// The rule catalogue: each rule is data (id, gate, severity, texts) plus one function.
namespace handoff::rules {

class Context;

// Adds the findings of one rule for the project in `ctx`.
using CheckFn = void (*)(Context& ctx);

struct Rule {
  std::string_view id;  // "HF304"
  core::Gate gate;
  core::Severity severity;          // default severity
  std::string_view summary;         // one line
  std::string_view summary_zh;      // the same in Simplified Chinese
  std::string_view explanation;     // why the rule exists and how to fix a finding
  std::string_view explanation_zh;  // the same in Simplified Chinese
  std::string_view example;         // a record excerpt that passes the rule
  CheckFn check = nullptr;          // nullptr: reported while loading (HF001–HF005, HF009)
};

// What a rule sees: the workspace configuration, one project, and today's date.
class Context {
public:
  Context(const model::Config& config_, const model::Project& project_, support::Date today_,
          std::vector<core::Finding>& out, const signoff::History* history_ = nullptr,
          const forecast::Source* reference_ = nullptr)
      : config(config_), project(project_), today(today_), history(history_), reference(reference_), m_out(out)
  {
  }

  const model::Config& config;
  const model::Project& project;
  const support::Date today;
  const signoff::History* history;    // who committed the sign-offs; nullptr when not consulted
  const forecast::Source* reference;  // the workspace's closed projects (HF308); nullptr when not consulted
  // Answers whether the workspace has a project with this id (HF007 on `follows:`); nullptr
  // when not consulted.
  const std::function<bool(const std::string&)>* project_exists = nullptr;

  // Reports a finding of the current rule at `pos` in `record`'s file, about `ids`.
  // The message comes in both languages, built from the same values: {English, Chinese}.
  void report(model::Record record, core::Pos pos, core::Message message, std::vector<std::string> ids = {});
  // Reports like report(), at `severity` instead of the rule's default.
  void report_as(core::Severity severity, model::Record record, core::Pos pos, core::Message message,
                 std::vector<std::string> ids = {});
  // Reports a finding in handoff.yaml.
  void report_config(core::Pos pos, core::Message message, std::vector<std::string> ids = {});

  // Returns the position of the `stage:` line of project.yaml (where stage-level findings point).
  core::Pos stage_pos() const;
  // Returns the roles `person` holds: the registry's roles, or without a registry the roles the
  // team of project.yaml gives them.
  std::vector<std::string> roles_of(const std::string& person) const;

  // Returns the project's forecast from `reference` (DESIGN §9.5: the default class, no tag),
  // computed the first time it is asked for and then kept: the one forecast of this
  // evaluation, which HF308 judges and the reports and `forecast` show. nullptr without a
  // reference.
  const forecast::Forecast* forecast();
  // Moves the forecast out (computing it first when it was not asked for yet); nullopt without
  // a reference.
  std::optional<forecast::Forecast> take_forecast();

  void set_rule(const Rule* rule) { m_rule = rule; }

private:
  std::vector<core::Finding>& m_out;
  const Rule* m_rule = nullptr;
  std::optional<forecast::Forecast> m_forecast;
};

// Returns every rule, ordered by id.
const std::vector<Rule>& catalogue();
// Returns the rule with this id (case-insensitive), or nullptr.
const Rule* find_rule(std::string_view id);
// Returns the closest rule id to a mistyped one, if any.
std::optional<std::string> suggest_rule(std::string_view id);

// The rules of each gate, defined next to their checks (one file per gate).
std::vector<Rule> schema_rules();
std::vector<Rule> qualify_rules();
std::vector<Rule> clarify_rules();
std::vector<Rule> feasibility_rules();
std::vector<Rule> handoff_rules();
std::vector<Rule> control_rules();
std::vector<Rule> accept_rules();
std::vector<Rule> close_rules();
std::vector<Rule> payment_rules();  // HF419 (gate handoff), HF514, HF515 (control), HF706 (close)
std::vector<Rule> signoff_rules();  // HF411–HF416, HF418 (gate handoff) and HF501 (gate control)

}  // namespace handoff::rules
