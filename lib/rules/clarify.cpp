// Gate `clarify` (HF201–HF207): by the time the contract is signed, every requirement has been
// clarified into something implementation can build and test (the Requirement Clarification Form).
#include <algorithm>
#include <set>
#include <string>
#include <string_view>

#include "rules/describe.hpp"
#include "rules/rule.hpp"
#include "support/text.hpp"

namespace handoff::rules {

namespace {

using rules::describe;

using model::Record;

void check_hf201(Context& ctx)
{
  for (const auto& req : ctx.project.requirements) {
    if (req.is_must_or_should() && !req.acceptance.has()) {
      ctx.report(Record::requirements, req.pos,
                 *req.priority + " requirement " + describe(req)
                     + " has no acceptance criterion; add acceptance: with a measurable outcome or Given/When/Then",
                 ids_of(req.id));
    }
  }
}

void check_hf202(Context& ctx)
{
  for (const auto& req : ctx.project.requirements) {
    if (!req.source.has()) {
      ctx.report(Record::requirements, req.pos,
                 "requirement " + describe(req)
                     + " has no source; add source: with where it came from (RFP section, workshop, e-mail) so "
                       "implementation can trace it back",
                 ids_of(req.id));
    }
  }
}

void check_hf203(Context& ctx)
{
  for (const auto& req : ctx.project.requirements) {
    if (!req.status.has()) {
      // A requirement nobody has marked clarified is still draft: leaving the field out must not pass the gate.
      ctx.report(Record::requirements, req.pos,
                 "requirement " + describe(req)
                     + " has no status, so it counts as draft; clarify it with the customer and set status: clarified",
                 ids_of(req.id));
    } else if (*req.status == "draft") {
      ctx.report(Record::requirements, req.status.pos,
                 "requirement " + describe(req)
                     + " is still draft (the customer's wording); clarify it with the customer and set status: "
                       "clarified",
                 ids_of(req.id));
    }
  }
}

void check_hf204(Context& ctx)
{
  for (const auto& req : ctx.project.requirements) {
    if (!req.is_must()) {
      continue;
    }
    for (const auto& q : req.questions) {
      if (!q.open()) {
        continue;
      }
      std::string message = "must requirement " + describe(req) + " has an open question";
      if (q.text.has()) {
        message += " " + quote(*q.text);
      }
      if (q.owner.has()) {
        message += " (owner " + *q.owner + ")";
      }
      message += "; get it answered, record the answer: and set status: answered";
      ctx.report(Record::requirements, q.status.has() ? q.status.pos : q.pos, message, ids_of(req.id));
    }
  }
}

// --- HF205: vague acceptance criteria ------------------------------------------------------

// English words and phrases that make a criterion untestable, matched case-insensitively on
// word boundaries, with '-' and any run of blanks treated alike ("user friendly" matches too).
constexpr std::string_view k_vague_words[] = {
    "fast",      "quick",       "quickly",         "user-friendly", "easy", "easily",    "intuitive",
    "flexible",  "robust",      "efficient",       "seamless",      "etc.", "as needed", "as appropriate",
    "and so on", "if possible", "state of the art"};
// Chinese words, matched as substrings: Chinese has no spaces between words.
constexpr std::string_view k_vague_chinese[] = {"快速", "友好", "等", "灵活", "方便", "及时", "尽快"};

bool is_word_char(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Returns `text` in ASCII lower case with each run of blanks and '-' turned into one space.
std::string normalize(std::string_view text)
{
  std::string out;
  bool gap = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-') {
      gap = true;
      continue;
    }
    if (gap && !out.empty()) {
      out += ' ';
    }
    gap = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

// Returns true when `phrase` (normalized) occurs in `text` (normalized) on word boundaries.
bool contains_word(const std::string& text, const std::string& phrase)
{
  for (std::size_t at = text.find(phrase); at != std::string::npos; at = text.find(phrase, at + 1)) {
    const std::size_t end = at + phrase.size();
    const bool starts = !is_word_char(phrase.front()) || at == 0 || !is_word_char(text[at - 1]);
    const bool ends = !is_word_char(phrase.back()) || end == text.size() || !is_word_char(text[end]);
    if (starts && ends) {
      return true;
    }
  }
  return false;
}

// Returns true when `text` holds a digit, ASCII or full-width (０-９ is EF BC 90-99 in UTF-8).
bool has_number(std::string_view text)
{
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= '0' && c <= '9') {
      return true;
    }
    if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBC) {
      const auto d = static_cast<unsigned char>(text[i + 2]);
      if (d >= 0x90 && d <= 0x99) {
        return true;
      }
    }
  }
  return false;
}

