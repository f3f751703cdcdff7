// The editors that set a project up before the handoff: contact, contract, commitment (project.yaml),
// feasibility and assess (feasibility.yaml), raci (plan.yaml).
#include <fmt/format.h>

#include "app.hpp"
#include "edit.hpp"
#include "support/text.hpp"

namespace handoff::cli {

namespace {

using yaml::ItemText;
using yaml::Step;

class ContactCommand final : public Command {
public:
  std::string_view name() const override { return "contact"; }
  std::string_view summary() const override { return "Add a customer contact to project.yaml"; }

  void setup(CLI::App& app) override
  {
    app.require_subcommand(1);
    m_add = app.add_subcommand("add", "Add a contact on the customer's side");
    m_add->add_option("ID", m_id, "The project")->required();
    m_add->add_option("--name", m_name, "The contact's name (free text)")
        ->required()
        ->check(non_empty("name", "give the contact's name"));
    m_add->add_option("--title", m_title, "Job title")->type_name("TEXT");
    m_add->add_flag("--decision-maker", m_decides, "Whoever decides on the purchase (HF101 needs one)");
    add_edit_options(*m_add, m_options);
    app.footer(R"(
Appends to customer.contacts in projects/ID/project.yaml, in place.

Examples:
  handoff contact add acme-mes --name "Wang Fang" --title CIO --decision-maker
  handoff contact add acme-mes --name "Zhou Hao" --title "Plant Manager")");
  }

  int run(const Globals& globals) override
  {
    return run_edit(globals, "contact add", m_id, m_options, [&](edit::ProjectEdit& e) {
      ItemText item;
      item.field("name", m_name);
      if (!m_title.empty()) {
        item.field("title", m_title);
      }
      if (m_decides) {
        item.plain("decision_maker", "true");
      }
      e.file(model::Record::project).append({Step::at("customer")}, "contacts", item.str());
      return EditDone{"contact " + m_name + " added", "add contact " + m_name, {}};
    });
  }

private:
  CLI::App* m_add = nullptr;
  std::string m_id;
  std::string m_name;
  std::string m_title;
  bool m_decides = false;
  EditOptions m_options;
};

class ContractCommand final : public Command {
public:
  std::string_view name() const override { return "contract"; }
  std::string_view summary() const override
  {
    return "Record the contract: dates, value and priced items (project.yaml contract:)";
  }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_id, "The project")->required();
    app.add_option("--signed", m_signed, "The date of signature")->type_name("DATE");
    app.add_option("--start", m_start, "Delivery start (default: the signature)")->type_name("DATE");
    app.add_option("--go-live", m_go_live, "The go-live date promised to the customer")->type_name("DATE");
    app.add_option("--value", m_value, "The contract's value")->type_name("AMOUNT")->check(CLI::NonNegativeNumber);
    app.add_option("--currency", m_currency, "Currency code, such as CNY or EUR")->type_name("CODE");
    app.add_option("--item", m_items, "A priced item as ID=TITLE=PRICE (L1=\"MES licence\"=620000); repeat for several")
        ->type_name("ITEM");
    add_edit_options(app, m_options);
    app.footer(R"(
Sets the fields given under contract: in projects/ID/project.yaml, in place, and appends each
--item to contract.items. The contract's terms are part of what sales and implementation sign.

Examples:
  handoff contract acme-mes --signed 2026-10-01 --go-live 2027-03-31 --value 1200000 --currency CNY
  handoff contract acme-mes --item "L1=MES licence and configuration=1200000")");
  }

