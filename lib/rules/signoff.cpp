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

std::string date_of_zh(const Signoff& s)
{
  return s.date.has() ? s.date->str() : "未知日期";
}

// Returns "sign-off by zhang.min (implementation) on 2026-10-06", and in Chinese.
core::Message entry_name(const Signoff& s)
{
  const std::string person = s.person.value_or("?");
  const std::string role = s.role.has() ? " (" + *s.role + ")" : std::string();
  const std::string role_zh = s.role.has() ? "（" + *s.role + "）" : std::string();
  return {"sign-off by " + person + role + " on " + date_of(s), person + role_zh + "于 " + date_of_zh(s) + " 的签字"};
}

std::string line_of(const Signoff& s)
{
  return "signoffs.yaml line " + std::to_string(s.pos.line);
}

std::string line_of_zh(const Signoff& s)
{
  return "signoffs.yaml 第 " + std::to_string(s.pos.line) + " 行";
}

// Returns "被新增", "被修改" or "被删除": what happened to an item, in Chinese.
std::string change_zh(Drift::Change::Kind kind)
{
  switch (kind) {
  case Drift::Change::Kind::added:
    return "被新增";
  case Drift::Change::Kind::changed:
    return "被修改";
  case Drift::Change::Kind::removed:
    return "被删除";
  }
  return "被修改";
}

// Returns the Chinese name of a kind of signed item (signoff::Item::kind).
std::string item_kind_zh(const std::string& kind)
{
  if (kind == "requirement") {
    return "需求";
  }
  if (kind == "milestone") {
    return "里程碑";
  }
  if (kind == "contract item") {
    return "合同条目";
  }
  if (kind == "commitment") {
    return "承诺";
  }
  if (kind == "payment") {
    return "回款";
  }
  return kind;
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

// The same in Chinese: `需求 REQ-002 "Title"`, `合同 go_live（2027-03-31）`.
std::string describe_zh(const Drift::Change& change)
{
  if (change.item == nullptr) {
    return change.id;
  }
  if (change.item->kind == "contract field") {
    std::string out = "合同 " + change.id.substr(change.id.find('.') + 1);
    return change.item->title.empty() ? out : out + "（" + change.item->title + "）";
  }
  std::string out = item_kind_zh(change.item->kind) + " " + change.id;
  if (change.item->record == Record::project) {
    out += change.item->title.empty() ? "" : " " + support::quote(change.item->title);
  } else if (!change.item->title.empty()) {
    out += " " + quote(change.item->title);
  }
  return out;
}

// Returns "sales (li.wei, 2026-10-05, line 4)", and in Chinese.
core::Message who_when(const Signoff& s)
{
  const std::string role = s.role.has() ? *s.role : std::string("?");
  const std::string line = std::to_string(s.pos.line);
  return {role + " (" + (s.person.has() ? *s.person + ", " : std::string()) + date_of(s) + ", line " + line + ")",
          role + "（" + (s.person.has() ? *s.person + "，" : std::string()) + date_of_zh(s) + "，第 " + line + " 行）"};
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
    const std::string sales_line = std::to_string(sales->pos.line);
    const std::string implementation_line = std::to_string(implementation->pos.line);
    ctx.report(Record::signoffs, later.pos,
               {"the latest sales sign-off (line " + sales_line + ") and implementation sign-off (line "
                    + implementation_line
                    + ") bind to different content, so the project has no baseline; both sides sign the "
                      "current records again with `handoff sign "
                    + p.folder + " --role ...`",
                "最新的销售签字（第 " + sales_line + " 行）和实施签字（第 " + implementation_line
                    + " 行）绑定的内容不同，因此项目没有基线；请双方用 `handoff sign " + p.folder
                    + " --role ...` 对当前记录重新签字"});
    return;
  }
  for (const char* role : {"sales", "implementation"}) {
    if (signoff::latest_signoff(p, role) == nullptr) {
      const std::string command = "`handoff sign " + p.folder + " --role " + role + "`";
      ctx.report(where, pos,
                 {std::string("no sign-off by ") + role + "; the " + role + " owner signs the handoff with " + command,
                  std::string("缺少 ") + role + " 的签字；请由 " + role + " 负责人用 " + command + " 签署交接"});
    }
  }
}

// --- HF412 ---------------------------------------------------------------------------------