// Returns true when `text` is a Chinese Given/When/Then: 假如 (or 如果, 假设), then 当, then
// 那么, in this order.
bool chinese_given_when_then(const std::string& text)
{
  std::size_t given = std::string::npos;
  for (std::string_view word : {"假如", "如果", "假设"}) {
    given = std::min(given, text.find(word));
  }
  if (given == std::string::npos) {
    return false;
  }
  const std::size_t when = text.find("当", given + 6);
  return when != std::string::npos && text.find("那么", when + 3) != std::string::npos;
}

// Returns the vague words of an acceptance criterion, in list order; empty when it is measurable.
std::vector<std::string> vague_words(std::string_view acceptance)
{
  const std::string text = normalize(acceptance);
  if (has_number(text) || (contains_word(text, "given") && contains_word(text, "when") && contains_word(text, "then"))
      || chinese_given_when_then(text)) {
    return {};
  }
  std::vector<std::string> found;
  for (std::string_view word : k_vague_words) {
    if (contains_word(text, normalize(word))) {
      found.push_back("\"" + std::string(word) + "\"");
    }
  }
  for (std::string_view word : k_vague_chinese) {
    if (text.find(word) != std::string::npos) {
      found.push_back("\"" + std::string(word) + "\"");
    }
  }
  return found;
}

void check_hf205(Context& ctx)
{
  for (const auto& req : ctx.project.requirements) {
    if (!req.acceptance.has()) {
      continue;
    }
    const auto words = vague_words(*req.acceptance);
    if (words.empty()) {
      continue;
    }
    ctx.report(Record::requirements, req.acceptance.pos,
               "acceptance criterion of requirement " + describe(req) + " is vague (" + support::join_words(words, ", ")
                   + ") and has no number and no Given/When/Then; state a measurable outcome (\"within 2 s\", "
                     "\"at most 3 clicks\") or write it as Given/When/Then",
               ids_of(req.id));
  }
}

void check_hf206(Context& ctx)
{
  for (const auto& req : ctx.project.requirements) {
    if (!req.priority.has() && !req.priority.invalid) {  // an invalid priority is HF002's
      ctx.report(Record::requirements, req.pos,
                 "requirement " + describe(req)
                     + " has no priority; agree one with the customer and set priority: must, should, could or wont",
                 ids_of(req.id));
    }
  }
}

void check_hf207(Context& ctx)
{
  const auto& p = ctx.project;
  if (p.file(Record::project).broken || p.card.items.empty()) {
    return;
  }
  // Sold but not specified: needs the requirements, unknown when their file cannot be read.
  if (!p.file(Record::requirements).broken) {
    std::set<std::string> named;
    for (const auto& req : p.requirements) {
      if (req.in_scope() && req.contract_item.has()) {
        named.insert(*req.contract_item);
      }
    }
    for (const auto& item : p.card.items) {
      if (!item.id.has() || named.count(*item.id) != 0) {
        continue;
      }
      const std::string name = item.title.has() ? *item.id + " " + quote(*item.title) : *item.id;
      ctx.report(Record::project, item.pos,
                 "contract item " + name
                     + " is sold but not specified: no in-scope requirement names it in contract_item; record the "
                       "requirements it covers, or link existing ones with contract_item: "
                     + *item.id,
                 {*item.id});
    }
  }
  // Specified but not sold.
  for (const auto& req : p.requirements) {
    if (req.in_scope() && !req.contract_item.has()) {
      ctx.report(Record::requirements, req.pos,
                 "requirement " + describe(req)
                     + " is specified but not sold: it names no contract item; set contract_item: to the contract "
                       "item it belongs to, or raise a change request if the contract does not cover it",
                 ids_of(req.id));
    }
  }
}

}  // namespace