  int run(const Globals& globals) override
  {
    struct Item {
      std::string id, title, price;
    };
    std::vector<Item> items;
    for (const auto& text : m_items) {
      const std::size_t first = text.find('=');
      const std::size_t last = text.rfind('=');
      if (first == std::string::npos || first == last || first == 0) {
        throw UsageError(fmt::format("--item {} is not ID=TITLE=PRICE, such as --item \"L1=MES licence=620000\"",
                                     support::quote(text)));
      }
      items.push_back({text.substr(0, first), text.substr(first + 1, last - first - 1), text.substr(last + 1)});
    }
    if (m_signed.empty() && m_start.empty() && m_go_live.empty() && !m_value && m_currency.empty() && items.empty()) {
      throw UsageError("contract needs something to record: --signed, --start, --go-live, --value, --currency or "
                       "--item");
    }
    return run_edit(globals, "contract", m_id, m_options, [&](edit::ProjectEdit& e) {
      auto& file = e.file(model::Record::project);
      const yaml::Path at = {Step::at("contract")};
      const std::pair<const char*, std::string> fields[] = {{"signed", m_signed},
                                                            {"start", m_start},
                                                            {"go_live", m_go_live},
                                                            {"value", m_value ? number_text(*m_value) : ""},
                                                            {"currency", m_currency}};
      for (const auto& [key, value] : fields) {
        if (!value.empty()) {
          file.set(at, key, value);
        }
      }
      for (const auto& item : items) {
        ItemText text;
        text.field("id", item.id).field("title", item.title);
        if (!item.price.empty()) {
          text.field("price", item.price);
        }
        file.append(at, "items", text.str());
      }
      return EditDone{"contract recorded", "contract", {}};
    });
  }

private:
  std::string m_id;
  std::string m_signed;
  std::string m_start;
  std::string m_go_live;
  std::optional<double> m_value;
  std::string m_currency;
  std::vector<std::string> m_items;
  EditOptions m_options;
};

class CommitmentCommand final : public Command {
public:
  std::string_view name() const override { return "commitment"; }
  std::string_view summary() const override { return "Record a promise made to the customer (project.yaml)"; }

  void setup(CLI::App& app) override
  {
    app.require_subcommand(1);
    m_add = app.add_subcommand("add", "Add a commitment with the next free id (C-1, C-2, ...)");
    m_add->add_option("ID", m_id, "The project")->required();
    add_free_text(*m_add, m_text, "text", "The promise, as the customer heard it");
    m_add->add_option("--made-by", m_made_by, "Who made the promise (a person id)")->type_name("PERSON");
    m_add->add_option("--date", m_date, "When it was made (default: today)")->type_name("DATE");
    m_add->add_option("--refs", m_refs, "The requirements or milestones that keep it (HF409)")->type_name("ID");
    add_edit_options(*m_add, m_options);
    app.footer(R"(
Appends to commitments: in projects/ID/project.yaml, in place.

Examples:
  handoff commitment add acme-mes --text "Production orders tracked in the MES by go-live" \
      --made-by li.wei --date 2026-09-20 --refs REQ-001)");
  }

  int run(const Globals& globals) override
  {
    const auto text = m_text.value();
    if (!text) {
      throw UsageError("commitment add needs --text TEXT or --text-file FILE");
    }
    return run_edit(globals, "commitment add", m_id, m_options, [&](edit::ProjectEdit& e) {
      const std::string id = edit::next_id(ids_of(e.project().card.commitments), "C-", 1);
      ItemText item;
      item.field("id", id).field("text", *text);
      if (!m_made_by.empty()) {
        item.field("made_by", m_made_by);
      }
      item.field("date", m_date.empty() ? e.today().str() : m_date);
      if (!m_refs.empty()) {
        item.list("refs", split_list(m_refs));
      }
      e.file(model::Record::project).append({}, "commitments", item.str());
      return EditDone{id + " added", "add commitment " + id, {}};
    });
  }

private:
  CLI::App* m_add = nullptr;
  std::string m_id;
  FreeText m_text;
  std::string m_made_by;
  std::string m_date;
  std::vector<std::string> m_refs;
  EditOptions m_options;
};

