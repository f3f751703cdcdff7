#pragma once

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/types.hpp"
#include "support/date.hpp"
#include "yaml/document.hpp"

// The typed records of a workspace (docs/records.md). Every value keeps its position; a value that
// was absent, empty or invalid (reported by the loader) is left unset, so that the rules see
// only well-typed data and never report the same mistake twice.
namespace handoff::model {

using support::Date;

// A typed value read from a record.
template <class T>
struct Field {
  std::optional<T> value;  // unset when absent, null, blank or invalid
  core::Pos pos;           // the value's position; when absent, the enclosing item's
  bool written = false;    // the key is in the file (even when its value is null or invalid)
  bool invalid = false;    // the value was rejected by the loader (HF002): rules stay silent about it

  bool has() const { return value.has_value(); }
  const T& operator*() const { return *value; }
  const T* operator->() const { return &*value; }
  // Returns the value, or `fallback` when unset.
  T value_or(T fallback) const { return value ? *value : fallback; }
};

using Text = Field<std::string>;
using Int = Field<long long>;
using Number = Field<double>;
using Bool = Field<bool>;
using DateField = Field<Date>;

// A list of scalars, such as `covers: [REQ-001, REQ-002]`.
struct TextList {
  std::vector<Text> items;
  core::Pos pos;
  bool written = false;
};

// The record files of a project, in the order the loader reads them.
enum class Record : unsigned char {
  project,
  requirements,
  feasibility,
  plan,
  risks,
  changes,
  signoffs,
  acceptance,
  activities
};
inline constexpr int k_record_count = 9;

// Returns the file name of a record ("plan.yaml").
const char* file_name(Record record);
// Returns the record's name without extension ("plan").
const char* record_name(Record record);

// --- handoff.yaml --------------------------------------------------------------------------

// A public SSH key registered for a person (`signing_keys:`), as read from its line.
struct SigningKey {
  std::string blob;         // the SSH wire-format key: equal blobs are the same key
  std::string fingerprint;  // "SHA256:..." as `ssh-keygen -l` shows it
  core::Pos pos;
};

struct Person {
  Text id;
  Text name;
  Text email;
  Text handle;  // the code host handle: @user or @org/team (CODEOWNERS)
  TextList roles;
  std::vector<SigningKey> signing_keys;  // the valid lines of `signing_keys:`
  core::Pos pos;
};

struct RuleOverride {
  std::string rule;
  core::Severity severity = core::Severity::error;
  core::Pos pos;
};

struct Config {
  bool exists = false;  // handoff.yaml is present
  std::string file = "handoff.yaml";
  Int version;
  std::string projects_dir = "projects";
  bool has_registry = false;  // `people:` is present: every person reference must resolve
  std::vector<Person> people;
  std::vector<std::string> roles;  // the role set (default: the six roles of docs/records.md)
  std::vector<RuleOverride> rules;
  std::string history = "auto";  // auto | required | off
  Int change_response_days;      // days a change request may stay proposed (HF512); default 10
  long long response_days() const { return change_response_days.value_or(10); }
  std::string language = "en";  // of the built-in report templates: en | zh-CN
  Int forecast_min_class;       // forecast.min_class: smallest reference class that gives dates

  // Returns forecast.min_class, else its default (5).
  long long min_class() const { return forecast_min_class.value_or(5); }
  Int invoice_days_field;        // invoice_days: days after a payment's trigger to invoice it (HF514)
  Int payment_terms_days_field;  // payment_terms_days: days after the invoice to be paid (HF515)
  long long invoice_days() const { return invoice_days_field.value_or(7); }
  long long payment_terms_days() const { return payment_terms_days_field.value_or(30); }
  std::string signatures = "auto";  // auto | required: HF418 requires SSH-signed sign-off commits
  // `help_url:` where each rule's help is read, with {rule} for the rule id (an http or https
  // address); empty: not configured. Machine outputs link every finding to it.
  std::string help_url;