std::vector<Rule> clarify_rules()
{
  using core::Gate;
  using core::Severity;
  return {
      {"HF201", Gate::clarify, Severity::error, "Must/should requirement without acceptance criterion",
       "Implementation can only deliver, and the customer can only accept, what both sides can test. A must or "
       "should requirement without an acceptance criterion becomes an argument at acceptance time. Add "
       "`acceptance:` with a measurable outcome, or write it as Given/When/Then.",
       "- id: REQ-001\n  priority: must\n  acceptance: Given a released order, when an operator scans it, then its "
       "status shows within 2 s\n",
       check_hf201},
      {"HF202", Gate::clarify, Severity::error, "Requirement without source",
       "When a requirement is questioned later, implementation needs to know where it came from: which RFP "
       "section, workshop or e-mail, and who said it. Add `source:` naming the document or meeting.",
       "- id: REQ-001\n  source: RFP 3.2; workshop 2026-09-12 with Wang Fang\n", check_hf202},
      {"HF203", Gate::clarify, Severity::error, "Requirement still draft",
       "A draft requirement is the customer's own wording, not yet clarified into what will be built. Before the "
       "contract is signed, sales clarifies each requirement with the customer (`status: clarified`); "
       "implementation then confirms it (`status: confirmed`). A requirement without `status:` counts as draft.",
       "- id: REQ-001\n  status: clarified\n", check_hf203},
      {"HF204", Gate::clarify, Severity::error, "Open question on a must requirement",
       "An unanswered question on a must requirement means the scope that was sold is not yet known, and the "
       "estimate rests on a guess. Get the answer from the customer, record it in `answer:` and set "
       "`status: answered`. A question without `status:` and without `answer:` counts as open.",
       "questions:\n  - text: Which ERP version is in production?\n    status: answered\n    answer: SAP ECC 6.0\n",
       check_hf204},
      {"HF205", Gate::clarify, Severity::warning, "Acceptance criterion is vague",
       "Words like \"fast\", \"user-friendly\", \"etc.\", \"as needed\", \"快速\", \"友好\" or \"等\" cannot be "
       "tested, so the criterion settles nothing at acceptance. The warning fires when such a word appears and the "
       "criterion "
       "has neither a number nor Given/When/Then; state the outcome with a number (\"within 2 s\") or as "
       "Given/When/Then, in English or in Chinese (假如/如果 ... 当 ... 那么, in this order). English words match "
       "whole words in any case; Chinese words match anywhere in the text, so "
       "the single character 等 also matches inside words such as 等待 (a number or Given/When/Then silences it, or "
       "turn the rule off in handoff.yaml).",
       "acceptance: Given a released order, when an operator scans it, then its status shows within 2 s\n",
       check_hf205},
      {"HF206", Gate::clarify, Severity::error, "In-scope requirement without priority",
       "Priorities (MoSCoW: must, should, could, wont) decide what gets cut when time or budget runs short; a "
       "requirement without one will be argued about exactly then. Agree a priority with the customer and set "
       "`priority:` (use `wont` for what was discussed but left out).",
       "- id: REQ-001\n  priority: must\n", check_hf206},
      {"HF207", Gate::clarify, Severity::warning, "Requirement and contract items do not match",
       "Each contract item was sold, so some requirement should say what it means (\"sold but not specified\"); "
       "and when the contract lists items, each in-scope requirement should belong to one of them, or it is work "
       "nobody pays for (\"specified but not sold\"). Link requirements with `contract_item:`; for work outside "
       "the contract, raise a change request or set the priority to `wont`.",
       "# project.yaml\ncontract:\n  items:\n    - id: L1\n      title: MES core\n      price: 800000\n"
       "# requirements.yaml\n  - id: REQ-001\n    contract_item: L1\n",
       check_hf207},
  };
}

}  // namespace handoff::rules