class FeasibilityCommand final : public Command {
public:
  std::string_view name() const override { return "feasibility"; }
  std::string_view summary() const override
  {
    return "Record implementation's estimate and recommendation (feasibility.yaml)";
  }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_id, "The project")->required();
    app.add_option("--assessed-by", m_by, "Who assessed (implementation or presales: HF305)")->type_name("PERSON");
    app.add_option("--date", m_date, "The date of the assessment (default: today)")->type_name("DATE");
    app.add_option("--duration-weeks", m_weeks, "Calendar weeks from delivery start to go-live (HF304)")
        ->type_name("WEEKS")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--effort-days", m_effort, "The effort in person-days")
        ->type_name("DAYS")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--confidence", m_confidence, "low, medium or high")->check(one_of({"low", "medium", "high"}));
    app.add_option("--recommendation", m_recommendation, "go, go_with_conditions or no_go")
        ->check(one_of({"go", "go_with_conditions", "no_go"}));
    app.add_option("--condition", m_conditions, "A condition of go_with_conditions (repeat for several)")
        ->type_name("TEXT");
    add_edit_options(app, m_options);
    app.footer(R"(
Sets the fields given in projects/ID/feasibility.yaml, in place; `handoff assess` records the
verdict on each requirement.

Examples:
  handoff feasibility acme-mes --assessed-by zhang.min --duration-weeks 20 --effort-days 120 \
      --confidence medium --recommendation go)");
  }

  int run(const Globals& globals) override
  {
    if (m_by.empty() && !m_weeks && !m_effort && m_confidence.empty() && m_recommendation.empty()
        && m_conditions.empty()) {
      throw UsageError("feasibility needs something to record: --assessed-by, --duration-weeks, --effort-days, "
                       "--confidence, --recommendation or --condition");
    }
    return run_edit(globals, "feasibility", m_id, m_options, [&](edit::ProjectEdit& e) {
      auto& file = e.file(model::Record::feasibility);
      if (!m_by.empty()) {
        file.set({}, "assessed_by", m_by);
      }
      file.set({}, "date", m_date.empty() ? e.today().str() : m_date);
      const yaml::Path estimate = {Step::at("estimate")};
      if (m_weeks) {
        file.set(estimate, "duration_weeks", number_text(*m_weeks));
      }
      if (m_effort) {
        file.set(estimate, "effort_days", number_text(*m_effort));
      }
      if (!m_confidence.empty()) {
        file.set(estimate, "confidence", m_confidence);
      }
      if (!m_recommendation.empty()) {
        file.set({}, "recommendation", m_recommendation);
      }
      if (!m_conditions.empty()) {
        file.set_list({}, "conditions", m_conditions);
      }
      return EditDone{"feasibility recorded", "feasibility", {}};
    });
  }

private:
  std::string m_id;
  std::string m_by;
  std::string m_date;
  std::optional<double> m_weeks;
  std::optional<double> m_effort;
  std::string m_confidence;
  std::string m_recommendation;
  std::vector<std::string> m_conditions;
  EditOptions m_options;
};

class AssessCommand final : public Command {
public:
  std::string_view name() const override { return "assess"; }
  std::string_view summary() const override
  {
    return "Record implementation's verdict on a requirement (feasibility.yaml assessments:)";
  }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_id, "The project")->required();
    app.add_option("REQ", m_req, "The requirement")->required();
    app.add_option("--verdict", m_verdict, "standard, configuration, customization or infeasible")
        ->required()
        ->check(one_of({"standard", "configuration", "customization", "infeasible"}));
    app.add_option("--effort-days", m_effort, "Effort in person-days (needed for customization: HF303)")
        ->type_name("DAYS")
        ->check(CLI::NonNegativeNumber);
    add_free_text(app, m_notes, "notes", "The assessor's notes");
    add_edit_options(app, m_options);
    app.footer(R"(
Appends the assessment of REQ to projects/ID/feasibility.yaml, or changes the one it has.

Examples:
  handoff assess acme-mes REQ-001 --verdict configuration --effort-days 10
  handoff assess acme-mes REQ-004 --verdict customization --effort-days 25 --notes "Custom label layout")");
  }

  int run(const Globals& globals) override
  {
    const auto notes = m_notes.value();
    return run_edit(globals, "assess", m_id, m_options, [&](edit::ProjectEdit& e) {
      e.require_id(model::Record::requirements, ids_of(e.project().requirements), m_req, "requirement");
      auto& file = e.file(model::Record::feasibility);
      const bool assessed =
          std::any_of(e.project().feasibility.assessments.begin(), e.project().feasibility.assessments.end(),
                      [&](const auto& a) { return a.requirement.value_or("") == m_req; });
      if (assessed) {
        const yaml::Path at = {Step::at("assessments"), Step::item("requirement", m_req)};
        file.set(at, "verdict", m_verdict);
        if (m_effort) {
          file.set(at, "effort_days", number_text(*m_effort));
        }
        if (notes) {
          file.set(at, "notes", *notes);
        }
      } else {
        ItemText item;
        item.field("requirement", m_req).field("verdict", m_verdict);
        if (m_effort) {
          item.field("effort_days", number_text(*m_effort));
        }
        if (notes) {
          item.field("notes", *notes);
        }
        file.append({}, "assessments", item.str());
      }
      return EditDone{
          fmt::format("{} assessed: {}", m_req, m_verdict), fmt::format("assess {}: {}", m_req, m_verdict), {}};
    });
  }