// Reports what changed since `signed_`, which `who` signed.
void report_changes(Context& ctx, const Signoff& signed_, const core::Message& who, const signoff::Content& now)
{
  const Drift d = signoff::drift(signed_, now);
  const core::Message since{"after " + who.en + " signed it on " + date_of(signed_) + " (" + line_of(signed_) + ")",
                            "在 " + who.zh + " 于 " + date_of_zh(signed_) + " 签字（" + line_of_zh(signed_) + "）之后"};
  const std::string command = "`handoff sign " + ctx.project.folder + " --role ...`";
  const core::Message fix{"; sign again with " + command + " if the change is agreed, or undo it",
                          "；如果改动已获同意，请用 " + command + " 重新签字，否则撤销改动"};
  for (const Record record : d.records) {
    std::vector<std::string> parts;
    std::vector<std::string> parts_zh;
    std::vector<std::string> ids;
    core::Pos pos{1, 1};
    for (const auto& change : d.items) {
      if (change.item != nullptr && change.item->record == record) {
        if (ids.empty()) {
          pos = change.item->pos;
        }
        parts.push_back(describe(change) + " " + signoff::to_string(change.kind));
        parts_zh.push_back(describe_zh(change) + " " + change_zh(change.kind));
        ids.push_back(change.id);
      }
    }
    const std::string file(model::file_name(record));
    core::Message message{file + " changed " + since.en, file + " " + since.zh + "发生了变化"};
    if (!parts.empty()) {
      message.en += ": " + support::join_words(parts, ", ");
      message.zh += "：" + join_zh(parts_zh);
    }
    ctx.report(record, pos, {message.en + fix.en, message.zh + fix.zh}, ids);
  }
  for (const auto& change : d.items) {
    if (change.kind == Drift::Change::Kind::removed) {
      ctx.report(Record::signoffs, signed_.pos,
                 {change.id + " was removed from the records " + since.en + fix.en,
                  change.id + " " + since.zh + "从记录中被删除" + fix.zh},
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
    report_changes(ctx, sig.baseline->latest(), {"sales and implementation", "sales 和 implementation"}, now);
    return;
  }
  // No agreement yet, or the sides' latest entries disagree (HF416): each side's own latest.
  for (const char* role : {"sales", "implementation"}) {
    if (const Signoff* s = signoff::latest_signoff(p, role)) {
      report_changes(ctx, *s,
                     {std::string(role) + (s->person.has() ? " (" + *s->person + ")" : ""),
                      std::string(role) + (s->person.has() ? "（" + *s->person + "）" : "")},
                     now);
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
                   {*s.person + " signed as " + *s.role + " but holds "
                        + (roles.empty() ? std::string("no role") : "only " + support::join_words(roles, ", "))
                        + " in handoff.yaml; the " + *s.role + " owner must sign, or the registry is wrong",
                    *s.person + " 以 " + *s.role + " 身份签字，但在 handoff.yaml 中"
                        + (roles.empty() ? std::string("没有任何角色") : "只担任 " + join_zh(roles)) + "；应由 "
                        + *s.role + " 负责人签字，或者名册有误"},
                   {*s.person});
      }
      continue;
    }
    // Without a registry the team of project.yaml says who holds each role.
    const model::TeamMember* member = p.card.member(*s.role);
    if (member == nullptr || !member->person.has()) {
      ctx.report(Record::signoffs, s.role.pos,
                 {*s.person + " signed as " + *s.role + " but project.yaml names no " + *s.role
                      + " in team:; add who holds the role",
                  *s.person + " 以 " + *s.role + " 身份签字，但 project.yaml 的 team: 中没有 " + *s.role
                      + "；请添加担任该角色的人"},
                 {*s.person});
    } else if (*member->person != *s.person) {
      ctx.report(Record::signoffs, s.role.pos,
                 {*s.person + " signed as " + *s.role + " but the team's " + *s.role + " is " + *member->person
                      + "; the " + *s.role + " owner must sign",
                  *s.person + " 以 " + *s.role + " 身份签字，但团队中的 " + *s.role + " 是 " + *member->person
                      + "；应由 " + *s.role + " 负责人签字"},
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
    const core::Message cannot{"cannot verify who committed the sign-offs: " + ctx.history->problem(),
                               "无法核实签字记录由谁提交：" + ctx.history->problem_zh()};
    if (required) {
      ctx.report(
          Record::signoffs, {1, 1},
          {cannot.en + "; handoff.yaml sets history: required", cannot.zh + "；handoff.yaml 设置了 history: required"});
    } else if (state == State::incomplete) {
      // A shallow CI checkout: a located warning, which every format shows (a note would be
      // lost in JUnit and SARIF viewers), rather than a silent pass.
      ctx.report_as(core::Severity::warning, Record::signoffs, {1, 1}, cannot);
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
    const core::Message what = entry_name(s);
    const auto author = ctx.history->added_by(file.path, signoff::digest(node));
    if (!author) {
      ctx.report_as(
          core::Severity::warning, Record::signoffs, s.pos,
          {what.en + " is not committed yet; " + *s.person + " commits it, so that git history shows who signed",
           what.zh + "尚未提交；请由 " + *s.person + " 提交，让 git 历史显示是谁签的字"},
          {*s.person});
      continue;
    }
    if (!person->email.has()) {
      ctx.report_as(core::Severity::warning, Record::signoffs, s.pos,
                    {what.en + " cannot be verified: handoff.yaml has no email: for " + *s.person + " (committed by "
                         + author->email + " in " + author->commit + ")",
                     what.zh + "无法核实：handoff.yaml 中没有 " + *s.person + " 的 email:（由 " + author->email + " 在 "
                         + author->commit + " 中提交）"},
                    {*s.person});
      continue;
    }
    if (lower(author->email) != lower(*person->email)) {
      const std::string by = author->name + " <" + author->email + ">";
      const std::string named = *s.person + " <" + *person->email + ">";
      ctx.report(Record::signoffs, s.pos,
                 {what.en + " was committed by " + by + " in " + author->commit + ", not by " + named
                      + "; a sign-off counts only when the person it names commits it",
                  what.zh + "由 " + by + " 在 " + author->commit + " 中提交，而不是 " + named
                      + "；签字记录只有由署名本人提交才有效"},
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
  const std::string sales_line = std::to_string(sig.sales->pos.line);
  const std::string implementation_line = std::to_string(sig.implementation->pos.line);
  const std::string command =
      "`handoff sign " + p.folder + " --role " + (later.role.has() ? *later.role : std::string("...")) + "`";
  ctx.report(Record::signoffs, later.pos,
             {person + " is the latest signer for both sales (line " + sales_line + ") and implementation (line "
                  + implementation_line
                  + "); a handoff needs two people who each answer for their side: the other side's owner signs with "
                  + command,
              person + " 同时是 sales（第 " + sales_line + " 行）和 implementation（第 " + implementation_line
                  + " 行）的最新签字人；交接需要两个人各自为己方负责：请由另一方的负责人用 " + command + " 签字"},
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
  const core::Message later_who = who_when(later);
  const core::Message older_who = who_when(older);
  core::Message message{"the latest " + later_who.en + " and the latest " + older_who.en
                            + " sign-offs bind to different content",
                        "最新的 " + later_who.zh + " 签字和最新的 " + older_who.zh + " 签字绑定的内容不同"};
  if (!files.empty()) {
    message.en += ": " + support::join_words(files) + (files.size() == 1 ? " differs" : " differ");
    message.zh += "：" + join_zh(files) + " 不同";
  }
  if (!ids.empty()) {
    const std::size_t shown = std::min<std::size_t>(ids.size(), 8);
    std::vector<std::string> head(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(shown));
    message.en += " (" + support::join_words(head, ", ") + (ids.size() > shown ? ", ..." : "") + ")";
    message.zh += "（" + join_zh(head) + (ids.size() > shown ? " 等" : "") + "）";
  }
  // One side signing what the other side has since replaced is a rollback.
  for (const auto& s : p.signoffs) {
    if (s.role.has() && older.role.has() && *s.role == *older.role && &s != &older && signoff::signed_before(s, older)
        && signoff::same_content(s, later)) {
      message.en += "; " + *later.role + " signed again content that " + *older.role + " signed on " + date_of(s)
                    + " and has since superseded: a rollback";
      message.zh += "；" + *later.role + " 重新签了 " + *older.role + " 于 " + date_of_zh(s)
                    + " 签过、之后又已取代的内容：这是回退";
      break;
    }
  }
  if (sig.baseline) {
    const std::string sales_line = std::to_string(sig.baseline->sales->pos.line);
    const std::string implementation_line = std::to_string(sig.baseline->implementation->pos.line);
    message.en += "; the baseline stays at what both signed on " + date_of(sig.baseline->latest()) + " (lines "
                  + sales_line + " and " + implementation_line + ")";
    message.zh += "；基线停留在双方于 " + date_of_zh(sig.baseline->latest()) + " 共同签署的内容（第 " + sales_line
                  + " 行和第 " + implementation_line + " 行）";
  }
  const std::string command = "`handoff sign " + p.folder + " --role ...`";
  message.en += "; if both sides agree with the records as they are, each signs them with " + command
                + ", otherwise restore the agreed records and sign again";
  message.zh += "；如果双方都认可当前的记录，请各自用 " + command + " 签字，否则恢复已商定的记录并重新签字";
  ctx.report(Record::signoffs, later.pos, std::move(message), ids);
}

// --- HF418 ---------------------------------------------------------------------------------

// Returns why the commit `author` made does not prove that `person` signed (", which is not
// signed"), or nullopt when it is SSH-signed with one of their registered keys.
std::optional<core::Message> signature_problem(const model::Config& config, const model::Person& person,
                                               const signoff::Author& author)
{
  using Kind = signoff::CommitSignature::Kind;
  const signoff::CommitSignature& sig = author.signature;
  const std::string id = person.id.value_or("?");
  switch (sig.kind) {
  case Kind::none:
    return core::Message{", which is not signed", "，该提交没有签名"};
  case Kind::gpg:
    return core::Message{", whose GPG signature is not verifiable: use an SSH signing key",
                         "，其 GPG 签名在此无法验证：请使用 SSH 签名密钥"};
  case Kind::x509:
    return core::Message{", whose X.509 signature is not verifiable: use an SSH signing key",
                         "，其 X.509 签名在此无法验证：请使用 SSH 签名密钥"};
  case Kind::unknown:
    if (!sig.problem.empty()) {
      return core::Message{", whose signature " + sig.problem, "，其签名有问题：" + sig.problem};
    }
    return core::Message{", whose signature (of an unknown format) is not verifiable: use an SSH signing key",
                         "，其签名格式未知，无法验证：请使用 SSH 签名密钥"};
  case Kind::ssh:
    break;
  }
  if (!sig.verified()) {
    return core::Message{", whose SSH signature does not verify: " + sig.problem,
                         "，其 SSH 签名验证失败：" + sig.problem};
  }
  for (const auto& key : person.signing_keys) {
    if (key.blob == sig.key_blob) {
      return std::nullopt;
    }
  }
  const core::Message signed_with{", signed with key " + sig.fingerprint, "，使用的密钥是 " + sig.fingerprint};
  if (const model::Person* owner = config.key_owner(sig.key_blob)) {
    const std::string other = owner->id.value_or("?");
    return core::Message{signed_with.en + " of " + other + ", not with a key of " + id,
                         signed_with.zh + "，属于 " + other + "，而不是 " + id + " 的密钥"};
  }
  if (person.signing_keys.empty()) {
    return core::Message{signed_with.en + ", while handoff.yaml registers no signing_keys for " + id,
                         signed_with.zh + "，而 handoff.yaml 没有为 " + id + " 登记 signing_keys"};
  }
  return core::Message{signed_with.en + ", which handoff.yaml registers for nobody",
                       signed_with.zh + "，handoff.yaml 没有把它登记给任何人"};
}

void check_hf418(Context& ctx)
{
  const auto& p = ctx.project;
  const model::RecordFile& file = p.file(Record::signoffs);
  if (ctx.config.signatures != "required" || ctx.history == nullptr || p.signoffs.empty() || !file.tree) {
    return;
  }
  const core::Message cannot{"cannot verify the signatures of the commits that added the sign-offs: ",
                             "无法验证添加签字记录的提交的签名："};
  if (ctx.history->state() != signoff::History::State::available) {
    ctx.report(Record::signoffs, {1, 1},
               {cannot.en + ctx.history->problem() + "; handoff.yaml sets signatures: required",
                cannot.zh + ctx.history->problem_zh() + "；handoff.yaml 设置了 signatures: required"});
    return;
  }
  if (!ctx.config.has_registry) {
    ctx.report(Record::signoffs, {1, 1},
               {cannot.en + "handoff.yaml has no people: registry with signing_keys, and it sets signatures: required",
                cannot.zh + "handoff.yaml 没有带 signing_keys 的 people: 名册，却设置了 signatures: required"});
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
      const core::Message what = entry_name(s);
      ctx.report(Record::signoffs, s.pos,
                 {what.en + " was added in commit " + author->commit + problem->en
                      + "; with signatures: required a sign-off counts only in a commit signed with one of " + *s.person
                      + "'s signing_keys, so " + *s.person + " signs again and commits it signed",
                  what.zh + "添加于提交 " + author->commit + problem->zh
                      + "；设置 signatures: required 时，签字记录只有在用 " + *s.person
                      + " 的 signing_keys 之一签名的提交中才有效，请由 " + *s.person + " 重新签字并以签名方式提交"},
                 {*s.person});
    }
  }
}

// --- HF420 ---------------------------------------------------------------------------------

// Returns "sign-off by li.wei (sales) on 2026-10-20", for an entry as a commit held it, and in Chinese.
core::Message committed_name(const signoff::CommittedEntry& e)
{
  const std::string person = e.person.empty() ? std::string("?") : e.person;
  return {"sign-off by " + person + (e.role.empty() ? "" : " (" + e.role + ")") + " on "
              + (e.date.empty() ? std::string("an unknown date") : e.date),
          person + (e.role.empty() ? "" : "（" + e.role + "）") + "于 "
              + (e.date.empty() ? std::string("未知日期") : e.date) + " 的签字"};
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
    const std::string where_zh = e.dropped_in.empty() ? "在工作区中（尚未提交）" : "在提交 " + e.dropped_in + " 中";
    std::vector<std::string> ids;
    if (!e.person.empty()) {
      ids.push_back(e.person);
    }
    const core::Message name = committed_name(e);
    const std::string show = "`git show " + e.added_in + ":" + file.path + "`";
    ctx.report(Record::signoffs, counts != nullptr ? counts->pos : core::Pos{1, 1},
               {name.en + ", committed in " + e.added_in + ", was " + how + where
                    + "; signoffs.yaml is append-only: an agreement is rolled back or changed by signing again, never "
                      "by removing or editing entries, so restore the entry as committed ("
                    + show + ") and sign again if the agreement changed",
                name.zh + "（提交于 " + e.added_in + "）" + where_zh + (edited ? "被修改" : "被删除")
                    + "；signoffs.yaml "
                      "只能追加：回退或变更协议要通过重新签字，绝不能删除或修改记录，请按提交时的样子恢复该记录（"
                    + show + "），如协议确有变化，再重新签字"},
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
    std::vector<std::string> pending_zh;
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
        pending_zh.push_back(*c.id + "（" + c.state() + "）");
      }
    }
    if (covered) {
      continue;
    }
    core::Message message{describe(change) + " was " + signoff::to_string(change.kind)
                              + " after the baseline signed on " + date_of(base) + " (" + line_of(base) + ")",
                          describe_zh(change) + " 在 " + date_of_zh(base) + " 签署的基线（" + line_of_zh(base)
                              + "）之后" + change_zh(change.kind)};
    if (pending.empty()) {
      const std::string command = "`handoff change " + p.folder + " --title ... --affects " + name + "`";
      message.en += " and no approved or implemented change request affects it; record one with " + command
                    + " and get it approved";
      message.zh += "，且没有已批准或已实施的变更申请涉及它；请用 " + command + " 记录变更申请并获得批准";
    } else {
      message.en += " and the change requests that affect it are not approved: " + support::join_words(pending, ", ")
                    + "; get one approved";
      message.zh += "，涉及它的变更申请尚未批准：" + join_zh(pending_zh) + "；请让其中一个获得批准";
    }
    if (change.item != nullptr) {
      ctx.report(change.item->record, change.item->pos,
                 {message.en + ", or undo the change", message.zh + "，或撤销改动"}, {change.id});
    } else {
      ctx.report(Record::signoffs, base.pos, {message.en + ", or restore it", message.zh + "，或恢复它"}, {change.id});
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