  // Returns the registry entry with this id, or nullptr.
  const Person* person(const std::string& id) const;
  // Returns the person `given` most likely means where an id was expected, for "did you mean":
  // `li.wei (李伟)` when `given` is a registered person's name (李伟, "li wei"), `"li.wei"` when
  // it is close to an id (a typo), else nullopt.
  std::optional<std::string> person_hint(const std::string& given) const;
  // Returns the person who registered the signing key with this blob, or nullptr.
  const Person* key_owner(const std::string& blob) const;
  bool has_role(const std::string& role) const;
};

// Returns the help address of `rule` from a `help_url:` pattern (every {rule} replaced by the
// rule id), or "" for an empty pattern.
std::string rule_help_url(std::string_view pattern, std::string_view rule);

// Returns the default role set: sales, presales, implementation, pm, product, customer.
const std::vector<std::string>& default_roles();

// --- project.yaml --------------------------------------------------------------------------

struct Contact {
  Text name;
  Text title;
  Bool decision_maker;
  core::Pos pos;
};

struct ContractItem {
  Text id;
  Text title;
  Number price;
  core::Pos pos;
};

// When a payment falls due (`due:`): once a milestone is finished, once the customer accepts the
// project, or on a date.
struct PaymentDue {
  enum class Kind : unsigned char { none, milestone, acceptance, date };
  Kind kind = Kind::none;  // none: absent or invalid (HF002/HF003 report it)
  Text milestone;          // kind milestone
  DateField date;          // kind date
  core::Pos pos;           // of the value, else of the payment
};

// An instalment of the contract price (回款). Its terms (id, title, percent or amount, due) are
// signed with the agreement; invoiced, received, note and written_off are not.
struct Payment {
  Text id;
  Text title;
  Number percent;  // share of contract.value, in percent
  Number amount;   // in the contract's currency
  PaymentDue due;
  DateField invoiced;
  DateField received;
  Text note;
  Text written_off;  // why it will not be collected
  core::Pos pos;

  // Returns the amount due: `amount`, else `percent` of `contract_value`; nullopt without either.
  std::optional<double> value(std::optional<double> contract_value) const;
};

struct Commitment {
  Text id;
  Text text;
  Text made_by;
  DateField date;
  TextList refs;
  core::Pos pos;
};

struct Kickoff {
  DateField date;
  TextList attendees;           // persons
  TextList customer_attendees;  // free text
  Text notes;
  core::Pos pos;
};

// A lesson of a closed project, for the projects that come after it.
struct Lesson {
  Text text;
  TextList tags;
  core::Pos pos;
};

// A warning the team accepts for this project (`suppress:`), with the reason it is accepted:
// the findings it matches leave the outputs and the verdict, and every summary counts them.
struct Suppression {
  Text rule;     // the rule id, such as HF506; only a rule of warning severity can be suppressed
  Text reason;   // why the warning is accepted; required
  TextList ids;  // only the findings about one of these ids; empty: every finding of the rule
  core::Pos pos;
};

// How a deal ended without a contract, or a project ended early (`outcome:`): the project is
// inactive from then on.
struct Outcome {
  Text status;  // lost | no_go | cancelled
  DateField date;
  Text reason;
  core::Pos pos;           // of the mapping, else of the `outcome:` key
  bool malformed = false;  // not a mapping (HF002 reports it)
};

struct TeamMember {
  std::string role;  // the key
  Text person;
  core::Pos pos;  // of the key
};

struct ProjectCard {
  Text id;
  Text name;
  Text stage_text;
  std::optional<core::Stage> stage;  // parsed stage, when valid
  core::Pos pos;                     // of the document

  Text customer_name;
  Text industry;
  std::vector<Contact> contacts;
  core::Pos customer_pos;
  bool has_customer = false;

  std::vector<TeamMember> team;
  core::Pos team_pos;

