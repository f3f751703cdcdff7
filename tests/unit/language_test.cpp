// Chinese first (DESIGN §10.3): every rule and every finding message has its zh-CN text, and the
// outputs print the chosen language.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <string>

#include "output/format.hpp"
#include "output/rules.hpp"
#include "rules/rule.hpp"
#include "support/parallel.hpp"
#include "workspace/workspace.hpp"

namespace handoff {

namespace {

namespace fs = std::filesystem;

// Returns true when `text` holds a character outside ASCII: the Chinese text of a message that
// is more than ids, numbers and field names.
bool has_chinese(const std::string& text)
{
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      return true;
    }
  }
  return false;
}

// The rules whose finding messages are still English only (the zh-CN output prints them in
// English): the loader's record-format messages and the sign-off rules. This list only shrinks.
const std::set<std::string> k_english_only{"HF001", "HF002", "HF003", "HF004", "HF005", "HF009", "HF010", "HF411",
                                           "HF412", "HF413", "HF414", "HF415", "HF416", "HF418", "HF420", "HF501"};

rules::CheckRun check_workspace(const fs::path& root)
{
  const workspace::Workspace ws(root.string());
  rules::CheckOptions options;
  options.today = *support::Date::parse("2026-11-20");
  return ws.check({}, options, support::Parallelism{1, {}});
}

void require_chinese_messages(const rules::CheckRun& run, std::set<std::string>& seen)
{
  output::for_each_finding(run, [&](const core::Finding& f) {
    if (k_english_only.count(f.rule) != 0) {
      return;
    }
    seen.insert(f.rule);
    INFO(f.rule << " " << f.file << ":" << f.pos.line << ": " << f.message);
    CHECK(!f.message_zh.empty());
    CHECK(f.message_zh != f.message);
    CHECK(has_chinese(f.message_zh));
  });
}

}  // namespace

TEST_CASE("every rule has its summary and explanation in zh-CN")
{
  for (const auto& rule : rules::catalogue()) {
    INFO(rule.id);
    CHECK(!rule.summary_zh.empty());
    CHECK(!rule.explanation_zh.empty());
    CHECK(has_chinese(std::string(rule.summary_zh)));
    CHECK(has_chinese(std::string(rule.explanation_zh)));
    CHECK(rule.summary_zh != rule.summary);
    CHECK(rule.explanation_zh != rule.explanation);
  }
}

TEST_CASE("every finding on the example and the Chinese workspaces has its zh-CN message")
{
  std::set<std::string> seen;
  require_chinese_messages(check_workspace(fs::path(HANDOFF_SOURCE_DIR) / "examples"), seen);
  require_chinese_messages(check_workspace(fs::path(HANDOFF_SOURCE_DIR) / "tests/e2e/fixtures/zh-cn"), seen);
  // The workspaces reach rules of every gate the messages were written for.
  for (const char* rule : {"HF101", "HF202", "HF203", "HF205", "HF206", "HF207", "HF301", "HF303", "HF304"}) {
    INFO(rule);
    CHECK(seen.count(rule) == 1);
  }
}

TEST_CASE("the outputs print the finding message in the chosen language")
{
  rules::CheckRun run;
  run.today = *support::Date::parse("2026-11-20");
  core::Finding f;
  f.rule = "HF101";
  f.gate = core::Gate::schema;  // a finding in handoff.yaml
  f.project = "zh-erp";
  f.file = "projects/zh-erp/project.yaml";
  f.pos = {5, 3};
  f.message = "no decision maker";
  f.message_zh = "客户联系人中没有决策人";
  run.workspace_findings.push_back(f);

  CHECK(output::text(run, output::TextStyle{}).find("no decision maker") != std::string::npos);
  CHECK(output::json(run).find("message_en") == std::string::npos);

  run.language = core::Language::zh_cn;
  output::TextStyle style;
  style.language = core::Language::zh_cn;
  const std::string text = output::text(run, style);
  CHECK(text.find("error[HF101]: 客户联系人中没有决策人") != std::string::npos);
  const std::string json = output::json(run);
  CHECK(json.find("\"message\": \"客户联系人中没有决策人\",\n      \"message_en\": \"no decision maker\"")
        != std::string::npos);
  CHECK(output::sarif(run).find("\"text\": \"客户联系人中没有决策人\"") != std::string::npos);
  CHECK(output::github(run).find("::客户联系人中没有决策人") != std::string::npos);
  CHECK(output::junit(run).find("客户联系人中没有决策人") != std::string::npos);

  // A message without its Chinese text is printed in English rather than left out.
  run.workspace_findings[0].message_zh.clear();
  CHECK(output::github(run).find("::no decision maker") != std::string::npos);
}

TEST_CASE("explain and rules speak zh-CN")
{
  const rules::Rule* rule = rules::find_rule("HF304");
  REQUIRE(rule != nullptr);
  const std::string text = output::explain_text(*rule, core::Language::zh_cn);
  CHECK(text.rfind(
            "HF304：承诺上线日期早于估算可达日期\n关口：feasibility（自 contracted 阶段起检查），默认严重程度：error\n",
            0)
        == 0);
  CHECK(text.find("通过检查的示例：") != std::string::npos);
  const std::string list = output::rules_text(rules::catalogue(), core::Language::zh_cn);
  CHECK(list.find("  HF101  error    客户联系人中没有决策人\n") != std::string::npos);
  CHECK(output::rules_json(rules::catalogue(), core::Language::zh_cn).find("\"summary_en\": \"No decision maker")
        != std::string::npos);
}

}  // namespace handoff
