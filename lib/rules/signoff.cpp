// Sign-offs (HF411–HF416, HF418 and HF420, gate `handoff`) and scope drift from the signed baseline (HF501,
// gate `control`): the plan both sides signed is bound to its content by digests
// (docs/signoffs.md), later scope changes go through change control, and a sign-off is only
// as good as the commit that added it (its author, HF414, and its SSH signature, HF418) and a
// committed one stays in the file (HF420).
#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "rules/describe.hpp"
#include "rules/engine.hpp"
#include "rules/rule.hpp"
#include "signoff/baseline.hpp"
#include "signoff/canonical.hpp"
#include "support/text.hpp"

namespace handoff::rules {

namespace {

using model::Record;
using model::Signoff;
using signoff::Drift;

std::string lower(std::string text)
{
  for (auto& c : text) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return text;
}

std::string date_of(const Signoff& s)
{
  return s.date.has() ? s.date->str() : "an unknown date";
}

// Returns "sign-off by zhang.min (implementation) on 2026-10-06".
std::string entry_name(const Signoff& s)
{
  const std::string role = s.role.has() ? " (" + *s.role + ")" : std::string();
  return "sign-off by " + s.person.value_or("?") + role + " on " + date_of(s);
}

std::string line_of(const Signoff& s)
{
  return "signoffs.yaml line " + std::to_string(s.pos.line);
}

// Returns "requirement REQ-002 \"Title\"", "contract go_live (2027-03-31)" or, for a removed
// id, just the id.
std::string describe(const Drift::Change& change)
{
  if (change.item == nullptr) {
    return change.id;
  }
  if (change.item->kind == "contract field") {
    std::string out = "contract " + change.id.substr(change.id.find('.') + 1);
    return change.item->title.empty() ? out : out + " (" + change.item->title + ")";
  }
  std::string out = change.item->kind + " " + change.id;
  if (change.item->record == Record::project) {
    // A commitment's text can be long: shortened, as in the other messages that quote text.
    out += change.item->title.empty() ? "" : " " + support::quote(change.item->title);
  } else if (!change.item->title.empty()) {
    out += " " + quote(change.item->title);
  }
  return out;
}

// Returns "sales (li.wei, 2026-10-05, line 4)".
std::string who_when(const Signoff& s)
{
  return (s.role.has() ? *s.role : std::string("?")) + " (" + (s.person.has() ? *s.person + ", " : std::string())
         + date_of(s) + ", line " + std::to_string(s.pos.line) + ")";
}

// --- HF411 ---------------------------------------------------------------------------------

void check_hf411(Context& ctx)
{
  const auto& p = ctx.project;
  if (p.file(Record::signoffs).broken || signoff::find_baseline(p)) {
    return;
  }
  const Signoff* sales = signoff::latest_signoff(p, "sales");
  const Signoff* implementation = signoff::latest_signoff(p, "implementation");
  const bool has_file = p.file(Record::signoffs).exists;
  const Record where = has_file ? Record::signoffs : Record::project;
  const core::Pos pos = has_file ? core::Pos{1, 1} : ctx.stage_pos();
  if (sales != nullptr && implementation != nullptr) {
    const Signoff& later = signoff::signed_before(*sales, *implementation) ? *implementation : *sales;
    ctx.report(Record::signoffs, later.pos,
               "the latest sales sign-off (line " + std::to_string(sales->pos.line)
                   + ") and implementation sign-off (line " + std::to_string(implementation->pos.line)
                   + ") bind to different content, so the project has no baseline; both sides sign the "
                     "current records again with `handoff sign "
                   + p.folder + " --role ...`");
    return;
  }
  for (const char* role : {"sales", "implementation"}) {
    if (signoff::latest_signoff(p, role) == nullptr) {
      ctx.report(where, pos,
                 std::string("no sign-off by ") + role + "; the " + role
                     + " owner signs the handoff with `handoff sign " + p.folder + " --role " + role + "`");
    }
  }
}

// --- HF412 ---------------------------------------------------------------------------------

// Reports what changed since `signed_`, which `who` signed.
void report_changes(Context& ctx, const Signoff& signed_, const std::string& who, const signoff::Content& now)
{
  const Drift d = signoff::drift(signed_, now);
  const std::string since = "after " + who + " signed it on " + date_of(signed_) + " (" + line_of(signed_) + ")";
  const std::string fix =
      "; sign again with `handoff sign " + ctx.project.folder + " --role ...` if the change is agreed, or undo it";
  for (const Record record : d.records) {
    std::vector<std::string> parts;
    std::vector<std::string> ids;
    core::Pos pos{1, 1};
    for (const auto& change : d.items) {
      if (change.item != nullptr && change.item->record == record) {
        if (ids.empty()) {
          pos = change.item->pos;
        }
        parts.push_back(describe(change) + " " + signoff::to_string(change.kind));
        ids.push_back(change.id);
      }
    }
    std::string message = std::string(model::file_name(record)) + " changed " + since;
    if (!parts.empty()) {
      message += ": " + support::join_words(parts, ", ");
    }
    ctx.report(record, pos, message + fix, ids);
  }
  for (const auto& change : d.items) {
    if (change.kind == Drift::Change::Kind::removed) {
      ctx.report(Record::signoffs, signed_.pos, change.id + " was removed from the records " + since + fix,
                 {change.id});
    }
  }
}

void check_hf412(Context& ctx)
{
  const auto& p = ctx.project;
  // Up to handoff (the gate a contracted project is entering, or the one it stands at); from
  // delivery on, HF501 judges every difference from the baseline.
  if (p.stage() > core::Stage::handoff || p.file(Record::signoffs).broken) {
    return;
  }
  const signoff::Content now = signoff::content_of(p);
  const signoff::Signatures sig = signoff::signatures(p);
  if (sig.baseline && !sig.disagree()) {
    report_changes(ctx, sig.baseline->latest(), "sales and implementation", now);
    return;
  }
  // No agreement yet, or the sides' latest entries disagree (HF416): each side's own latest.
  for (const char* role : {"sales", "implementation"}) {
    if (const Signoff* s = signoff::latest_signoff(p, role)) {
      report_changes(ctx, *s, std::string(role) + (s->person.has() ? " (" + *s->person + ")" : ""), now);
    }
  }
}

// --- HF413 ---------------------------------------------------------------------------------

void check_hf413(Context& ctx)
{
  const auto& p = ctx.project;
  for (const Signoff* entry : signoff::counting_entries(p)) {
    const Signoff& s = *entry;
    if (!s.role.has() || !s.person.has()) {
      continue;
    }
    if (ctx.config.has_registry) {
      const model::Person* person = ctx.config.person(*s.person);
      if (person == nullptr) {
        continue;  // HF007 reports an unknown person
      }
      std::vector<std::string> roles;
      for (const auto& r : person->roles.items) {
        if (r.has()) {
          roles.push_back(*r);
        }
      }
      if (std::find(roles.begin(), roles.end(), *s.role) == roles.end()) {
        ctx.report(Record::signoffs, s.role.pos,
                   *s.person + " signed as " + *s.role + " but holds "
                       + (roles.empty() ? std::string("no role") : "only " + support::join_words(roles, ", "))
                       + " in handoff.yaml; the " + *s.role + " owner must sign, or the registry is wrong",
                   {*s.person});
      }
      continue;
    }
    // Without a registry the team of project.yaml says who holds each role.
    const model::TeamMember* member = p.card.member(*s.role);
    if (member == nullptr || !member->person.has()) {
      ctx.report(Record::signoffs, s.role.pos,
                 *s.person + " signed as " + *s.role + " but project.yaml names no " + *s.role
                     + " in team:; add who holds the role",
                 {*s.person});
    } else if (*member->person != *s.person) {
      ctx.report(Record::signoffs, s.role.pos,
                 *s.person + " signed as " + *s.role + " but the team's " + *s.role + " is " + *member->person
                     + "; the " + *s.role + " owner must sign",
                 {*s.person});
    }
  }
}

// --- the entries HF414 and HF418 judge -------------------------------------------------------

// A sign-off entry and its node in signoffs.yaml (whose digest identifies it in git history).
struct Entry {
  const Signoff& signoff;
  const yaml::Node& node;
};

// Returns the sign-off entries whose commits HF414 and HF418 judge (the counting entries). Both
// rules and the signature tally take their entries from here, so they always judge one set.
std::vector<Entry> judged_entries(const model::Project& p)
{
  std::vector<Entry> out;
  const model::RecordFile& file = p.file(Record::signoffs);
  const yaml::Node* list = file.tree && file.tree->is_mapping() ? file.tree->find("signoffs") : nullptr;
  if (list == nullptr || !list->is_sequence()) {
    return out;
  }
  // Only the entries that count are judged: a superseded entry is history.
  const std::vector<const Signoff*> counting = signoff::counting_entries(p);
  std::size_t index = 0;
  for (const auto& node : list->children) {
    if (node.is_mapping() && index < p.signoffs.size()) {
      const Signoff& s = p.signoffs[index++];
      if (std::find(counting.begin(), counting.end(), &s) != counting.end()) {
        out.push_back({s, node});
      }
    }
  }
  return out;
}

// --- HF414 ---------------------------------------------------------------------------------

void check_hf414(Context& ctx)
{
  const auto& p = ctx.project;
  const model::RecordFile& file = p.file(Record::signoffs);
  if (ctx.history == nullptr || ctx.config.history == "off" || p.signoffs.empty() || !file.tree) {
    return;
  }
  const bool required = ctx.config.history == "required";
  using State = signoff::History::State;
  const State state = ctx.history->state();
  if (state != State::available) {
    if (required) {
      ctx.report(Record::signoffs, {1, 1},
                 "cannot verify who committed the sign-offs: " + ctx.history->problem()
                     + "; handoff.yaml sets history: required");
    } else if (state == State::incomplete) {
      // A shallow CI checkout: a located warning, which every format shows (a note would be
      // lost in JUnit and SARIF viewers), rather than a silent pass.
      ctx.report_as(core::Severity::warning, Record::signoffs, {1, 1},
                    "cannot verify who committed the sign-offs: " + ctx.history->problem());
    }
    return;  // otherwise the run says once what it could not check
  }
  if (!ctx.config.has_registry) {
    return;  // no e-mails to compare with; the run says so once
  }
  for (const auto& [s, node] : judged_entries(p)) {
    if (!s.person.has()) {
      continue;
    }
    const model::Person* person = ctx.config.person(*s.person);
    if (person == nullptr) {
      continue;  // HF007
    }
    const std::string what = entry_name(s);
    const auto author = ctx.history->added_by(file.path, signoff::digest(node));
    if (!author) {
      ctx.report_as(core::Severity::warning, Record::signoffs, s.pos,
                    what + " is not committed yet; " + *s.person + " commits it, so that git history shows who signed",
                    {*s.person});
      continue;
    }
    if (!person->email.has()) {
      ctx.report_as(core::Severity::warning, Record::signoffs, s.pos,
                    what + " cannot be verified: handoff.yaml has no email: for " + *s.person + " (committed by "
                        + author->email + " in " + author->commit + ")",
                    {*s.person});
      continue;
    }
    if (lower(author->email) != lower(*person->email)) {
      ctx.report(Record::signoffs, s.pos,
                 what + " was committed by " + author->name + " <" + author->email + "> in " + author->commit
                     + ", not by " + *s.person + " <" + *person->email
                     + ">; a sign-off counts only when the person it names commits it",
                 {*s.person});
    }
  }
}

// --- HF415 ---------------------------------------------------------------------------------

void check_hf415(Context& ctx)
{
  const auto& p = ctx.project;
  if (p.file(Record::signoffs).broken) {
    return;
  }
  const signoff::Signatures sig = signoff::signatures(p);
  if (sig.sales == nullptr || sig.implementation == nullptr || !sig.sales->person.has()
      || !sig.implementation->person.has() || *sig.sales->person != *sig.implementation->person) {
    return;
  }
  const Signoff& later = signoff::signed_before(*sig.sales, *sig.implementation) ? *sig.implementation : *sig.sales;
  const std::string& person = *sig.sales->person;
  ctx.report(Record::signoffs, later.pos,
             person + " is the latest signer for both sales (line " + std::to_string(sig.sales->pos.line)
                 + ") and implementation (line " + std::to_string(sig.implementation->pos.line)
                 + "); a handoff needs two people who each answer for their side: the other side's owner signs with "
                   "`handoff sign "
                 + p.folder + " --role " + (later.role.has() ? *later.role : std::string("...")) + "`",
             {person});
}

// --- HF416 ---------------------------------------------------------------------------------

void check_hf416(Context& ctx)
{
  const auto& p = ctx.project;
  if (p.file(Record::signoffs).broken) {
    return;
  }
  const signoff::Signatures sig = signoff::signatures(p);
  if (!sig.disagree()) {
    return;
  }
  const bool sales_later = signoff::signed_before(*sig.implementation, *sig.sales);
  const Signoff& later = sales_later ? *sig.sales : *sig.implementation;
  const Signoff& older = sales_later ? *sig.implementation : *sig.sales;
  const Drift d = signoff::drift_between(older, later);
  std::vector<std::string> files;
  for (const Record record : d.records) {
    files.emplace_back(model::file_name(record));
  }
  std::vector<std::string> ids;
  for (const auto& change : d.items) {
    ids.push_back(signoff::affects_name(change.id));
  }
  std::string message =
      "the latest " + who_when(later) + " and the latest " + who_when(older) + " sign-offs bind to different content";
  if (!files.empty()) {
    message += ": " + support::join_words(files) + (files.size() == 1 ? " differs" : " differ");
  }
  if (!ids.empty()) {
    const std::size_t shown = std::min<std::size_t>(ids.size(), 8);
    std::vector<std::string> head(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(shown));
    message += " (" + support::join_words(head, ", ") + (ids.size() > shown ? ", ..." : "") + ")";
  }
  // One side signing what the other side has since replaced is a rollback.
  for (const auto& s : p.signoffs) {
    if (s.role.has() && older.role.has() && *s.role == *older.role && &s != &older && signoff::signed_before(s, older)
        && signoff::same_content(s, later)) {
      message += "; " + *later.role + " signed again content that " + *older.role + " signed on " + date_of(s)
                 + " and has since superseded: a rollback";
      break;
    }
  }
  if (sig.baseline) {
    message += "; the baseline stays at what both signed on " + date_of(sig.baseline->latest()) + " (lines "
               + std::to_string(sig.baseline->sales->pos.line) + " and "
               + std::to_string(sig.baseline->implementation->pos.line) + ")";
  }
  message += "; if both sides agree with the records as they are, each signs them with `handoff sign " + p.folder
             + " --role ...`, otherwise restore the agreed records and sign again";
  ctx.report(Record::signoffs, later.pos, message, ids);
}

// --- HF418 ---------------------------------------------------------------------------------

// Returns why the commit `author` made does not prove that `person` signed (", which is not
// signed"), or nullopt when it is SSH-signed with one of their registered keys.
std::optional<std::string> signature_problem(const model::Config& config, const model::Person& person,
                                             const signoff::Author& author)
{
  using Kind = signoff::CommitSignature::Kind;
  const signoff::CommitSignature& sig = author.signature;
  const std::string id = person.id.value_or("?");
  switch (sig.kind) {
  case Kind::none:
    return std::string(", which is not signed");
  case Kind::gpg:
    return std::string(", whose GPG signature is not verifiable: use an SSH signing key");
  case Kind::x509:
    return std::string(", whose X.509 signature is not verifiable: use an SSH signing key");
  case Kind::unknown:
    if (!sig.problem.empty()) {
      return ", whose signature " + sig.problem;
    }
    return std::string(", whose signature (of an unknown format) is not verifiable: use an SSH signing key");
  case Kind::ssh:
    break;
  }
  if (!sig.verified()) {
    return ", whose SSH signature does not verify: " + sig.problem;
  }
  for (const auto& key : person.signing_keys) {
    if (key.blob == sig.key_blob) {
      return std::nullopt;
    }
  }
  const std::string signed_with = ", signed with key " + sig.fingerprint;
  if (const model::Person* owner = config.key_owner(sig.key_blob)) {
    return signed_with + " of " + owner->id.value_or("?") + ", not with a key of " + id;
  }
  if (person.signing_keys.empty()) {
    return signed_with + ", while handoff.yaml registers no signing_keys for " + id;
  }
  return signed_with + ", which handoff.yaml registers for nobody";
}

void check_hf418(Context& ctx)
{
  const auto& p = ctx.project;
  const model::RecordFile& file = p.file(Record::signoffs);
  if (ctx.config.signatures != "required" || ctx.history == nullptr || p.signoffs.empty() || !file.tree) {
    return;
  }
  const std::string cannot = "cannot verify the signatures of the commits that added the sign-offs: ";
  if (ctx.history->state() != signoff::History::State::available) {
    ctx.report(Record::signoffs, {1, 1}, cannot + ctx.history->problem() + "; handoff.yaml sets signatures: required");
    return;
  }
  if (!ctx.config.has_registry) {
    ctx.report(Record::signoffs, {1, 1},
               cannot + "handoff.yaml has no people: registry with signing_keys, and it sets signatures: required");
    return;
  }
  for (const auto& [s, node] : judged_entries(p)) {
    const model::Person* person = s.person.has() ? ctx.config.person(*s.person) : nullptr;
    if (person == nullptr) {
      continue;  // HF007
    }
    const auto author = ctx.history->added_by(file.path, signoff::digest(node));
    if (!author) {
      continue;  // not committed yet: HF414 warns, and a pre-commit hook must let it through
    }
    if (auto problem = signature_problem(ctx.config, *person, *author)) {
      ctx.report(Record::signoffs, s.pos,
                 entry_name(s) + " was added in commit " + author->commit + *problem
                     + "; with signatures: required a sign-off counts only in a commit signed with one of " + *s.person
                     + "'s signing_keys, so " + *s.person + " signs again and commits it signed",
                 {*s.person});
    }
  }
}

// --- HF420 ---------------------------------------------------------------------------------

// Returns "sign-off by li.wei (sales) on 2026-10-20", for an entry as a commit held it.
std::string committed_name(const signoff::CommittedEntry& e)
{
  return "sign-off by " + (e.person.empty() ? std::string("?") : e.person) + (e.role.empty() ? "" : " (" + e.role + ")")
         + " on " + (e.date.empty() ? std::string("an unknown date") : e.date);
}

void check_hf420(Context& ctx)
{
  const auto& p = ctx.project;
  const model::RecordFile& file = p.file(Record::signoffs);
  if (ctx.history == nullptr || (ctx.config.history == "off" && ctx.config.signatures != "required") || !file.exists
      || file.broken) {
    return;  // a project without signoffs.yaml has no sign-off (HF411): history is read only for those with one
  }
  if (ctx.history->state() != signoff::History::State::available) {
    return;  // HF414 and HF418 (when required) or the run's note say why
  }
  const std::vector<signoff::CommittedEntry> committed = ctx.history->committed(file.path);
  if (committed.empty()) {
    return;
  }
  std::vector<std::string> now;  // the digests of the entries in the file, in order
  const yaml::Node* list = file.tree && file.tree->is_mapping() ? file.tree->find("signoffs") : nullptr;
  if (list != nullptr && list->is_sequence()) {
    for (const auto& node : list->children) {
      if (node.is_mapping()) {
        now.push_back(signoff::digest(node));
      }
    }
  }
  const std::set<std::string> held(now.begin(), now.end());
  std::set<std::string> ever;
  for (const auto& e : committed) {
    ever.insert(e.digest);
  }
  for (const auto& e : committed) {
    if (held.count(e.digest) != 0) {
      continue;
    }
    // Dropped since HEAD: edited when an entry no commit held stands where it stood.
    const bool edited =
        e.dropped_in.empty() ? e.head_index < now.size() && ever.count(now[e.head_index]) == 0 : e.edited;
    const Signoff* counts = e.role.empty() ? nullptr : signoff::latest_signoff(p, e.role);
    const std::string how = edited ? "edited" : "removed";
    const std::string where =
        e.dropped_in.empty() ? " in the working tree (not committed yet)" : " in commit " + e.dropped_in;
    std::vector<std::string> ids;
    if (!e.person.empty()) {
      ids.push_back(e.person);
    }
    ctx.report(Record::signoffs, counts != nullptr ? counts->pos : core::Pos{1, 1},
               committed_name(e) + ", committed in " + e.added_in + ", was " + how + where
                   + "; signoffs.yaml is append-only: an agreement is rolled back or changed by signing again, never "
                     "by removing or editing entries, so restore the entry as committed (`git show "
                   + e.added_in + ":" + file.path + "`) and sign again if the agreement changed",
               ids);
  }
}

// --- HF501 ---------------------------------------------------------------------------------

void check_hf501(Context& ctx)
{
  const auto& p = ctx.project;
  const auto baseline = signoff::find_baseline(p);
  if (!baseline || p.file(Record::changes).broken) {
    return;  // no baseline: HF411 reports it; unreadable changes: HF001
  }
  const Signoff& base = baseline->latest();
  const signoff::Content now = signoff::content_of(p);
  const Drift d = signoff::drift(base, now);
  for (const auto& change : d.items) {
    std::vector<std::string> pending;
    bool covered = false;
    const std::string name = signoff::affects_name(change.id);
    for (const auto& c : p.changes) {
      const bool affects = std::any_of(c.affects.items.begin(), c.affects.items.end(),
                                       [&](const model::Text& id) { return id.has() && *id == name; });
      if (!affects) {
        continue;
      }
      if (c.decided()) {
        covered = true;
      } else if (c.id.has()) {
        pending.push_back(*c.id + " (" + c.state() + ")");
      }
    }
    if (covered) {
      continue;
    }
    std::string message = describe(change) + " was " + signoff::to_string(change.kind)
                          + " after the baseline signed on " + date_of(base) + " (" + line_of(base) + ")";
    if (pending.empty()) {
      message += " and no approved or implemented change request affects it; record one with `handoff change "
                 + p.folder + " --title ... --affects " + name + "` and get it approved";
    } else {
      message += " and the change requests that affect it are not approved: " + support::join_words(pending, ", ")
                 + "; get one approved";
    }
    if (change.item != nullptr) {
      ctx.report(change.item->record, change.item->pos, message + ", or undo the change", {change.id});
    } else {
      ctx.report(Record::signoffs, base.pos, message + ", or restore it", {change.id});
    }
  }
}

}  // namespace

std::optional<SignatureTally> tally_signatures(const model::Config& config, const model::Project& project,
                                               const signoff::History* history)
{
  const model::RecordFile& file = project.file(Record::signoffs);
  if (history == nullptr || project.signoffs.empty() || !file.tree
      || history->state() != signoff::History::State::available) {
    return std::nullopt;
  }
  SignatureTally tally;
  for (const auto& [s, node] : judged_entries(project)) {
    ++tally.counting;
    const model::Person* person = s.person.has() ? config.person(*s.person) : nullptr;
    const auto author = person != nullptr ? history->added_by(file.path, signoff::digest(node)) : std::nullopt;
    if (author && !signature_problem(config, *person, *author)) {
      ++tally.verified;
    }
  }
  return tally;
}

std::vector<Rule> signoff_rules()
{
  using core::Gate;
  using core::Severity;
  return {
      {"HF411", Gate::handoff, Severity::error, "Missing sign-off by sales or implementation", "缺少销售或实施的签字",
       "The handoff is complete when both sides sign the same content: sales, who made the promises, and "
       "implementation, who must keep them. Their latest pair of sign-offs over identical records is the "
       "project's baseline, against which later scope changes are judged. Each side signs with `handoff sign ID "
       "--role sales` or `--role implementation`; if they signed different versions of the records, the one "
       "who signed the older version signs again.",
       "双方对同一内容签字，交接才算完成：做出承诺的销售，以及必须兑现承诺的实施。双方对相同记录的最新一对签字构成项目"
       "基线，之后的范围变化都以它为准。各方用 `handoff sign ID --role sales` 或 `--role implementation` "
       "签字；如果双方签的是不同版本的记录，签了较旧版本的一方需要重新签字。",
       "signoffs:\n  - role: sales\n    person: li.wei\n    date: 2026-10-05\n    canonical: 1\n    records: ...\n"
       "  - role: implementation\n    person: zhang.min\n    date: 2026-10-06\n    canonical: 1\n    records: ...\n",
       check_hf411},
      {"HF412", Gate::handoff, Severity::error, "Signed content changed after sign-off", "签字后内容发生变化",
       "A sign-off binds to digests of the agreement in project.yaml (contract dates, value, currency, items and "
       "commitments), the requirements, the feasibility report and the plan, and of each contract item, "
       "commitment, requirement and milestone. While the project is at `handoff`, or is entering it (`check "
       "--next`, `advance` from `contracted`), any later change of that content (not of its formatting or "
       "comments) means the signatures no longer cover what is written: agree on the change and sign again, or "
       "undo it. From `delivery` on, HF501 judges differences from the baseline instead.",
       "签字绑定以下内容的摘要：project.yaml "
       "中的协议（合同日期、金额、币种、条目和承诺）、需求、可行性报告和计划，以及每个合同条目、承诺、需求和里程碑。项"
       "目处于 `handoff` 阶段或正要进入该阶段时（`check --next`、从 `contracted` 执行 "
       "`advance`"
       "），这些内容之后的任何改动（格式或注释除外）都意味着签字不再覆盖所写的内容：请就改动达成一致并重新签字，或撤销"
       "改动。从 `delivery` 起，改由 HF501 判断与基线的差异。",
       "handoff sign acme-mes --role sales\nhandoff sign acme-mes --role implementation\n", check_hf412},
      {"HF413", Gate::handoff, Severity::error, "Signer does not hold the role they signed for", "签字人不具备所签角色",
       "Only the owner of a role can sign for it: the person's `roles:` in the handoff.yaml registry must include "
       "the role signed for (without a registry, project.yaml's `team:` must name them for it). Only entries that "
       "count are judged: each role's latest entry and the two entries of the baseline; a superseded entry is "
       "history. Have the right person sign (their entry supersedes the wrong one), or correct the registry.",
       "只有角色的担任者才能为该角色签字：此人在 handoff.yaml 名册中的 `roles:` "
       "必须包含所签角色（没有名册时，project.yaml 的 `team:` "
       "必须将其列为该角色）。只判断有效的记录：每个角色的最新记录和基线的两条记录；被取代的记录属于历史。请由正确的人"
       "签字（其记录会取代错误的那条），或更正名册。",
       "people:\n  - id: li.wei\n    email: li.wei@example.com\n    roles: [sales]\n", check_hf413},
      {"HF414", Gate::handoff, Severity::error, "Sign-off not committed by the person it names",
       "签字记录不是由签字人本人提交",
       "Anyone can edit signoffs.yaml; git history shows who committed each entry, as far as the commit's author "
       "can be trusted: it is what the committer typed, so this catches mistakes, not forgeries (signed commits "
       "and HF418 do). The commit that added a sign-off entry must be authored with the registry e-mail of the "
       "person the entry names, so the signer commits their own "
       "sign-off (`handoff sign ID --role ROLE --commit`). Only entries that count are judged (each role's latest "
       "and the baseline's two), so a wrongly committed entry is repaired by the named person signing again and "
       "committing it. An entry not committed yet is a warning. In a shallow "
       "clone (a CI checkout) the commits may be missing, so each project with sign-offs gets a warning that they "
       "cannot be verified, at signoffs.yaml (an error with `history: required`; fetch the whole history, "
       "`fetch-depth: 0`); outside a git repository it is skipped with a note; `history: off` turns it off.",
       "任何人都可以编辑 signoffs.yaml；git "
       "历史记录了是谁提交了每条记录，但提交作者只在可信的范围内有效：它是提交者自己填写的，因此能发现失误，防不了伪造"
       "（签名提交和 HF418 "
       "才能）。添加签字记录的提交，其作者邮箱必须是记录所署人员在名册中的邮箱，即签字人提交自己的签字（`handoff sign "
       "ID --role ROLE "
       "--commit`"
       "）。只判断有效的记录（每个角色的最新记录和基线的两条），因此提交有误的记录，可由署名本人重新签字并提交来修正。"
       "尚未提交的记录给出警告。在浅克隆（CI 检出）中提交可能缺失，因此每个有签字的项目都会在 signoffs.yaml "
       "处得到一条无法核实的警告（`history: required` 时为错误；请获取完整历史，`fetch-depth: 0`）；不在 "
       "git 仓库中时跳过并给出说明；`history: off` 可关闭此检查。",
       "git log --format='%ae %s' -- projects/acme-mes/signoffs.yaml\n"
       "li.wei@example.com handoff(acme-mes): sign as sales (li.wei)\n",
       check_hf414},
      {"HF415", Gate::handoff, Severity::error, "One person is the latest signer for both sides",
       "同一人是双方最新的签字人",
       "A handoff is two people agreeing: sales, who made the promises, and implementation, who must keep them. "
       "When the latest sales sign-off and the latest implementation sign-off name the same person (someone "
       "who holds both roles in the registry, for instance), nobody checked that person's promises. The owner "
       "of the other side signs with `handoff sign ID --role ROLE`; their entry supersedes the earlier one.",
       "交接是两个人达成一致：做出承诺的销售，以及必须兑现承诺的实施。当最新的销售签字和最新的实施签字是同一个人（例如"
       "在名册中同时担任两个角色的人）时，没有人核查过此人的承诺。请由另一方的负责人用 `handoff sign ID --role ROLE` "
       "签字；其记录会取代之前的那条。",
       "signoffs:\n  - role: sales\n    person: li.wei\n    ...\n  - role: implementation\n    person: zhang.min\n"
       "    ...\n",
       check_hf415},
      {"HF416", Gate::handoff, Severity::error, "The sides' latest sign-offs disagree", "双方最新的签字内容不一致",
       "A later sign-off of a role supersedes that role's earlier ones, and the baseline is the content the latest "
       "sales and the latest implementation sign-offs agree on. When they bind to different content, one side "
       "signed something the other has not: a one-sided re-sign after an edit, or a rollback to an older "
       "agreement. The baseline then stays at the most recent earlier agreement. The finding names both "
       "entries, the records and the ids that differ. If both sides agree with the records as they are, the "
       "other side signs them too; otherwise restore the agreed records and sign again.",
       "某个角色较晚的签字会取代该角色较早的签字，基线是最新的销售签字和最新的实施签字共同认可的内容。当两者绑定的内容"
       "不同时，说明一方签了另一方没有签的内容：改动后只有一方重新签字，或回退到了旧的协议。此时基线停留在最近一次更早"
       "的共识上。发现会列出两条记录，以及不同的记录文件和编号。如果双方都认可当前的记录，请另一方也签字；否则恢复已商"
       "定的记录并重新签字。",
       "# both latest entries bind to the same digests\nhandoff sign acme-mes --role sales\n"
       "handoff sign acme-mes --role implementation\n",
       check_hf416},
      {"HF418", Gate::handoff, Severity::error, "Sign-off commit not signed by a registered key of its signer",
       "签字提交未使用签字人登记的密钥签名",
       "The author of a git commit is whatever the committer typed, so HF414 alone cannot tell a forged sign-off "
       "from a real one. With `signatures: required` in handoff.yaml, the commit that added each counting "
       "sign-off entry must carry an SSH signature (git's `gpg.format=ssh`) that verifies, made with a key "
       "listed in the `signing_keys:` of the person the entry names. Unsigned commits, signatures that do not "
       "verify, unknown keys, someone else's key and GPG or X.509 signatures (not verifiable here: use an SSH "
       "signing key) are errors; an entry not committed yet is left to HF414. Signatures are verified "
       "in-process, without ssh-keygen or gpg. The person signs again and commits it signed "
       "(`handoff sign ID --role ROLE --commit` signs when git's `commit.gpgsign` is true). Without `signatures: "
       "required`, `check` notes how many counting entries are SSH-verified.",
       "git 提交的作者是提交者自己填写的，因此仅凭 HF414 无法区分伪造的签字和真实的签字。在 handoff.yaml 中设置 "
       "`signatures: required` 后，添加每条有效签字记录的提交都必须带有可验证的 SSH 签名（git 的 "
       "`gpg.format=ssh`），且所用密钥列在记录所署人员的 `signing_keys:` "
       "中。未签名的提交、无法验证的签名、未知密钥、他人的密钥，以及 GPG 或 X.509 签名（此处无法验证：请使用 SSH "
       "签名密钥）都是错误；尚未提交的记录交由 HF414 处理。签名在进程内验证，不需要 ssh-keygen 或 "
       "gpg。请由本人重新签字并以签名方式提交（git 的 `commit.gpgsign` 为 true 时，`handoff sign ID --role ROLE "
       "--commit` 会签名）。没有 `signatures: required` 时，`check` 会说明有多少条有效记录通过了 SSH 验证。",
       "# handoff.yaml\nsignatures: required\npeople:\n  - id: zhang.min\n    email: zhang.min@example.com\n"
       "    roles: [implementation]\n    signing_keys:\n      - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI... "
       "zhang.min@laptop\n",
       check_hf418},
      {"HF420", Gate::handoff, Severity::error, "A committed sign-off entry was removed or edited",
       "已提交的签字记录被删除或修改",
       "signoffs.yaml is append-only: `handoff sign` adds entries and nothing takes them away. A later entry of a "
       "role supersedes the earlier ones, so an agreement is changed, or rolled back to an older one, by signing "
       "again; deleting the newer entries instead would bring an older agreement back without anyone signing it. "
       "git history keeps every entry ever committed: each one that HEAD's commits held in some version of the "
       "file and that the file no longer holds, unchanged, is an error, reported at the entry of its role that "
       "now counts (at the file when there is none) and naming the commit that removed or edited it (or the "
       "working tree, before it is committed). Restore the entry as committed (`git show COMMIT:PATH` prints the "
       "file as it was) and sign again if the agreement changed. Needs git history, like HF414: "
       "skipped in a shallow clone (HF414 warns) or outside a repository (with a note), and off with `history: off` "
       "(unless "
       "`signatures: required`).",
       "signoffs.yaml 只能追加：`handoff sign` "
       "只添加记录，没有任何操作会删除记录。某个角色较晚的记录会取代较早的记录，因此变更协议或回退到旧协议，都应通过重"
       "新签字来完成；如果改为删除较新的记录，就会在无人签字的情况下恢复旧协议。git "
       "历史保留了每条曾经提交过的记录：HEAD "
       "的提交中某个版本的文件曾包含、而当前文件不再原样包含的每条记录都是错误，报告在该角色当前有效的记录处（没有时报"
       "告在文件处），并指出删除或修改它的提交（尚未提交时为工作区）。请按提交时的样子恢复该记录（`git show "
       "COMMIT:PATH` 可打印当时的文件），如协议确有变化，再重新签字。与 HF414 一样需要 git "
       "历史：在浅克隆中跳过（HF414 给出警告），在仓库之外时跳过并给出说明，`history: off` 时关闭（`signatures: "
       "required` 时除外）。",
       "# sign again instead of deleting entries\nhandoff sign acme-mes --role sales\n"
       "handoff sign acme-mes --role implementation\n",
       check_hf420},
      {"HF501", Gate::control, Severity::error, "Scope drift since the baseline without a change request",
       "基线之后的范围变化没有变更申请",
       "Once sales and implementation signed the handoff, every requirement, milestone, contract item or "
       "commitment added, changed (in its signed fields: for a milestone its name, due date, owner, coverage, "
       "dependencies or acceptance) or removed, and every change of the contract's dates, value or currency, "
       "needs an approved or implemented change request whose `affects:` names it (`go_live` for the go-live "
       "date). Progress (status, done dates, answered questions) is not scope. Record the change with `handoff "
       "change ID --title ... --affects ID` and get it approved, or undo the edit; a new pair of sign-offs "
       "re-baselines. A customer-approved slip is recorded this way: a change request affecting go_live, the "
       "new date in project.yaml, the original promise in the baseline and in git.",
       "销售和实施签署交接之后，每个新增、修改（指已签字的字段：对里程碑而言为名称、计划日期、负责人、覆盖范围、依赖或"
       "验收标准）或删除的需求、里程碑、合同条目或承诺，以及合同日期、金额或币种的每一处改动，都需要一个已批准或已实施"
       "、且在 `affects:` 中指明它的变更申请（上线日期用 "
       "`go_live`）。进展（状态、完成日期、已答复的问题）不属于范围。请用 `handoff change ID --title ... --affects ID` "
       "记录变更并获得批准，或撤销改动；新的一对签字会重新建立基线。客户批准的延期也这样记录：一个影响 go_live "
       "的变更申请，在 project.yaml 中填写新日期，原承诺保留在基线和 git 中。",
       "changes:\n  - id: CR-004\n    title: Shift report\n    affects: [REQ-009]\n    status: approved\n",
       check_hf501},
  };
}

}  // namespace handoff::rules