  DateField signed_date;
  DateField start;
  DateField go_live;
  Number value;
  Text currency;
  std::vector<ContractItem> items;
  std::vector<Payment> payments;
  core::Pos payments_pos;  // of the `payments:` list, else of the contract
  core::Pos contract_pos;
  bool has_contract = false;

  std::vector<Commitment> commitments;

  Kickoff kickoff;
  bool has_kickoff = false;

  DateField accepted;
  Int csat;
  Text retrospective;
  DateField went_live;        // the actual go-live date
  Number actual_effort_days;  // person-days actually spent
  Text csat_followup;         // what was done about a low satisfaction score
  std::vector<Lesson> lessons;
  core::Pos closure_pos;
  bool has_closure = false;

  // The after-sale handover: who supports the customer after go-live, until when, and how.
  Text support_owner;
  DateField support_until;
  Text support_channel;
  core::Pos support_pos;
  bool has_support = false;

  TextList tags;

  Text follows;  // the id of the project this one renews or continues

  std::vector<Suppression> suppressions;  // `suppress:`

  Outcome outcome;
  bool has_outcome = false;  // `outcome:` is written: the project is inactive

  // Returns the person holding `role` in the team, or nullptr.
  const TeamMember* member(const std::string& role) const;
  // Returns the delivery start: contract.start, else contract.signed.
  std::optional<Date> delivery_start() const;
};

// --- requirements.yaml ---------------------------------------------------------------------

struct Question {
  Text text;
  Text status;
  Text owner;
  DateField asked;
  Text answer;
  core::Pos pos;

  // Open: `status: open`, or no status and no answer yet.
  bool open() const;
};

struct Requirement {
  Text id;
  Text title;
  Text description;
  Text source;
  Text priority;  // must | should | could | wont
  Text type;
  Text contract_item;
  Text acceptance;
  Text status;  // draft | clarified | confirmed
  std::vector<Question> questions;
  core::Pos pos;

  // Returns true unless the priority is `wont`.
  bool in_scope() const { return !priority.has() || *priority != "wont"; }
  bool is_must() const { return priority.has() && *priority == "must"; }
  bool is_must_or_should() const { return is_must() || (priority.has() && *priority == "should"); }
};

// --- feasibility.yaml ----------------------------------------------------------------------

struct Assessment {
  Text requirement;
  Text verdict;
  Number effort_days;
  Text notes;
  TextList risks;
  core::Pos pos;
};

struct Feasibility {
  Text assessed_by;
  DateField date;
  Number duration_weeks;
  Number effort_days;
  Text confidence;
  core::Pos estimate_pos;
  Text recommendation;
  TextList conditions;
  std::vector<Assessment> assessments;
  core::Pos pos;
};

// --- plan.yaml -----------------------------------------------------------------------------

struct Milestone {
  Text id;
  Text name;
  DateField due;
  Text owner;
  TextList covers;
  TextList depends_on;
  Text acceptance;
  Text status;  // planned | in_progress | done | accepted
  DateField done;
  core::Pos pos;

  // Finished: done or accepted.
  bool finished() const;
  // Overdue on `today`: not finished and due before it.
  bool overdue(Date today) const;
  // Finished on time: finished, with a done date on or before its due date. Nullopt when it is
  // not finished or lacks either date (it counts neither way).
  std::optional<bool> finished_on_time() const;
};

struct RaciCell {
  std::string role;  // the key
  Text value;        // R | A | C | I | A/R
  core::Pos pos;     // of the key
};

struct RaciRow {
  Text activity;
  std::vector<RaciCell> cells;
  core::Pos pos;
};

struct Plan {
  std::vector<Milestone> milestones;
  std::vector<RaciRow> raci;
  Int cadence_days;
  DateField last_report;
  core::Pos reporting_pos;
  bool has_reporting = false;
  core::Pos pos;
};

// --- risks.yaml ----------------------------------------------------------------------------

struct Risk {
  Text id;
  Text title;
  Int probability;
  Int impact;
  Text owner;
  Text response;
  Text mitigation;
  Text status;
  DateField review_by;
  TextList refs;
  core::Pos pos;

