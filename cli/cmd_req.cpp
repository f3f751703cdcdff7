#include <fmt/format.h>

#include "app.hpp"
#include "edit.hpp"

namespace handoff::cli {

namespace {

using yaml::ItemText;
using yaml::Step;

const std::vector<std::string> k_priorities = {"must", "should", "could", "wont"};
const std::vector<std::string> k_types = {"functional", "integration", "data", "report", "nonfunctional", "other"};
const std::vector<std::string> k_statuses = {"draft", "clarified", "confirmed"};

std::vector<std::string> requirement_ids(const model::Project& project)
{
  return ids_of(project.requirements);
}

// The fields `req add` and `req set` share.
struct Fields {
  std::string title;
  std::string priority;
  std::string source;
  FreeText acceptance;
  FreeText description;
  std::string contract_item;
  std::string type;
  std::string status;

  void add(CLI::App& app, bool title_required)
  {
    auto* t = app.add_option("--title", title, "A short title")->type_name("TEXT");
    if (title_required) {
      t->required();
    }
    t->check(non_empty("title", "give a few words"));
    app.add_option("--priority", priority, "must, should, could or wont (MoSCoW)")->check(one_of(k_priorities));
    app.add_option("--source", source, "Where it comes from: RFP section, workshop, e-mail")->type_name("TEXT");
    add_free_text(app, acceptance, "acceptance", "How the customer will accept it (a measurable outcome)");
    add_free_text(app, description, "description", "The requirement in full");
    app.add_option("--contract-item", contract_item, "The priced contract item it belongs to (L1)")->type_name("ID");
    app.add_option("--type", type, "functional, integration, data, report, nonfunctional or other")
        ->check(one_of(k_types));
    app.add_option("--status", status, "draft, clarified (by sales) or confirmed (by implementation)")
        ->check(one_of(k_statuses));
  }

  // The fields given, in the order records.md lists them.
  std::vector<std::pair<std::string, std::string>> given() const
  {
    std::vector<std::pair<std::string, std::string>> out;
    const auto put = [&](const char* key, const std::optional<std::string>& value) {
      if (value && !value->empty()) {
        out.emplace_back(key, *value);
      }
    };
    put("title", title);
    put("description", description.value());
    put("source", source);
    put("priority", priority);
    put("type", type);
    put("contract_item", contract_item);
    put("acceptance", acceptance.value());
    put("status", status);
    return out;
  }
};

class ReqCommand final : public Command {
public:
  std::string_view name() const override { return "req"; }
  std::string_view summary() const override
  {
    return "Add, change, ask about and answer requirements (requirements.yaml)";
  }

  void setup(CLI::App& app) override
  {
    app.require_subcommand(1);
    m_add = app.add_subcommand("add", "Add a requirement with the next free id (REQ-001, REQ-002, ...)");
    m_add->add_option("ID", m_id, "The project")->required();
    m_add_fields.add(*m_add, true);
    add_edit_options(*m_add, m_options);

    m_set = app.add_subcommand("set", "Change fields of a requirement");
    m_set->add_option("ID", m_id, "The project")->required();
    m_set->add_option("REQ", m_req, "The requirement")->required();
    m_set_fields.add(*m_set, false);
    add_edit_options(*m_set, m_options);

    m_ask = app.add_subcommand("ask", "Record an open question on a requirement");
    m_ask->add_option("ID", m_id, "The project")->required();
    m_ask->add_option("REQ", m_req, "The requirement")->required();
    add_free_text(*m_ask, m_question, "question", "The question");
    m_ask->add_option("--owner", m_owner, "Who gets the answer (a person id)")->required()->type_name("PERSON");
    add_edit_options(*m_ask, m_options);

    m_answer = app.add_subcommand("answer", "Answer a question: Q-1 is the requirement's first question");
    m_answer->add_option("ID", m_id, "The project")->required();
    m_answer->add_option("REQ", m_req, "The requirement")->required();
    m_answer->add_option("QUESTION", m_number, "Q-1, Q-2, ...: the question's place under the requirement")->required();
    add_free_text(*m_answer, m_answer_text, "answer", "The answer");
    add_edit_options(*m_answer, m_options);

    app.footer(R"(
Each is an edit in place of projects/ID/requirements.yaml: comments and layout stay as they
are. An edit the rules would flag at once (an unknown contract item, a person not in the
registry) is refused with the finding, and nothing is written.

Examples:
  handoff req add acme-mes --title "Shift report" --priority must --source "Workshop 2026-09-12"
  handoff req set acme-mes REQ-009 --acceptance "Report lists every order of the shift within 5 min"
  handoff req set acme-mes REQ-009 --status confirmed --commit
  handoff req ask acme-mes REQ-004 --question "Which label printer?" --owner chen.jie
  handoff req answer acme-mes REQ-004 Q-1 --answer "Zebra ZT410, two per line")");
  }