private:
  std::string m_id;
  std::string m_req;
  std::string m_verdict;
  std::optional<double> m_effort;
  FreeText m_notes;
  EditOptions m_options;
};

class RaciCommand final : public Command {
public:
  std::string_view name() const override { return "raci"; }
  std::string_view summary() const override { return "Set a row of the RACI matrix (plan.yaml raci:)"; }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_id, "The project")->required();
    app.add_option("ACTIVITY", m_activity, "The activity (a new row, or the one of that name)")->required();
    app.add_option("ROLE=LETTERS", m_cells, "Each role's part: sales=I implementation=A/R (R, A, C, I or A/R)")
        ->required();
    add_edit_options(app, m_options);
    app.footer(R"(
Appends the row to raci: in projects/ID/plan.yaml, or sets the roles given in the row of that
activity. Each activity needs exactly one A (HF406) and at least one R (HF407).

Examples:
  handoff raci acme-mes Configuration sales=I implementation=A/R
  handoff raci acme-mes "User acceptance test" pm=A implementation=R sales=C)");
  }

  int run(const Globals& globals) override
  {
    std::vector<std::pair<std::string, std::string>> cells;
    for (const auto& cell : m_cells) {
      const std::size_t eq = cell.find('=');
      const std::string letters = eq == std::string::npos ? "" : cell.substr(eq + 1);
      if (eq == std::string::npos || eq == 0
          || (letters != "R" && letters != "A" && letters != "C" && letters != "I" && letters != "A/R")) {
        throw UsageError(fmt::format("{} is not ROLE=LETTERS with R, A, C, I or A/R, such as implementation=A/R",
                                     support::quote(cell)));
      }
      cells.emplace_back(cell.substr(0, eq), letters);
    }
    return run_edit(globals, "raci", m_id, m_options, [&](edit::ProjectEdit& e) {
      auto& file = e.file(model::Record::plan);
      const bool exists = std::any_of(e.project().plan.raci.begin(), e.project().plan.raci.end(),
                                      [&](const auto& row) { return row.activity.value_or("") == m_activity; });
      if (exists) {
        for (const auto& [role, letters] : cells) {
          file.set({Step::at("raci"), Step::item("activity", m_activity)}, role, letters);
        }
      } else {
        ItemText item;
        item.field("activity", m_activity);
        for (const auto& [role, letters] : cells) {
          item.field(role, letters);
        }
        file.append({}, "raci", item.str());
      }
      return EditDone{fmt::format("RACI of \"{}\" set", m_activity), fmt::format("RACI of {}", m_activity), {}};
    });
  }

private:
  std::string m_id;
  std::string m_activity;
  std::vector<std::string> m_cells;
  EditOptions m_options;
};

}  // namespace

std::unique_ptr<Command> make_contact()
{
  return std::make_unique<ContactCommand>();
}

std::unique_ptr<Command> make_contract()
{
  return std::make_unique<ContractCommand>();
}

std::unique_ptr<Command> make_commitment()
{
  return std::make_unique<CommitmentCommand>();
}

std::unique_ptr<Command> make_feasibility()
{
  return std::make_unique<FeasibilityCommand>();
}

std::unique_ptr<Command> make_assess()
{
  return std::make_unique<AssessCommand>();
}

std::unique_ptr<Command> make_raci()
{
  return std::make_unique<RaciCommand>();
}

}  // namespace handoff::cli