  // Returns probability x impact, when both are set.
  std::optional<long long> score() const;
  // Live: open (also without a status) or occurred; mitigated and closed risks are not.
  bool live() const;
};

// --- changes.yaml --------------------------------------------------------------------------

struct Approval {
  Text role;
  Text by;
  DateField date;
  core::Pos pos;
};

struct Change {
  Text id;
  Text title;
  Text requested_by;
  DateField date;
  Text description;
  Text channel;   // email | call | meeting | chat | ticket | other
  Text priority;  // must | should | could
  TextList affects;
  Text classification;  // in_scope | value_added | out_of_scope
  Number effort_days;
  Number schedule_days;
  Number cost;
  core::Pos impact_pos;
  bool has_impact = false;
  Text status;  // proposed | assessed | approved | rejected | implemented
  std::vector<Approval> approvals;
  DateField implemented;
  core::Pos pos;

  // Returns the status; a change without one is proposed.
  std::string state() const { return status.value_or("proposed"); }
  // Decided: approved or implemented.
  bool decided() const;
  // Pending: proposed or assessed, not decided yet.
  bool pending() const;
  // Open: not finished with, i.e. pending or approved but not implemented.
  bool open() const;
  // Returns true when an approval for `role` is recorded.
  bool approved_for(const std::string& role) const;
};

// --- signoffs.yaml -------------------------------------------------------------------------

struct Signoff {
  Text role;
  Text person;
  DateField date;
  Text at;        // UTC timestamp "YYYY-MM-DDTHH:MM:SSZ"; absent in entries written before it existed
  Int canonical;  // version of the canonical form the digests use
  std::map<std::string, std::string> records;  // record name -> digest
  std::map<std::string, std::string> items;    // requirement / milestone / agreement id -> digest
  core::Pos pos;
};

// --- acceptance.yaml -----------------------------------------------------------------------

// The customer's verdict on one requirement at acceptance.
struct AcceptanceResult {
  Text requirement;
  Text result;  // passed | failed | waived
  Text evidence;
  Text note;
  core::Pos pos;

  bool passed() const { return result.has() && *result == "passed"; }
  bool failed() const { return result.has() && *result == "failed"; }
  bool waived() const { return result.has() && *result == "waived"; }
};

struct Acceptance {
  DateField date;
  Text signed_by;  // the customer's name, free text
  std::vector<AcceptanceResult> results;
  core::Pos pos;

  // Returns the last result recorded for requirement `id` (a retest follows the failed run), or nullptr.
  const AcceptanceResult* result_for(const std::string& id) const;
};

// --- activities.yaml -----------------------------------------------------------------------

// A presales activity: a visit, call, demo or workshop, its written summary and its hours.
struct Activity {
  Text id;
  DateField date;
  Text kind;          // visit | call | demo | workshop | proposal | other
  TextList by;        // persons
  TextList customer;  // free text
  Text summary;
  DateField summary_date;
  Number hours;
  Text confirmed_by;  // the sales person who confirmed the hours
  Text next_steps;
  core::Pos pos;

  // Where the written summary stands on `today` (HF104 and the portfolio's KPI read this).
  enum class Summary {
    unknown,  // the activity has no valid date: nothing can be judged
    not_due,  // no summary shared yet, and the day after the activity has not passed
    on_time,  // a summary, shared at most one day after the activity
    missing,  // no summary, and the day after the activity has passed
    undated,  // a summary without summary_date, and the day after the activity has passed
    late,     // a summary shared more than one day after the activity
  };
  Summary summary_state(Date today) const;
  // Returns the date the summary is due: the day after the activity.
  std::optional<Date> summary_due() const;
};

// --- a project -----------------------------------------------------------------------------

struct RecordFile {
  std::string path;     // relative to the workspace root
  bool exists = false;  // the file is there
  bool broken = false;  // it could not be read as YAML: its content is unknown
  // The parsed document, kept for sign-off digests; null when absent or broken.
  std::shared_ptr<const yaml::Node> tree;
};

struct Project {
  std::string folder;  // the folder name, which is the project's id
  std::string dir;     // relative to the workspace root ("projects/acme-mes")
  std::array<RecordFile, k_record_count> files;

