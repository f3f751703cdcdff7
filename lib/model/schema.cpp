#include "model/schema.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <regex>

#include <fmt/format.h>

#include "core/types.hpp"
#include "sshsig/sshsig.hpp"
#include "support/text.hpp"

namespace handoff::model {

const FieldSpec* Spec::field(const std::string& name) const
{
  for (const auto& f : fields) {
    if (f.name == name) {
      return &f;
    }
  }
  return nullptr;
}

namespace {

// The first and the last date a record may hold, and the longest estimate: numbers are bounded
// where they make dates, so that every date derived from a record stays a four-digit year
// (docs/records.md, "Types").
constexpr Date k_first_date{1970, 1, 1};
constexpr Date k_last_date{2199, 12, 31};
constexpr long long k_max_duration_weeks = 520;

bool in_record_range(const Date& date)
{
  return date >= k_first_date && date <= k_last_date;
}

SpecPtr scalar(Type type, std::string description)
{
  auto s = std::make_shared<Spec>();
  s->type = type;
  s->description = std::move(description);
  return s;
}

SpecPtr text(std::string description)
{
  return scalar(Type::str, std::move(description));
}

SpecPtr date(std::string description)
{
  return scalar(Type::date, std::move(description));
}

SpecPtr person(std::string description)
{
  return scalar(Type::person, std::move(description));
}

SpecPtr ssh_key(std::string description)
{
  return scalar(Type::ssh_key, std::move(description));
}

SpecPtr handle(std::string description)
{
  return scalar(Type::handle, std::move(description));
}

SpecPtr ident(std::string description)
{
  return scalar(Type::id, std::move(description));
}

SpecPtr boolean(std::string description)
{
  return scalar(Type::boolean, std::move(description));
}

SpecPtr integer(std::string description, std::optional<long long> min = std::nullopt,
                std::optional<long long> max = std::nullopt)
{
  auto s = std::make_shared<Spec>();
  s->type = Type::integer;
  s->description = std::move(description);
  s->min = min;
  s->max = max;
  return s;
}

SpecPtr number(std::string description, std::optional<long long> min = 0, std::optional<long long> max = std::nullopt)
{
  auto s = std::make_shared<Spec>();
  s->type = Type::number;
  s->description = std::move(description);
  s->min = min;
  s->max = max;
  return s;
}

SpecPtr choice(std::string description, std::vector<std::string> values)
{
  auto s = std::make_shared<Spec>();
  s->type = Type::choice;
  s->description = std::move(description);
  s->values = std::move(values);
  return s;
}

SpecPtr list(std::string description, SpecPtr item)
{
  auto s = std::make_shared<Spec>();
  s->type = Type::list;
  s->description = std::move(description);
  s->item = std::move(item);
  return s;
}

SpecPtr map(std::string description, SpecPtr item)
{
  auto s = std::make_shared<Spec>();
  s->type = Type::map;
  s->description = std::move(description);
  s->item = std::move(item);
  return s;
}

SpecPtr object(std::string description, std::vector<FieldSpec> fields)
{
  auto s = std::make_shared<Spec>();
  s->type = Type::object;
  s->description = std::move(description);
  s->fields = std::move(fields);
  return s;
}

FieldSpec req(std::string name, SpecPtr spec)
{
  return {std::move(name), std::move(spec), true};
}

FieldSpec opt(std::string name, SpecPtr spec)
{
  return {std::move(name), std::move(spec), false};
}

std::vector<std::string> stage_values()
{
  std::vector<std::string> v;
  for (auto name : core::stage_names()) {
    v.emplace_back(name);
  }
  return v;
}

SpecPtr id_list(std::string description)
{
  return list(std::move(description), ident("an id"));
}

// The record tables are laid out by hand, one field a line, nested as the YAML nests.
// clang-format off
SpecPtr make_project()
{
  auto due = std::make_shared<Spec>(*object("when the payment falls due: `acceptance` (the customer accepts the "
                                            "project), {milestone: M-N} (the milestone is finished) or {date: "
                                            "YYYY-MM-DD}", {
      opt("milestone", ident("the milestone whose completion triggers the payment")),
      opt("date", date("the date the payment falls due")),
  }));
  due->type = Type::trigger;
  due->values = {"acceptance"};
  due->exactly_one = {"milestone", "date"};
  auto payment = std::make_shared<Spec>(*object("an instalment of the contract price (回款节点)", {
      req("id", ident("the payment's id, such as P-1")),
      opt("title", text("what the customer pays for, such as \"advance\" or \"final payment\"")),
      opt("percent", number("share of contract.value, in percent (0 to 100)", 0, 100)),
      opt("amount", number("the amount, in the contract's currency")),
      req("due", due),
      opt("invoiced", date("when the invoice was sent")),
      opt("received", date("when the money arrived")),
      opt("note", text("internal note; not signed, not shown to the customer")),
      opt("written_off", text("why the payment will not be collected (HF706 accepts it at close)")),
  }));
  payment->exactly_one = {"percent", "amount"};
  auto contact = object("a customer contact", {
      req("name", text("the contact's name")),
      opt("title", text("job title")),
      opt("decision_maker", boolean("true for a person who decides on the purchase")),
  });
  auto item = object("a priced line item of the contract", {
      req("id", ident("the item's id, such as L1")),
      opt("title", text("what the item sells")),
      opt("price", number("the item's price")),
  });
  auto commitment = object("a promise made to the customer during the sale", {
      req("id", ident("the commitment's id, such as C-1")),
      req("text", text("the promise, in the words given to the customer")),
      opt("made_by", person("who made the promise")),
      opt("date", date("when it was made")),
      opt("refs", id_list("requirements or milestones that honour it")),
  });
  auto lesson = object("a lesson for the next projects", {
      req("text", text("the lesson, in a sentence or two")),
      opt("tags", list("what it is about: industries, technologies, topics", text("a tag"))),
  });
  return object("project.yaml: the project card", {
      req("id", text("the project id; equals the folder name: [a-z0-9][a-z0-9-]{0,62}")),
      req("name", text("the project's name")),
      req("stage", choice("the lifecycle stage the project claims", stage_values())),
      opt("customer", object("the customer", {
                              opt("name", text("the customer's name")),
                              opt("industry", text("the customer's industry")),
                              opt("contacts", list("the customer's contacts", contact)),
                          })),
      opt("team", map("role -> person", person("the person holding the role"))),
      opt("contract", object("the contract", {
                              opt("signed", date("date of signature")),
                              opt("start", date("delivery start; defaults to signed")),
                              opt("go_live", date("the go-live date promised to the customer")),
                              opt("value", number("contract value")),
                              opt("currency", text("currency code, such as CNY or EUR")),
                              opt("items", list("priced line items of the contract / SOW", item)),
                              opt("payments", list("the payment schedule: when the customer pays what", payment)),
                          })),
      opt("commitments", list("promises made to the customer during the sale", commitment)),
      opt("kickoff", object("the kickoff meeting where sales hands the project to implementation", {
                             opt("date", date("when the kickoff took place")),
                             opt("attendees", list("who attended from our side", person("an attendee"))),
                             opt("customer_attendees", list("who attended from the customer (free text)",
                                                            text("a customer attendee"))),
                             opt("notes", text("what was agreed")),
                         })),
      opt("closure", object("the project's closure", {
                             opt("accepted", date("customer acceptance date")),
                             opt("csat", integer("customer satisfaction, 1..5", 1, 5)),
                             opt("retrospective", text("what went well, what did not")),
                             opt("went_live", date("the actual go-live date")),
                             opt("actual_effort_days", number("person-days actually spent")),
                             opt("csat_followup", text("what was done about a satisfaction score of 3 or less")),
                             opt("lessons", list("lessons for the next projects", lesson)),
                         })),
      opt("support", object("the after-sale handover: who supports the customer after go-live", {
                             opt("owner", person("who supports the customer after go-live")),
                             opt("until", date("the end of the support period")),
                             opt("channel", text("how the customer reaches support: hotline, ticket system, e-mail")),
                         })),
      opt("tags", list("free tags", text("a tag"))),
      opt("follows", text("the id of the project this one renews or continues (a renewal, a next phase)")),
      opt("suppress", list("warnings the team accepts for this project, each with the reason",
                           object("a suppressed warning", {
                               req("rule", ident("the rule id, such as HF506: a rule of warning severity")),
                               req("reason", text("why the warning is accepted, for the reviewers")),
                               opt("ids", id_list("only the findings about these ids (default: all of the rule)")),
                           }))),
      opt("outcome", object("how the deal or project ended without going on: the project is inactive", {
                             opt("status", choice("lost (the customer chose someone else), no_go (we declined) or "
                                                  "cancelled (stopped after the start)",
                                                  {"lost", "no_go", "cancelled"})),
                             opt("date", date("when it ended")),
                             opt("reason", text("why it ended")),
                         })),
  });
}

SpecPtr make_activities()
{
  auto activity = object("a presales activity: a visit, call, demo or workshop with the customer", {
      req("id", ident("unique in the project, such as A-1")),
      req("date", date("when the activity happened")),
      opt("kind", choice("what kind of activity", {"visit", "call", "demo", "workshop", "proposal", "other"})),
      opt("by", list("who took part from our side", person("a participant"))),
      opt("customer", list("who took part from the customer (free text)", text("a customer participant"))),
      opt("summary", text("the written summary shared with sales")),
      opt("summary_date", date("when the written summary was shared; due within a day of the activity")),
      opt("hours", number("presales hours spent")),
      opt("confirmed_by", person("the sales person who confirmed the hours")),
      opt("next_steps", text("what happens next, and by when")),
  });
  return object("activities.yaml: the presales log", {
      opt("activities", list("the presales activities", activity)),
  });
}

SpecPtr make_requirements()
{
  auto question = object("an open question about the requirement", {
      req("text", text("the question")),
      opt("status", choice("open or answered", {"open", "answered"})),
      opt("owner", person("who gets the answer")),
      opt("asked", date("when it was asked")),
      opt("answer", text("the answer")),
  });
  auto requirement = object("a requirement", {
      req("id", ident("unique in the project, such as REQ-001")),
      req("title", text("a short title")),
      opt("description", text("the requirement in full")),
      opt("source", text("where it comes from: RFP section, workshop, e-mail")),
      opt("priority", choice("MoSCoW priority", {"must", "should", "could", "wont"})),
      opt("type", choice("kind of requirement",
                         {"functional", "integration", "data", "report", "nonfunctional", "other"})),
      opt("contract_item", ident("the priced contract item it belongs to")),
      opt("acceptance", text("the acceptance criterion: measurable, or Given/When/Then")),
      opt("status", choice("draft (customer wording), clarified (by sales), confirmed (by implementation)",
                           {"draft", "clarified", "confirmed"})),
      opt("questions", list("open questions", question)),
  });
  return object("requirements.yaml: the Requirement Clarification Form", {
      opt("requirements", list("the requirements", requirement)),
  });
}

SpecPtr make_feasibility()
{
  auto assessment = object("implementation's assessment of one requirement", {
      req("requirement", ident("the requirement's id")),
      req("verdict", choice("how it will be met", {"standard", "configuration", "customization", "infeasible"})),
      opt("effort_days", number("effort in person-days")),
      opt("notes", text("notes")),
      opt("risks", id_list("related risk ids")),
  });
  return object("feasibility.yaml: the Technical Feasibility Report", {
      opt("assessed_by", person("who assessed: a person holding the implementation or presales role")),
      opt("date", date("date of the assessment")),
      opt("estimate", object("the estimate", {
                               opt("duration_weeks", number("calendar weeks from contract.start to go-live, at most 520", 0,
                                                                           k_max_duration_weeks)),
                               opt("effort_days", number("person-days")),
                               opt("confidence", choice("confidence", {"low", "medium", "high"})),
                           })),
      opt("recommendation", choice("the recommendation", {"go", "go_with_conditions", "no_go"})),
      opt("conditions", list("conditions of the recommendation", text("a condition"))),
      opt("assessments", list("one assessment per requirement", assessment)),
  });
}

SpecPtr make_plan()
{
  auto milestone = object("a milestone", {
      req("id", ident("unique in the project, such as M1")),
      req("name", text("the milestone's name")),
      opt("due", date("planned date")),
      opt("owner", person("who owns it")),
      opt("covers", id_list("requirements it delivers")),
      opt("depends_on", id_list("milestones it depends on")),
      opt("acceptance", text("the outcome that shows it is done")),
      opt("status", choice("progress", {"planned", "in_progress", "done", "accepted"})),
      opt("done", date("actual date, once done")),
  });
  auto row = object("a RACI row: the activity and role -> R | A | C | I | A/R", {
      req("activity", text("the activity")),
  });
  auto row_mut = std::const_pointer_cast<Spec>(row);
  row_mut->extra = choice("R (responsible), A (accountable), C (consulted), I (informed) or A/R",
                          {"R", "A", "C", "I", "A/R"});
  row_mut->extra_description = "a role";
  return object("plan.yaml: the Project Plan", {
      opt("milestones", list("the milestones", milestone)),
      opt("raci", list("the RACI matrix", row)),
      opt("reporting", object("status reporting", {
                                opt("cadence_days", integer("days between status reports, 1 to 365", 1, 365)),
                                opt("last_report", date("date of the last status report")),
                            })),
  });
}

SpecPtr make_risks()
{
  auto risk = object("a risk", {
      req("id", ident("unique in the project, such as R-1")),
      req("title", text("the risk")),
      opt("probability", integer("1..5", 1, 5)),
      opt("impact", integer("1..5; score = probability x impact", 1, 5)),
      opt("owner", person("who owns it")),
      opt("response", choice("the response", {"avoid", "mitigate", "transfer", "accept"})),
      opt("mitigation", text("what is done about it")),
      opt("status", choice("status", {"open", "mitigated", "occurred", "closed"})),
      opt("review_by", date("next review")),
      opt("refs", id_list("requirements or milestones it touches")),
  });
  return object("risks.yaml: the risk register", {
      opt("risks", list("the risks", risk)),
  });
}

SpecPtr make_changes()
{
  auto approval = object("an approval", {
      req("role", text("the approving role")),
      req("by", person("who approved (for role customer, the customer's name)")),
      opt("date", date("when")),
  });
  auto change = object("a change request", {
      req("id", ident("unique in the project, such as CR-001")),
      req("title", text("a short title")),
      opt("requested_by", text("who asked for it (free text)")),
      opt("date", date("when it was requested")),
      opt("description", text("the change in full")),
      opt("channel", choice("how the request arrived",
                            {"email", "call", "meeting", "chat", "ticket", "other"})),
      opt("priority", choice("how much the requester needs it", {"must", "should", "could"})),
      opt("affects", id_list("requirement, milestone, contract item or commitment ids it adds, alters or "
                             "removes, or go_live for the promised go-live date")),
      opt("classification", choice("in_scope, value_added (free concession) or out_of_scope (billable)",
                                   {"in_scope", "value_added", "out_of_scope"})),
      opt("impact", object("the impact", {
                             opt("effort_days", number("person-days")),
                             opt("schedule_days", number("days the plan moves, -3650 to 3650", -3650, 3650)),
                             opt("cost", number("price to the customer")),
                         })),
      opt("status", choice("status", {"proposed", "assessed", "approved", "rejected", "implemented"})),
      opt("approvals", list("approvals", approval)),
      opt("implemented", date("when it was implemented")),
  });
  return object("changes.yaml: the change-control log", {
      opt("changes", list("the change requests", change)),
  });
}

SpecPtr make_signoffs()
{
  auto digest = text("a digest: sha256:<hex>");
  auto signoff = object("a sign-off, written by `handoff sign`", {
      req("role", text("the role signed for")),
      req("person", person("who signed")),
      req("date", date("when")),
      opt("at", scalar(Type::timestamp, "when, as a UTC timestamp YYYY-MM-DDTHH:MM:SSZ")),
      opt("canonical", integer("version of the canonical form the digests use: 1", 1, 1)),
      opt("records", map("record name -> digest", digest)),
      opt("items", map("requirement / milestone / contract item / commitment id (and contract.FIELD) -> digest",
                       digest)),
  });
  return object("signoffs.yaml: sign-offs, written only by `handoff sign`", {
      opt("signoffs", list("the sign-offs, oldest first", signoff)),
  });
}

SpecPtr make_acceptance()
{
  auto result = object("the customer's verdict on one requirement", {
      req("requirement", ident("the requirement's id")),
      req("result", choice("passed, failed, or waived by the customer", {"passed", "failed", "waived"})),
      opt("evidence", text("what shows it: test script, run, protocol")),
      opt("note", text("a note: what failed, why it was waived")),
  });
  return object("acceptance.yaml: the customer's acceptance, per requirement", {
      opt("date", date("when the acceptance test was completed")),
      opt("signed_by", text("the customer's name who signs the acceptance (free text)")),
      opt("results", list("one result per requirement; a retest is added after the run it repeats", result)),
  });
}

SpecPtr make_config()
{
  auto person_entry = object("a person", {
      req("id", ident("the person's id, used in records")),
      opt("name", text("full name")),
      opt("email", text("e-mail, used to verify sign-off authors against git history")),
      opt("handle", handle("code host handle (@user or @org/team) that `handoff owners` writes into CODEOWNERS")),
      opt("roles", list("roles this person may own and sign for", text("a role"))),
      opt("signing_keys", list("public SSH keys whose signed commits count as this person's (HF418)",
                               ssh_key("a public key line as in ~/.ssh/id_ed25519.pub: TYPE BASE64 [COMMENT]"))),
      opt("chat", object("the person's ids in the team chats, for the @ mentions of `handoff notify`",
                         {
                             opt("dingtalk", text("DingTalk user id (at.atUserIds)")),
                             opt("mobile", text("mobile number DingTalk mentions by (at.atMobiles)")),
                             opt("feishu", text("Feishu user id (open_id or user_id)")),
                             opt("wecom", text("WeCom user id, mentioned as <@userid>")),
                             opt("slack", text("Slack member id, mentioned as <@U123ABC>")),
                         })),
  });
  return object("handoff.yaml: the workspace configuration", {
      req("version", integer("format version: 1", 1, 1)),
      opt("projects", text("folder of project folders")),
      opt("people", list("the people registry; when present every person reference must resolve",
                         person_entry)),
      opt("roles", list("the role set", text("a role"))),
      opt("rules", map("rule id -> severity", choice("severity", {"error", "warning", "off"}))),
      opt("history", choice("sign-off author verification", {"auto", "required", "off"})),
      opt("change_response_days", integer("days a change request may stay proposed before HF512 warns "
                                          "(default 10), 1 to 365",
                                          1, 365)),
      opt("language", [] {
            auto spec = std::make_shared<Spec>(*choice("language of the built-in report templates and outputs: en or "
                                                       "zh-CN (also zh, zh_CN, zh-Hans, in any case)",
                                                       core::language_spellings()));
            spec->canonical = core::canonical_language;
            return SpecPtr(spec);
          }()),
      opt("forecast", object("`handoff forecast` and HF308", {
                              opt("min_class", integer("smallest reference class that gives dates (default 5)", 1)),
                          })),
      opt("signatures", choice("SSH-signed sign-off commits: required makes HF418 check them", {"auto", "required"})),
      opt("help_url", text("where each rule's help is read, with {rule} for the rule id, such as "
                           "https://git.example.com/tools/handoff/-/blob/main/docs/rules.md#{rule}; machine "
                           "outputs link every finding to it")),
      opt("invoice_days", integer("days after a payment's trigger (milestone finished, project accepted, date "
                                  "reached) within which it is invoiced before HF514 warns (default 7), 0 to 365",
                                  0, 365)),
      opt("payment_terms_days", integer("days after the invoice within which the customer pays before HF515 warns "
                                        "(default 30), 0 to 365",
                                        0, 365)),
  });
}
// clang-format on

}  // namespace

const Spec& record_spec(Record record)
{
  static const std::array<SpecPtr, k_record_count> k_specs = {make_project(),  make_requirements(), make_feasibility(),
                                                              make_plan(),     make_risks(),        make_changes(),
                                                              make_signoffs(), make_acceptance(),   make_activities()};
  return *k_specs[static_cast<std::size_t>(record)];
}

const Spec& config_spec()
{
  static const SpecPtr k_spec = make_config();
  return *k_spec;
}

bool is_id(const std::string& text)
{
  if (text.empty() || !std::isalpha(static_cast<unsigned char>(text[0]))) {
    return false;
  }
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '-') {
      return false;
    }
  }
  return true;
}

