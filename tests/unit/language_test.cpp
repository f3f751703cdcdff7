// Chinese first (DESIGN §10.3): every rule and every finding message has its zh-CN text, and the
// outputs print the chosen language.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <string>

#include "io/filesystem.hpp"
#include "model/load.hpp"
#include "output/format.hpp"
#include "output/rules.hpp"
#include "output/status.hpp"
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

TEST_CASE("the loader's findings have their zh-CN messages, built from the same values")
{
  struct Case {
    std::string rule;
    std::string yaml;     // requirements.yaml
    std::string message;  // the expected English message
    std::string chinese;  // the expected Chinese message
  };
  const std::vector<Case> cases{
      {"HF001", "requirements:\n\t- id: REQ-1\n", "tab character in indentation; YAML indents with spaces",
       "缩进中有制表符；YAML 只用空格缩进"},
      {"HF001", "requirements:\n  - id：REQ-1\n", "full-width colon '：' at 2:7; YAML needs ':'",
       "全角冒号 '：' 位于 2:7；YAML 需要半角的 ':'"},
      {"HF001", "requirements: [a\n",
       "not valid YAML: this '[' opens a list that is never closed with ']'; close it, "
       "or put the value in quotes if it is text",
       "不是有效的 YAML：这个 '[' 开始的列表没有用 ']' 结束；请补上，如果它是文本，请给值加上引号"},
      {"HF002", "requirements:\n  - id: REQ-1\n    title: T\n    priority: high\n",
       "priority: expected one of must, should, could or wont, found \"high\"",
       "priority：应为 must、should、could、wont 之一，实为 \"high\""},
      {"HF003", "requirements:\n  - title: T\n", "missing required field \"id\"", "缺少必填字段 \"id\""},
      {"HF004", "requirements:\n  - id: REQ-1\n    titel: T\n", "unknown field \"titel\"; did you mean \"title\"?",
       "未知字段 \"titel\"；是否指 \"title\"？"},
      {"HF005", "requirements: []\nrequirements: []\n",
       "duplicate key \"requirements\" (first at line 1); YAML keeps only one of them, so remove or rename one",
       "重复的键 \"requirements\"（首次出现在第 1 行）；YAML 只保留其中一个，请删除或重命名其中一个"},
      {"HF009", "a: &a [*a]\n", "alias refers to its own anchor, which makes a cycle; write the value out instead",
       "别名引用了它自己的锚点，形成循环；请把值直接写出来"},
      {"HF010", "requirements:\n  - id: REQ-1\n    title: \"T\n    source: x\n    priority: must\"\n",
       "the quoted text that starts here runs on to line 5 and swallows lines that look like fields (line 4: "
       "`source: x`); close the quote on its own line, or use a block scalar (`|`) for text that really spans lines",
       "从这里开始的引号文本一直延续到第 5 行，吞掉了看起来像字段的行（第 4 行：`source: x`）；请在本行内结束引号，"
       "真正跨行的文本请用块标量（`|`）"},
  };
  for (const auto& c : cases) {
    INFO(c.yaml);
    io::MemoryFileSystem fs;
    fs.add("projects/p/project.yaml", "id: p\nname: P\nstage: opportunity\n");
    fs.add("projects/p/requirements.yaml", c.yaml);
    const auto config = model::load_config(fs);
    const auto project = model::load_project(fs, config.config, "p");
    bool found = false;
    for (const auto& f : project.findings) {
      if (f.rule == c.rule && f.message == c.message) {
        CHECK(f.message_zh == c.chinese);
        found = true;
      }
    }
    CHECK(found);
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

TEST_CASE("status and the check summary speak zh-CN; English is unchanged")
{
  output::StatusRow row;
  row.id = "zh-erp";
  row.stage = core::Stage::contracted;
  row.failing_gates = {"clarify"};
  const std::string en = output::status_text({row}, false);
  CHECK(en
        == "PROJECT  STAGE       READY FOR  FAILING GATES  NEXT MILESTONE  OPEN CRS  TOP RISK\n"
           "zh-erp   contracted  -          clarify        -               0         -\n"
           "1 project, 1 failing a gate\n");
  // The headers are aligned by display width: a Chinese character takes two columns. Stages
  // and gates are named by their zh-CN labels.
  CHECK(output::status_text({row}, false, false, core::Language::zh_cn)
        == "项目    阶段    可进入阶段  未通过的关口  下一个里程碑  未结变更  最高风险\n"
           "zh-erp  已签约  -           需求澄清      -             0         -\n"
           "1 个项目，1 个未通过关口\n");

  rules::CheckRun run;
  run.today = *support::Date::parse("2026-11-20");
  core::Finding f;
  f.rule = "HF101";
  f.file = "handoff.yaml";
  f.pos = {1, 1};
  f.message = "no decision maker";
  f.message_zh = "没有决策人";
  run.workspace_findings.push_back(f);
  run.notes.push_back("a note");
  output::TextStyle style;
  CHECK(output::text(run, style).find("note: a note\n1 error, 0 warnings in 0 projects\n") != std::string::npos);
  style.language = core::Language::zh_cn;
  CHECK(output::text(run, style).find("说明：a note\n1 个错误，0 个警告，共 0 个项目\n") != std::string::npos);
  run.workspace_findings.clear();
  CHECK(output::text(run, style).find("已检查 0 个项目：没有发现问题\n") != std::string::npos);
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
