// The editor of the payment schedule (contract.payments in project.yaml): add an instalment,
// record its invoice and its receipt, or write it off.
#include <fmt/format.h>

#include "app.hpp"
#include "edit.hpp"
#include "support/text.hpp"

namespace handoff::cli {

namespace {

using yaml::ItemText;
using yaml::Step;

std::vector<std::string> payment_ids(const model::Project& project)
{
  return ids_of(project.card.payments);
}

const model::Payment& payment_of(const model::Project& project, const std::string& id)
{
  for (const auto& pay : project.card.payments) {
    if (pay.id.value_or("") == id) {
      return pay;
    }
  }
  throw core::UserError("no payment " + id);  // require_id ran first
}

yaml::Path payment_at(const std::string& id)
{
  return {Step::at("contract"), Step::at("payments"), Step::item("id", id)};
}

bool is_date(const std::string& text)
{
  return support::Date::parse(text).has_value();
}

class PaymentCommand final : public Command {
public:
  std::string_view name() const override { return "payment"; }
  std::string_view summary() const override
  {
    return "Add an instalment to the payment schedule, record its invoice and receipt, or write it off (回款)";
  }

  void setup(CLI::App& app) override
  {
    app.require_subcommand(1);
    m_add = app.add_subcommand("add", "Add a payment with the next free id (P-1, P-2, ...) to contract.payments");
    m_add->add_option("ID", m_id, "The project")->required();
    m_add->add_option("--title", m_title, "What the customer pays for: advance, go-live, final payment")
        ->check(non_empty("title", "give a title or leave the option out"));
    auto* percent = m_add->add_option("--percent", m_percent, "Its share of contract.value, in percent")
                        ->type_name("N")
                        ->check(CLI::Range(0.0, 100.0));
    auto* amount = m_add->add_option("--amount", m_amount, "Its amount, in the contract's currency")
                       ->type_name("AMOUNT")
                       ->check(CLI::NonNegativeNumber);
    percent->excludes(amount);
    m_add
        ->add_option("--due", m_due,
                     "When it falls due: acceptance, a milestone of plan.yaml (M3) or a date (YYYY-MM-DD)")
        ->required()
        ->type_name("WHEN");
    m_add->add_option("--note", m_note, "An internal note, never shown to the customer")->type_name("TEXT");
    add_edit_options(*m_add, m_options);

    m_invoiced = app.add_subcommand("invoiced", "Record the day a payment's invoice was sent (default: today)");
    m_invoiced->add_option("ID", m_id, "The project")->required();
    m_invoiced->add_option("PAYMENT", m_payment, "The payment (P-2)")->required();
    m_invoiced->add_option("--date", m_date, "When the invoice was sent (default: today; never after today)")
        ->type_name("DATE");
    add_edit_options(*m_invoiced, m_options);

    m_received = app.add_subcommand("received", "Record the day a payment's money arrived (default: today)");
    m_received->add_option("ID", m_id, "The project")->required();
    m_received->add_option("PAYMENT", m_payment, "The payment (P-2)")->required();
    m_received->add_option("--date", m_date, "When the money arrived (default: today; never after today)")
        ->type_name("DATE");
    add_edit_options(*m_received, m_options);

    m_write_off = app.add_subcommand("write-off", "Close a payment that will not be collected, with the reason");
    m_write_off->add_option("ID", m_id, "The project")->required();
    m_write_off->add_option("PAYMENT", m_payment, "The payment (P-3)")->required();
    m_write_off->add_option("--reason", m_reason, "Why it will not be collected (a settlement, a dispute)")
        ->required()
        ->check(non_empty("reason", "say why the payment will not be collected"));
    add_edit_options(*m_write_off, m_options);

    app.footer(R"(
Edits in place of contract.payments in projects/ID/project.yaml. A payment's terms (title,
percent or amount, due) are part of the signed agreement: after the baseline, `add` is scope
and needs a change request (HF501), so it is refused. `invoiced`, `received` and `write-off`
are bookkeeping outside the signature and can be recorded at any time before close.
`handoff todo` lists the invoices to send and the payments to chase (HF514, HF515); at close,
every payment is received or written off (HF706).

Examples:
  handoff payment add acme-mes --title "Go-live" --percent 60 --due M3
  handoff payment add acme-mes --title "Final payment" --amount 120000 --due acceptance
  handoff payment invoiced acme-mes P-2 --date 2027-01-20 --commit
  handoff payment received acme-mes P-2 --date 2027-02-18 --commit
  handoff payment write-off acme-mes P-3 --reason "Settled at 95% after the delay of M4")");
  }

