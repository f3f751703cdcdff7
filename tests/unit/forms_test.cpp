#include <doctest/doctest.h>

#include <set>

#include "forms/form.hpp"
#include "forms/workbook.hpp"
#include "model/schema.hpp"
#include "yaml/edit.hpp"

using namespace handoff::forms;
namespace model = handoff::model;

TEST_CASE("forms: every column is a field of the record schema, typed by it")
{
  // forms() resolves each declared column against model::record_spec and throws when the
  // schema has no such field or it is not a scalar or a list of scalars: the form and the
  // schema cannot drift apart.
  REQUIRE(forms().size() == 7);
  for (const auto& form : forms()) {
    CAPTURE(form.name);
    const model::Spec* holder = &model::record_spec(form.record);
    for (const auto& key : form.parent) {
      REQUIRE(holder->field(key) != nullptr);
      holder = holder->field(key)->spec.get();
    }
    const model::FieldSpec* list = holder->field(form.list);
    REQUIRE(list != nullptr);
    const model::Spec& item = *list->spec->item;
    CHECK(form.columns.front().field == form.key);
    std::set<std::string> headers;
    std::set<std::string> fields;
    for (const auto& column : form.columns) {
      CAPTURE(column.field);
      CHECK(column.spec != nullptr);
      CHECK(!column.zh.empty());
      CHECK(headers.insert(column.zh).second);
      CHECK(fields.insert(column.field).second);
      if (column.kind == Kind::choice) {
        // Excel limits an inline drop-down list to 255 characters.
        std::size_t length = 0;
        for (const auto& v : column.values) {
          length += v.size() + 1;
        }
        CHECK(length <= 255);
      }
    }
    // Every required scalar field of the item is a column, so a new row can be complete.
    for (const auto& field : item.fields) {
      if (field.required) {
        CHECK(fields.contains(field.name));
      }
    }
  }
  const Form* requirements = find_form("requirements");
  REQUIRE(requirements != nullptr);
  CHECK(requirements->column("priority")->kind == Kind::choice);
  CHECK(requirements->column("priority")->values == std::vector<std::string>{"must", "should", "could", "wont"});
  CHECK(requirements->column("标题") == requirements->column("title"));
  CHECK(find_form("变更申请单") == find_form("changes"));
  CHECK(find_form("changes")->column("impact.effort_days")->kind == Kind::number);
  CHECK(find_form("plan")->column("covers")->kind == Kind::list);
  CHECK(find_form("plan")->column("due")->kind == Kind::date);
  CHECK(find_form("risks")->column("probability")->kind == Kind::integer);
  const Form* payments = find_form("回款计划");
  REQUIRE(payments == find_form("payments"));
  CHECK(payments->parent == std::vector<std::string>{"contract"});
  CHECK(payments->list == "payments");
  CHECK(payments->column("due")->kind == Kind::trigger);
  CHECK(payments->column("percent")->kind == Kind::number);
}

TEST_CASE("forms: a payment's due reads from its cell and writes back as the record holds it")
{
  CHECK(trigger_flow("acceptance") == "acceptance");
  CHECK(trigger_flow("M3") == "{milestone: M3}");
  CHECK(trigger_flow("2027-01-15") == "{date: 2027-01-15}");
  CHECK(trigger_flow("2027-02-30") == "{milestone: 2027-02-30}");  // import refuses such a cell before
  const Column& due = *find_form("payments")->column("due");
  handoff::yaml::TextEdit doc("p:\n  - due: {milestone: M3}\n  - due: acceptance\n  - due: {date: 2027-01-15}\n", {});
  const auto& list = *doc.root().find("p");
  CHECK(cell_text(due, list.children[0]) == "M3");
  CHECK(cell_text(due, list.children[1]) == "acceptance");
  CHECK(cell_text(due, list.children[2]) == "2027-01-15");
  doc.set_flow({handoff::yaml::Step::at("p"), handoff::yaml::Step::nth(1)}, "due", "{date: 2027-03-01}");
  CHECK(doc.text() == "p:\n  - due: {milestone: M3}\n  - due: {date: 2027-03-01}\n  - due: {date: 2027-01-15}\n");
  CHECK_THROWS_AS(doc.set_flow({handoff::yaml::Step::at("p"), handoff::yaml::Step::nth(0)}, "due", "{a: [}"),
                  handoff::yaml::EditError);
}

TEST_CASE("forms: spreadsheet serial numbers as dates, both epochs")
{
  CHECK(serial_date(1, false) == "1900-01-01");
  CHECK(serial_date(59, false) == "1900-02-28");
  CHECK(serial_date(60, false) == std::nullopt);  // 1900-02-29, which never was
  CHECK(serial_date(61, false) == "1900-03-01");
  CHECK(serial_date(46277, false) == "2026-09-12");
  CHECK(serial_date(0, true) == "1904-01-01");
  CHECK(serial_date(44815, true) == "2026-09-12");
  CHECK(serial_date(46277.5, false) == std::nullopt);
  CHECK(date_serial(2026, 9, 12) == 46277);
}