  int run(const Globals& globals) override
  {
    if (m_add->parsed()) {
      return run_edit(globals, "req add", m_id, m_options, [&](edit::ProjectEdit& e) {
        const std::string id = edit::next_id(requirement_ids(e.project()), "REQ-", 3);
        ItemText item;
        item.field("id", id);
        for (const auto& [key, value] : m_add_fields.given()) {
          item.field(key, value);
        }
        e.file(model::Record::requirements).append({}, "requirements", item.str());
        return EditDone{id + " added", fmt::format("add {} {}", id, m_add_fields.title), {}};
      });
    }
    if (m_set->parsed()) {
      const auto fields = m_set_fields.given();
      if (fields.empty()) {
        throw UsageError("req set needs a field to change: --title, --status, --priority, --acceptance, --source, "
                         "--type, --contract-item or --description");
      }
      return run_edit(globals, "req set", m_id, m_options, [&](edit::ProjectEdit& e) {
        e.require_id(model::Record::requirements, requirement_ids(e.project()), m_req, "requirement");
        std::string names;
        for (const auto& [key, value] : fields) {
          e.file(model::Record::requirements).set({Step::at("requirements"), Step::item("id", m_req)}, key, value);
          names += (names.empty() ? "" : ", ") + key;
        }
        return EditDone{fmt::format("{} {} set", m_req, names), fmt::format("set {} of {}", names, m_req), {}};
      });
    }
    if (m_ask->parsed()) {
      const auto question = m_question.value();
      if (!question) {
        throw UsageError("req ask needs --question TEXT or --question-file FILE");
      }
      return run_edit(globals, "req ask", m_id, m_options, [&](edit::ProjectEdit& e) {
        e.require_id(model::Record::requirements, requirement_ids(e.project()), m_req, "requirement");
        std::size_t count = 0;
        for (const auto& r : e.project().requirements) {
          if (r.id.has() && *r.id == m_req) {
            count = r.questions.size();
          }
        }
        e.file(model::Record::requirements)
            .append({Step::at("requirements"), Step::item("id", m_req)}, "questions",
                    ItemText()
                        .field("text", *question)
                        .field("status", "open")
                        .field("owner", m_owner)
                        .field("asked", e.today().str())
                        .str());
        const std::string q = fmt::format("Q-{}", count + 1);
        return EditDone{fmt::format("{} asked on {}", q, m_req), fmt::format("ask {} on {}", q, m_req), {}};
      });
    }
    const auto answer = m_answer_text.value();
    if (!answer) {
      throw UsageError("req answer needs --answer TEXT or --answer-file FILE");
    }
    return run_edit(globals, "req answer", m_id, m_options, [&](edit::ProjectEdit& e) {
      const std::string file = e.project().file(model::Record::requirements).path;
      e.require_id(model::Record::requirements, requirement_ids(e.project()), m_req, "requirement");
      std::vector<std::string> numbers;
      for (const auto& r : e.project().requirements) {
        if (r.id.has() && *r.id == m_req) {
          for (std::size_t i = 0; i < r.questions.size(); ++i) {
            numbers.push_back(fmt::format("Q-{}", i + 1));
          }
        }
      }
      edit::require_id(numbers, m_number, "question under " + m_req + " numbered", file);
      const std::size_t index = std::stoul(m_number.substr(2)) - 1;
      const yaml::Path at = {Step::at("requirements"), Step::item("id", m_req), Step::at("questions"),
                             Step::nth(index)};
      e.file(model::Record::requirements).set(at, "answer", *answer);
      e.file(model::Record::requirements).set(at, "status", "answered");
      return EditDone{
          fmt::format("{} of {} answered", m_number, m_req), fmt::format("answer {} of {}", m_number, m_req), {}};
    });
  }

private:
  CLI::App* m_add = nullptr;
  CLI::App* m_set = nullptr;
  CLI::App* m_ask = nullptr;
  CLI::App* m_answer = nullptr;
  std::string m_id;
  std::string m_req;
  std::string m_number;
  std::string m_owner;
  Fields m_add_fields;
  Fields m_set_fields;
  FreeText m_question;
  FreeText m_answer_text;
  EditOptions m_options;
};

}  // namespace

std::unique_ptr<Command> make_req()
{
  return std::make_unique<ReqCommand>();
}

}  // namespace handoff::cli
