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
                 {*req.priority + " requirement " + describe(req)
                      + " has no acceptance criterion; add acceptance: with a measurable outcome or Given/When/Then",
                  *req.priority + " 需求 " + describe_zh(req)
                      + " 没有验收标准；请添加 acceptance:，写明可度量的结果或 Given/When/Then（假如/当/那么）"},
                 ids_of(req.id));
    }
  }
}

void check_hf202(Context& ctx)
{
  for (const auto& req : ctx.project.requirements) {
    if (!req.source.has()) {
      ctx.report(Record::requirements, req.pos,
                 {"requirement " + describe(req)
                      + " has no source; add source: with where it came from (RFP section, workshop, e-mail) so "
                        "implementation can trace it back",
                  "需求 " + describe_zh(req)
                      + " 没有来源；请添加 source:，注明其出处（招标文件章节、研讨会、邮件），以便实施团队追溯"},
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
                 {"requirement " + describe(req)
                      + " has no status, so it counts as draft; clarify it with the customer and set status: clarified",
                  "需求 " + describe_zh(req) + " 没有状态，按草稿处理；请与客户澄清后设置 status: clarified"},
                 ids_of(req.id));
    } else if (*req.status == "draft") {
      ctx.report(Record::requirements, req.status.pos,
                 {"requirement " + describe(req)
                      + " is still draft (the customer's wording); clarify it with the customer and set status: "
                        "clarified",
                  "需求 " + describe_zh(req) + " 仍为草稿（客户的原始表述）；请与客户澄清后设置 status: clarified"},
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
      core::Message message{"must requirement " + describe(req) + " has an open question",
                            "must 需求 " + describe_zh(req) + " 有待答复的问题"};
      if (q.text.has()) {
        message.en += " " + quote(*q.text);
        message.zh += " " + quote(*q.text);
      }
      if (q.owner.has()) {
        message.en += " (owner " + *q.owner + ")";
        message.zh += "（负责人 " + *q.owner + "）";
      }
      message.en += "; get it answered, record the answer: and set status: answered";
      message.zh += "；请取得答复，记录在 answer: 中，并设置 status: answered";
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
               {"acceptance criterion of requirement " + describe(req) + " is vague ("
                    + support::join_words(words, ", ")
                    + ") and has no number and no Given/When/Then; state a measurable outcome (\"within 2 s\", "
                      "\"at most 3 clicks\") or write it as Given/When/Then",
                "需求 " + describe_zh(req) + " 的验收标准表述含糊（" + join_zh(words)
                    + "），既没有数字也没有 Given/When/Then；请写明可度量的结果（\"2 秒内\"、\"最多点击 3 次\"），"
                      "或写成 假如/当/那么"},
               ids_of(req.id));
  }
}

void check_hf206(Context& ctx)
{
  for (const auto& req : ctx.project.requirements) {
    if (!req.priority.has() && !req.priority.invalid) {  // an invalid priority is HF002's
      ctx.report(Record::requirements, req.pos,
                 {"requirement " + describe(req)
                      + " has no priority; agree one with the customer and set priority: must, should, could or wont",
                  "需求 " + describe_zh(req) + " 没有优先级；请与客户商定后设置 priority: must、should、could 或 wont"},
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
                 {"contract item " + name
                      + " is sold but not specified: no in-scope requirement names it in contract_item; record the "
                        "requirements it covers, or link existing ones with contract_item: "
                      + *item.id,
                  "合同条目 " + name
                      + " 已售出但没有需求说明：没有任何范围内需求在 contract_item 中引用它；请记录它涵盖的需求，"
                        "或用 contract_item: "
                      + *item.id + " 关联已有需求"},
                 {*item.id});
    }
  }
  // Specified but not sold.
  for (const auto& req : p.requirements) {
    if (req.in_scope() && !req.contract_item.has()) {
      ctx.report(Record::requirements, req.pos,
                 {"requirement " + describe(req)
                      + " is specified but not sold: it names no contract item; set contract_item: to the contract "
                        "item it belongs to, or raise a change request if the contract does not cover it",
                  "需求 " + describe_zh(req)
                      + " 有需求说明但未售出：没有关联合同条目；请将 contract_item: 设为其所属的合同条目，"
                        "若合同未涵盖该需求，请提出变更申请"},
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
       "必须或应该类需求缺少验收标准",
       "Implementation can only deliver, and the customer can only accept, what both sides can test. A must or "
       "should requirement without an acceptance criterion becomes an argument at acceptance time. Add "
       "`acceptance:` with a measurable outcome, or write it as Given/When/Then.",
       "没有验收标准的需求无法验收，交付范围就会变成争论。每条 must 或 should 需求都需要 "
       "`acceptance:`：一个可度量的结果，或 Given/When/Then（假如/当/那么）形式的场景。",
       "- id: REQ-001\n  priority: must\n  acceptance: Given a released order, when an operator scans it, then its "
       "status shows within 2 s\n",
       check_hf201},
      {"HF202", Gate::clarify, Severity::error, "Requirement without source", "需求缺少来源",
       "When a requirement is questioned later, implementation needs to know where it came from: which RFP "
       "section, workshop or e-mail, and who said it. Add `source:` naming the document or meeting.",
       "实施团队遇到疑问时，需要追溯需求的出处：招标文件的哪一节、哪次研讨会、哪封邮件。请添加 `source:` 注明出处。",
       "- id: REQ-001\n  source: RFP 3.2; workshop 2026-09-12 with Wang Fang\n", check_hf202},
      {"HF203", Gate::clarify, Severity::error, "Requirement still draft", "需求仍为草稿",
       "A draft requirement is the customer's own wording, not yet clarified into what will be built. Before the "
       "contract is signed, sales clarifies each requirement with the customer (`status: clarified`); "
       "implementation then confirms it (`status: confirmed`). A requirement without `status:` counts as draft.",
       "草稿需求是客户的原始表述，尚未与客户澄清；在此基础上交接，实施团队会按各自的理解去做。没有 `status` "
       "的需求也按草稿处理。请与客户澄清，并设置 `status: clarified`。",
       "- id: REQ-001\n  status: clarified\n", check_hf203},
      {"HF204", Gate::clarify, Severity::error, "Open question on a must requirement", "必须类需求仍有待答复问题",
       "An unanswered question on a must requirement means the scope that was sold is not yet known, and the "
       "estimate rests on a guess. Get the answer from the customer, record it in `answer:` and set "
       "`status: answered`. A question without `status:` and without `answer:` counts as open.",
       "must 需求上的待答复问题意味着承诺的内容尚未确定。请取得答复，记录在问题的 `answer:` 中，并设置 `status: "
       "answered`。",
       "questions:\n  - text: Which ERP version is in production?\n    status: answered\n    answer: SAP ECC 6.0\n",
       check_hf204},
      {"HF205", Gate::clarify, Severity::warning, "Acceptance criterion is vague", "验收标准表述含糊",
       "Words like \"fast\", \"user-friendly\", \"etc.\", \"as needed\", \"快速\", \"友好\" or \"等\" cannot be "
       "tested, so the criterion settles nothing at acceptance. The warning fires when such a word appears and the "
       "criterion "
       "has neither a number nor Given/When/Then; state the outcome with a number (\"within 2 s\") or as "
       "Given/When/Then, in English or in Chinese (假如/如果 ... 当 ... 那么, in this order). English words match "
       "whole words in any case; Chinese words match anywhere in the text, so "
       "the single character 等 also matches inside words such as 等待 (a number or Given/When/Then silences it, or "
       "turn the rule off in handoff.yaml).",
       "“快速”“友好”“灵活”之类的词无法验收。含有这类词、又没有数字或 "
       "Given/When/Then（假如/当/那么）的验收标准会被报告。请写明可度量的结果（“2 秒内”“最多点击 3 次”），或写成场景。",
       "acceptance: Given a released order, when an operator scans it, then its status shows within 2 s\n",
       check_hf205},
      {"HF206", Gate::clarify, Severity::error, "In-scope requirement without priority", "范围内需求缺少优先级",
       "Priorities (MoSCoW: must, should, could, wont) decide what gets cut when time or budget runs short; a "
       "requirement without one will be argued about exactly then. Agree a priority with the customer and set "
       "`priority:` (use `wont` for what was discussed but left out).",
       "优先级决定了工期紧张时先做什么、什么可以放弃。每条范围内需求都需要与客户商定的 "
       "`priority:`：must、should、could 或 wont。",
       "- id: REQ-001\n  priority: must\n", check_hf206},
      {"HF207", Gate::clarify, Severity::warning, "Requirement and contract items do not match", "需求与合同条目不对应",
       "Each contract item was sold, so some requirement should say what it means (\"sold but not specified\"); "
       "and when the contract lists items, each in-scope requirement should belong to one of them, or it is work "
       "nobody pays for (\"specified but not sold\"). Link requirements with `contract_item:`; for work outside "
       "the contract, raise a change request or set the priority to `wont`.",
       "合同售出的每一项都应有需求说明，每条范围内需求都应属于某个合同条目：已售出但没有需求说明的条目会在交付时被遗漏"
       "，没有售出的需求则是免费赠送的工作。请用需求的 `contract_item:` 关联合同条目（project.yaml 的 "
       "`contract.items`）；合同未涵盖的需求请提出变更申请。",
       "# project.yaml\ncontract:\n  items:\n    - id: L1\n      title: MES core\n      price: 800000\n"
       "# requirements.yaml\n  - id: REQ-001\n    contract_item: L1\n",
       check_hf207},
  };
}

}  // namespace handoff::rules