  ProjectCard card;
  std::vector<Requirement> requirements;
  core::Pos requirements_pos{1, 1};  // the `requirements:` key, when written
  Feasibility feasibility;
  Plan plan;
  std::vector<Risk> risks;
  std::vector<Change> changes;
  std::vector<Signoff> signoffs;
  Acceptance acceptance;
  std::vector<Activity> activities;

  const RecordFile& file(Record record) const { return files[static_cast<std::size_t>(record)]; }
  // Returns the stage the project claims, or opportunity when it is unset or invalid.
  core::Stage stage() const { return card.stage.value_or(core::Stage::opportunity); }
  // Returns true when project.yaml records an outcome (lost, no_go, cancelled): only the schema
  // gate and HF106 apply to it, and it never advances.
  bool inactive() const { return card.has_outcome; }
  // Returns true while dates are tracked (milestones, risk reviews, status reports, change
  // responses): the project is being delivered or accepted.
  bool tracking_dates() const;
  // Returns when the next status report is due: one cadence after the last report, else one
  // cadence after the delivery start; nullopt without a cadence, or with neither date.
  std::optional<Date> next_status_report() const;

  // The estimated go-live: the delivery start plus estimated_days(duration_weeks); nullopt
  // without a start or a duration. HF304, the forecast and the reports use this one date.
  std::optional<Date> estimated_go_live() const;
  // The live risks in rank order (ranks_before): the order status and the reports rank them in.
  std::vector<const Risk*> ranked_risks() const;
  // The top risk: the first of ranked_risks() that has a score; nullptr when none has.
  const Risk* top_risk() const;
  // The milestones whose covers: names requirement `id`, in plan order.
  std::vector<const Milestone*> covering(const std::string& id) const;
  // Must coverage: a must requirement is covered when a milestone's covers: names it (HF401).
  bool covered(const Requirement& r) const;

  const Requirement* requirement(const std::string& id) const;
  const Milestone* milestone(const std::string& id) const;
  const Risk* risk(const std::string& id) const;
  const ContractItem* contract_item(const std::string& id) const;
  // Returns the date a payment's trigger happened: the milestone's completion date, the
  // acceptance date (closure.accepted), or the due date once it is
  // reached by `today`. Nullopt while the trigger has not happened (or cannot be dated).
  std::optional<Date> payment_trigger(const Payment& payment, Date today) const;
  // Holds up acceptance (HF604): a must requirement without an acceptance result, or whose
  // last result is failed. A result the loader rejected holds nothing up (HF002/HF003 report it).
  bool blocks_acceptance(const Requirement& r) const;
};

// The order risks rank in: highest score first (a risk without a score last), ties by id (one
// without an id after those with one).
bool ranks_before(const Risk& a, const Risk& b);

// The calendar days an estimate of `duration_weeks` needs: ceil(duration_weeks x 7), a part-day
// counting as a whole one (a hair of floating-point error does not add a day).
long long estimated_days(double duration_weeks);

// A project's schedule ratio: the days from its start to go-live over its estimated days
// (duration_weeks x 7). Nullopt without the three values, with a duration that is not positive,
// or with a go-live before the start. The forecast's reference class and the portfolio's
// estimate accuracy use it.
std::optional<double> schedule_ratio(std::optional<Date> start, std::optional<Date> went_live,
                                     std::optional<double> duration_weeks);

}  // namespace handoff::model