TEST_CASE("forms: cell references")
{
  CHECK(cell_ref(6, 2) == "C7");
  CHECK(cell_ref(0, 26) == "AA1");
  CHECK(parse_ref("AA1") == std::pair<std::size_t, std::size_t>{0, 26});
  CHECK(parse_ref("C7") == std::pair<std::size_t, std::size_t>{6, 2});
  CHECK(parse_ref("7") == std::nullopt);
  CHECK(parse_ref("C0") == std::nullopt);
}

TEST_CASE("forms: CSV in UTF-8 with or without BOM, and GB18030")
{
  const Sheet utf8 = parse_csv("\xEF\xBB\xBFid,title\r\nREQ-001,\"a, \"\"b\"\"\r\nc\"\r\n\r\n,\r\n", "x.csv");
  REQUIRE(utf8.rows.size() == 4);
  CHECK(utf8.rows[0][0].text == "id");
  CHECK(utf8.rows[1][1].text == "a, \"b\"\nc");
  CHECK(utf8.rows[2].empty());
  CHECK(utf8.rows[3].empty());
  // "编号,标题" in GB18030
  const Sheet gb = parse_csv("\xB1\xE0\xBA\xC5,\xB1\xEA\xCC\xE2\r\n", "x.csv");
  REQUIRE(gb.rows.size() == 1);
  CHECK(gb.rows[0][0].text == "编号");
  CHECK(gb.rows[0][1].text == "标题");
  CHECK_THROWS_WITH_AS(parse_csv("a,\"b\n", "x.csv"), "\"x.csv\": a quoted cell is not closed at the end of the file",
                       ReadError);
  CHECK(csv_line({"a", "b,c", "d\"e", "f\ng"}) == "a,\"b,c\",\"d\"\"e\",\"f\ng\"\r\n");
}

TEST_CASE("forms: list cells split on ASCII and full-width commas")
{
  CHECK(split_list("REQ-001, REQ-002，REQ-003、 M1,,")
        == std::vector<std::string>{"REQ-001", "REQ-002", "REQ-003", "M1"});
}

TEST_CASE("forms: TextEdit::remove takes a list item's lines out, comments elsewhere kept")
{
  using handoff::yaml::EditError;
  using handoff::yaml::Step;
  using handoff::yaml::TextEdit;
  const std::string text = "# risks\n"
                           "risks:\n"
                           "  - id: R-1\n"
                           "    title: one\n"
                           "\n"
                           "  # the second\n"
                           "  - id: R-2\n"
                           "    title: two\n"
                           "      # indented into R-2\n"
                           "\n"
                           "  - id: R-3\n"
                           "    title: three\n"
                           "other: 1 # after\n";
  TextEdit middle(text, {});
  middle.remove({}, "risks", 1);
  CHECK(middle.text()
        == "# risks\nrisks:\n  - id: R-1\n    title: one\n\n  # the second\n\n  - id: R-3\n    title: three\n"
           "other: 1 # after\n");
  TextEdit last(text, {});
  last.remove({}, "risks", 2);
  CHECK(last.text()
        == "# risks\nrisks:\n  - id: R-1\n    title: one\n\n  # the second\n  - id: R-2\n    title: two\n"
           "      # indented into R-2\n\nother: 1 # after\n");
  TextEdit flow("risks: [a, b]\n", {});
  CHECK_THROWS_WITH_AS(flow.remove({}, "risks", 0),
                       "`risks` is a list written in brackets; write it one item per line (`- ...`)", EditError);
  TextEdit one("risks:\n  - id: R-1\n", {});
  CHECK_THROWS_WITH_AS(one.remove({}, "risks", 0),
                       "`risks` would become empty; remove its last item in the file itself", EditError);
  CHECK_THROWS_AS(middle.remove({Step::at("nothing")}, "risks", 0), EditError);
}

TEST_CASE("forms: TextEdit::set_all gives what set() and set_list() one by one give, checked once")
{
  using handoff::yaml::Step;
  using handoff::yaml::TextEdit;
  const std::string text = "risks:  # the register\n"
                           "  - id: R-1\n"
                           "    title: one   # keep\n"
                           "    refs: [M1]\n"
                           "\n"
                           "  - id: R-2\n"
                           "    title: >-\n"
                           "      two, folded\n"
                           "      over lines\n"
                           "    status: open\n";
  const auto item = [](std::size_t i) { return handoff::yaml::Path{Step::at("risks"), Step::nth(i)}; };
  // Two keys added to R-2 touch the same place: set_all falls back to one by one.
  for (bool conflict : {false, true}) {
    CAPTURE(conflict);
    std::vector<TextEdit::Assignment> edits = {
        {item(0), "title", "uno"},
        {item(0), "refs", "", std::vector<std::string>{"M1", "M2"}},
        {item(1), "title", "two\nlines"},
        {item(1), "status", "closed"},
    };
    if (conflict) {
      edits.push_back({item(1), "owner", "li.wei"});
      edits.push_back({item(1), "impact", "3"});
    }
    TextEdit one_by_one(text, {});
    for (const auto& e : edits) {
      e.list ? one_by_one.set_list(e.at, e.key, *e.list) : one_by_one.set(e.at, e.key, e.value);
    }
    TextEdit batch(text, {});
    batch.set_all(edits);
    CHECK(batch.text() == one_by_one.text());
    CHECK(batch.text().find("# keep") != std::string::npos);
    CHECK(handoff::yaml::same_content(batch.root(), one_by_one.root()));
  }
}