  int run(const Globals& globals) override
  {
    if (m_add->parsed()) {
      return add(globals);
    }
    if (m_write_off->parsed()) {
      return run_edit(globals, "payment write-off", m_id, m_options, [&](edit::ProjectEdit& e) {
        e.require_id(model::Record::project, payment_ids(e.project()), m_payment, "payment");
        const model::Payment& pay = payment_of(e.project(), m_payment);
        if (pay.received.has()) {
          throw edit::Refused(
              fmt::format("{} was received on {}: there is nothing to write off", m_payment, pay.received->str()));
        }
        e.file(model::Record::project).set(payment_at(m_payment), "written_off", m_reason);
        return EditDone{m_payment + " written off", fmt::format("write off {}", m_payment), {}};
      });
    }
    const bool invoice = m_invoiced->parsed();
    const char* key = invoice ? "invoiced" : "received";
    return run_edit(globals, std::string("payment ") + key, m_id, m_options, [&](edit::ProjectEdit& e) {
      e.require_id(model::Record::project, payment_ids(e.project()), m_payment, "payment");
      const model::Payment& pay = payment_of(e.project(), m_payment);
      const model::DateField& already = invoice ? pay.invoiced : pay.received;
      if (already.has()) {
        throw edit::Refused(fmt::format("{} is already {} on {}; to correct the date, edit {}: in "
                                        "projects/{}/project.yaml",
                                        m_payment, key, already->str(), key, m_id));
      }
      if (pay.written_off.has()) {
        throw edit::Refused(fmt::format("{} is written off ({}); remove written_off: in projects/{}/project.yaml "
                                        "first if it is collected after all",
                                        m_payment, support::quote(*pay.written_off), m_id));
      }
      const std::string date = m_date.empty() ? e.today().str() : m_date;
      e.file(model::Record::project).set(payment_at(m_payment), key, date);
      return EditDone{
          fmt::format("{} {} on {}", m_payment, key, date), fmt::format("{} {} on {}", m_payment, key, date), {}};
    });
  }

private:
  int add(const Globals& globals)
  {
    if (!m_percent && !m_amount) {
      throw UsageError("payment add needs --percent N (a share of contract.value) or --amount AMOUNT");
    }
    return run_edit(globals, "payment add", m_id, m_options, [&](edit::ProjectEdit& e) {
      std::string due;
      if (m_due == "acceptance") {
        due = "acceptance";
      } else if (is_date(m_due)) {
        due = "{date: " + m_due + "}";
      } else {
        e.require_id(model::Record::plan, ids_of(e.project().plan.milestones), m_due, "milestone");
        due = "{milestone: " + m_due + "}";
      }
      const std::string id = edit::next_id(payment_ids(e.project()), "P-", 1);
      ItemText item;
      item.field("id", id);
      if (!m_title.empty()) {
        item.field("title", m_title);
      }
      if (m_percent) {
        item.plain("percent", number_text(*m_percent));
      } else {
        item.plain("amount", number_text(*m_amount));
      }
      item.plain("due", due);
      if (!m_note.empty()) {
        item.field("note", m_note);
      }
      e.file(model::Record::project).append({Step::at("contract")}, "payments", item.str());
      return EditDone{id + " added", fmt::format("add payment {}{}", id, m_title.empty() ? "" : " " + m_title), {}};
    });
  }

  CLI::App* m_add = nullptr;
  CLI::App* m_invoiced = nullptr;
  CLI::App* m_received = nullptr;
  CLI::App* m_write_off = nullptr;
  std::string m_id;
  std::string m_payment;
  std::string m_title;
  std::optional<double> m_percent;
  std::optional<double> m_amount;
  std::string m_due;
  std::string m_note;
  std::string m_date;
  std::string m_reason;
  EditOptions m_options;
};

}  // namespace

std::unique_ptr<Command> make_payment()
{
  return std::make_unique<PaymentCommand>();
}

}  // namespace handoff::cli