bool is_handle(const std::string& text)
{
  static const std::regex k_handle("@[A-Za-z0-9](-?[A-Za-z0-9])*(/[A-Za-z0-9_.-]+)?");
  return text.size() <= 140 && std::regex_match(text, k_handle);
}

bool is_slug(const std::string& text)
{
  if (text.empty() || text.size() > 63) {
    return false;
  }
  const auto ok = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!ok(text[0])) {
    return false;
  }
  for (char c : text) {
    if (!ok(c) && c != '-') {
      return false;
    }
  }
  return true;
}

std::optional<long long> parse_integer(const std::string& text)
{
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (first != last && *first == '+') {
    ++first;
  }
  long long v = 0;
  auto [ptr, ec] = std::from_chars(first, last, v);
  if (ec != std::errc() || ptr != last || first == last) {
    return std::nullopt;
  }
  return v;
}

std::optional<double> parse_number(const std::string& text)
{
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (first != last && *first == '+') {
    ++first;
  }
  double v = 0;
  auto [ptr, ec] = std::from_chars(first, last, v, std::chars_format::fixed);
  if (ec != std::errc() || ptr != last || first == last || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

std::optional<core::Message> scalar_error(const Spec& spec, const std::string& text, bool plain)
{
  // Quoted only on the way to a message: this runs for every scalar of every record.
  const auto shown = [&text] { return support::quote(text); };
  switch (spec.type) {
  case Type::str:
  case Type::person:
    return std::nullopt;
  case Type::ssh_key: {
    const auto key = sshsig::parse_public_key(text);
    if (const std::string* error = sshsig::error_of(key)) {
      return core::Message{"not a usable signing key: " + *error, "不是可用的签名密钥：" + *error};
    }
    return std::nullopt;
  }
  case Type::handle:
    if (is_handle(text)) {
      return std::nullopt;
    }
    return core::Message{"expected a handle such as @li-wei or @acme/sales-team, found " + shown(),
                         "应为 @li-wei 或 @acme/sales-team 这样的账号，实为 " + shown()};
  case Type::id:
    if (is_id(text)) {
      return std::nullopt;
    }
    return core::Message{"expected an id (a letter, then letters, digits, '_', '.' or '-'), found " + shown(),
                         "应为编号（以字母开头，后接字母、数字、'_'、'.' 或 '-'），实为 " + shown()};
  case Type::date: {
    if (const auto date = Date::parse(text)) {
      if (!in_record_range(*date)) {
        return core::Message{
            "expected a date from " + k_first_date.str() + " to " + k_last_date.str() + ", found " + shown(),
            "应为 " + k_first_date.str() + " 至 " + k_last_date.str() + " 之间的日期，实为 " + shown()};
      }
      return std::nullopt;
    }
    if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
      return core::Message{"expected a real calendar date, found " + shown() + " (no such day)",
                           "应为真实存在的日期，实为 " + shown() + "（没有这一天）"};
    }
    return core::Message{"expected a date YYYY-MM-DD, found " + shown(), "应为 YYYY-MM-DD 格式的日期，实为 " + shown()};
  }
  case Type::timestamp:
    if (support::is_timestamp(text)) {
      if (!in_record_range(*Date::parse(text.substr(0, 10)))) {
        const std::string from = k_first_date.str() + "T00:00:00Z";
        const std::string to = k_last_date.str() + "T23:59:59Z";
        return core::Message{"expected a UTC timestamp from " + from + " to " + to + ", found " + shown(),
                             "应为 " + from + " 至 " + to + " 之间的 UTC 时间戳，实为 " + shown()};
      }
      return std::nullopt;
    }
    return core::Message{"expected a UTC timestamp YYYY-MM-DDTHH:MM:SSZ, found " + shown(),
                         "应为 YYYY-MM-DDTHH:MM:SSZ 格式的 UTC 时间戳，实为 " + shown()};
  case Type::integer: {
    const auto v = plain ? parse_integer(text) : std::nullopt;
    if (!v) {
      return core::Message{"expected a whole number, found " + shown(), "应为整数，实为 " + shown()};
    }
    if ((spec.min && *v < *spec.min) || (spec.max && *v > *spec.max)) {
      if (spec.min && spec.max) {
        const std::string from = std::to_string(*spec.min);
        const std::string to = std::to_string(*spec.max);
        return core::Message{"expected a whole number from " + from + " to " + to + ", found " + text,
                             "应为 " + from + " 至 " + to + " 之间的整数，实为 " + text};
      }
      const std::string least = std::to_string(spec.min.value_or(0));
      return core::Message{"expected a whole number of at least " + least + ", found " + text,
                           "应为不小于 " + least + " 的整数，实为 " + text};
    }
    return std::nullopt;
  }
  case Type::number: {
    const auto v = plain ? parse_number(text) : std::nullopt;
    if (!v) {
      return core::Message{"expected a number, found " + shown(), "应为数字，实为 " + shown()};
    }
    if ((spec.min && *v < static_cast<double>(*spec.min)) || (spec.max && *v > static_cast<double>(*spec.max))) {
      if (spec.min && spec.max) {
        const std::string from = std::to_string(*spec.min);
        const std::string to = std::to_string(*spec.max);
        return core::Message{"expected a number from " + from + " to " + to + ", found " + text,
                             "应为 " + from + " 至 " + to + " 之间的数字，实为 " + text};
      }
      if (spec.max) {
        const std::string most = std::to_string(*spec.max);
        return core::Message{"expected a number of at most " + most + ", found " + text,
                             "应为不大于 " + most + " 的数字，实为 " + text};
      }
      const std::string least = std::to_string(*spec.min);
      return core::Message{"expected a number of at least " + least + ", found " + text,
                           "应为不小于 " + least + " 的数字，实为 " + text};
    }
    return std::nullopt;
  }
  case Type::boolean:
    if (plain && (text == "true" || text == "false")) {
      return std::nullopt;
    }
    return core::Message{"expected true or false, found " + shown(), "应为 true 或 false，实为 " + shown()};
  case Type::choice: {
    for (const auto& v : spec.values) {
      if (v == text) {
        return std::nullopt;
      }
    }
    if (spec.canonical != nullptr && spec.canonical(text)) {
      return std::nullopt;
    }
    core::Message message{"expected one of " + support::join_words(spec.values, " or ") + ", found " + shown(),
                          "应为 " + support::join_zh(spec.values) + " 之一，实为 " + shown()};
    const auto stage = core::stage_of_zh_cn_label(text);  // the label a zh-CN output printed
    if (stage && std::find(spec.values.begin(), spec.values.end(), core::to_string(*stage)) != spec.values.end()) {
      message.en += fmt::format("; did you mean \"{}\" ({})?", core::to_string(*stage), text);
      message.zh += fmt::format("；是否指 \"{}\"（{}）？", core::to_string(*stage), text);
    } else if (auto guess = support::did_you_mean(text, spec.values)) {
      message.en += "; did you mean \"" + *guess + "\"?";
      message.zh += "；是否指 \"" + *guess + "\"？";
    }
    return message;
  }
  case Type::trigger:
    if (std::find(spec.values.begin(), spec.values.end(), text) != spec.values.end()) {
      return std::nullopt;
    }
    return core::Message{"expected " + support::join_words(spec.values, " or ")
                             + ", {milestone: ID} or {date: "
                               "YYYY-MM-DD}, found "
                             + shown(),
                         "应为 " + support::join_zh(spec.values) + "、{milestone: 编号} 或 {date: YYYY-MM-DD}，实为 "
                             + shown()};
  case Type::list:
  case Type::object:
  case Type::map:
    break;
  }
  return std::nullopt;
}

}  // namespace handoff::model
