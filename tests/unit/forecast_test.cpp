#include <doctest/doctest.h>

#include "forecast/forecast.hpp"
#include "forecast/render.hpp"
#include "forecast/source.hpp"
#include "harness.hpp"

using handoff::forecast::Forecast;
using handoff::forecast::make_forecast;
using handoff::forecast::nearest_rank;
using handoff::forecast::Options;
using handoff::forecast::Sample;
using handoff::support::Date;

namespace {

Date day(const char* text)
{
  return *Date::parse(text);
}

// A closed project estimated at 10 weeks (70 days) from 2026-01-05 that went live `days` later.
Sample closed(const std::string& id, long long days, const std::string& industry = "manufacturing")
{
  Sample s;
  s.id = id;
  s.industry = industry;
  s.closed = true;
  s.start = day("2026-01-05");
  s.duration_weeks = 10;
  s.went_live = s.start->plus_days(days);
  s.project_file = "projects/" + id + "/project.yaml";
  s.feasibility_file = "projects/" + id + "/feasibility.yaml";
  s.duration_pos = {3, 19};
  s.went_live_pos = {30, 14};
  return s;
}

// The project forecast: 20 weeks (140 days) from 2027-01-04, promised for 2027-06-01.
Sample target()
{
  Sample s;
  s.id = "new-mes";
  s.industry = "Manufacturing";
  s.start = day("2027-01-04");
  s.go_live = day("2027-06-01");
  s.duration_weeks = 20;
  s.effort_days = 200;
  s.feasibility_file = "projects/new-mes/feasibility.yaml";
  s.duration_pos = {3, 19};
  s.effort_pos = {4, 16};
  return s;
}

// Five closed projects with ratios 1.0, 1.1, 1.2, 1.3 and 1.5 (70, 77, 84, 91, 105 days of 70).
std::vector<Sample> five()
{
  return {closed("a", 84), closed("b", 70), closed("c", 105), closed("d", 77), closed("e", 91)};
}

}  // namespace

TEST_CASE("nearest rank: Pq = r[ceil(q n) - 1], hand-computed")
{
  SUBCASE("n = 1: every quantile is the only ratio")
  {
    CHECK(nearest_rank({1.5}, 50) == 1.5);
    CHECK(nearest_rank({1.5}, 80) == 1.5);
  }
  SUBCASE("n = 5: P50 is rank ceil(2.5) = 3, P80 is rank ceil(4.0) = 4")
  {
    const std::vector<double> r{0.9, 1.0, 1.1, 1.2, 1.5};
    CHECK(nearest_rank(r, 50) == 1.1);
    CHECK(nearest_rank(r, 80) == 1.2);
  }
  SUBCASE("n = 6: P50 is rank 3, P80 is rank ceil(4.8) = 5")
  {
    const std::vector<double> r{0.9, 1.0, 1.1, 1.2, 1.4, 1.6};
    CHECK(nearest_rank(r, 50) == 1.1);
    CHECK(nearest_rank(r, 80) == 1.4);
  }
  SUBCASE("n = 10: P50 is rank 5, P80 is rank 8 (exactly, not 9 by rounding error)")
  {
    const std::vector<double> r{0.8, 0.9, 1.0, 1.05, 1.1, 1.2, 1.25, 1.3, 1.6, 2.0};
    CHECK(nearest_rank(r, 50) == 1.1);
    CHECK(nearest_rank(r, 80) == 1.3);
    CHECK(nearest_rank(r, 100) == 2.0);
  }
  SUBCASE("ties: equal ratios share a rank")
  {
    const std::vector<double> r{1.0, 1.0, 1.2, 1.2, 1.2};
    CHECK(nearest_rank(r, 50) == 1.2);
    CHECK(nearest_rank(r, 80) == 1.2);
  }
}

TEST_CASE("stretch rounds half days up")
{
  CHECK(handoff::forecast::stretch(day("2027-01-04"), 7, 1.5).str() == "2027-01-15");    // 10.5 -> 11
  CHECK(handoff::forecast::stretch(day("2027-01-04"), 140, 1.2).str() == "2027-06-21");  // 168
}

TEST_CASE("forecast: five closed projects of the same industry give both dates")
{
  const Forecast f = make_forecast(target(), five(), {});
  CHECK(f.basis == "industry");
  CHECK(f.basis_value == "Manufacturing");
  CHECK(f.schedule.ids == std::vector<std::string>{"a", "b", "c", "d", "e"});
  REQUIRE(f.schedule.enough);
  CHECK(f.schedule.min == 1.0);
  CHECK(f.schedule.p50 == doctest::Approx(1.2));
  CHECK(f.schedule.p80 == doctest::Approx(1.3));
  CHECK(f.schedule.max == 1.5);
  CHECK(f.schedule.p50_rank.id == "a");
  CHECK(f.schedule.p50_rank.actual == 84);
  CHECK(f.schedule.p50_rank.estimated == 70);
  CHECK(f.schedule.p80_rank.id == "e");
  CHECK(f.estimate_date->str() == "2027-05-24");  // 2027-01-04 + 140
  CHECK(f.p50_date->str() == "2027-06-21");       // + round(140 x 1.2) = 168
  CHECK(f.p80_date->str() == "2027-07-05");       // + round(140 x 1.3) = 182
  CHECK(*f.days_to_p50 == 20);
  CHECK(*f.days_to_p80 == 34);
  CHECK(f.notes.empty());
  CHECK(handoff::forecast::chart_line(f.schedule.ratios, 10) == "1.00 [1.1.1.1..1] 1.50");
}

TEST_CASE("forecast: ties are ranked by id, so the named member is stable")
{
  const std::vector<Sample> history{closed("z", 70), closed("y", 70), closed("x", 84), closed("w", 84),
                                    closed("v", 84)};
  const Forecast f = make_forecast(target(), history, {});
  CHECK(f.schedule.p50 == doctest::Approx(1.2));
  CHECK(f.schedule.p50_rank.id == "v");
  CHECK(f.schedule.p80_rank.id == "w");
}

TEST_CASE("forecast: the class narrows to the industry only when min_class share it")
{
  std::vector<Sample> history = five();
  history.push_back(closed("f", 140, "logistics"));
  SUBCASE("five share it: only those")
  {
    const Forecast f = make_forecast(target(), history, {});
    CHECK(f.basis == "industry");
    CHECK(f.schedule.ids.size() == 5);
  }
  SUBCASE("min_class 6: fewer share it, so every closed project counts")
  {
    Options options;
    options.min_class = 6;
    const Forecast f = make_forecast(target(), history, options);
    CHECK(f.basis == "all");
    CHECK(f.schedule.ids.size() == 6);
    CHECK(f.schedule.max == 2.0);
    CHECK(f.schedule.p80 == doctest::Approx(1.5));  // rank ceil(4.8) = 5
  }
  SUBCASE("--tag: only the tagged ones")
  {
    history[0].tags = {"SAP"};
    history[5].tags = {"sap"};
    Options options;
    options.tag = "sap";
    const Forecast f = make_forecast(target(), history, options);
    CHECK(f.basis == "tag");
    CHECK(f.schedule.ids == std::vector<std::string>{"a", "f"});
    CHECK_FALSE(f.schedule.enough);
    CHECK_FALSE(f.has_dates());
  }
}

TEST_CASE("forecast: a project is never in its own class, and open projects never are")
{
  std::vector<Sample> history = five();
  Sample self = closed("new-mes", 700);
  history.push_back(self);
  Sample open = closed("open-one", 700);
  open.closed = false;
  history.push_back(open);
  const Forecast f = make_forecast(target(), history, {});
  CHECK(f.schedule.ids.size() == 5);
  CHECK(f.schedule.max == 1.5);
}

TEST_CASE("forecast: a class below min_class gives no dates")
{
  std::vector<Sample> history = five();
  history.pop_back();
  const Forecast f = make_forecast(target(), history, {});
  CHECK(f.basis == "all");
  CHECK(f.schedule.ids.size() == 4);
  CHECK_FALSE(f.schedule.enough);
  CHECK_FALSE(f.has_dates());
  CHECK_FALSE(f.days_to_p50.has_value());
  const std::string text = handoff::forecast::render_text(f);
  CHECK(text.find("  no dates: the class has 4 projects, fewer than forecast.min_class (5); record "
                  "closure.went_live of more closed projects, or lower forecast.min_class in handoff.yaml\n")
        != std::string::npos);
}

TEST_CASE("forecast: zero-week estimates are refused with a note, never divided by")
{
  SUBCASE("a class member estimated at 0 weeks is left out")
  {
    std::vector<Sample> history = five();
    Sample zero = closed("zero", 70);
    zero.duration_weeks = 0;
    history.push_back(zero);
    const Forecast f = make_forecast(target(), history, {});
    CHECK(f.schedule.ids.size() == 5);
    REQUIRE(f.notes.size() == 1);
    CHECK(f.notes[0].file == "projects/zero/feasibility.yaml");
    CHECK(f.notes[0].pos.line == 3);
    CHECK(f.notes[0].message
          == "closed project zero is left out of the reference class: its estimate.duration_weeks is 0, so it has "
             "no ratio; correct the estimate it was sold with");
  }
  SUBCASE("the project itself estimated at 0 weeks gets no dates")
  {
    Sample t = target();
    t.duration_weeks = 0;
    const Forecast f = make_forecast(t, five(), {});
    CHECK(f.schedule.enough);
    CHECK_FALSE(f.has_dates());
    CHECK_FALSE(f.estimate_date.has_value());
    REQUIRE(f.notes.size() == 1);
    CHECK(f.notes[0].pos.line == 3);
    CHECK(f.notes[0].message
          == "estimate.duration_weeks of new-mes is 0: there is no schedule to forecast; give the assessed duration "
             "in weeks");
  }
  SUBCASE("a go-live before the start is left out too")
  {
    std::vector<Sample> history = five();
    history.push_back(closed("early", -3));
    const Forecast f = make_forecast(target(), history, {});
    CHECK(f.schedule.ids.size() == 5);
    REQUIRE(f.notes.size() == 1);
    CHECK(f.notes[0].message
          == "closed project early is left out of the reference class: closure.went_live 2026-01-02 is before its "
             "start 2026-01-05; correct the date");
  }
}

TEST_CASE("forecast: effort from actual_effort_days / estimate.effort_days")
{
  std::vector<Sample> history = five();
  const double actual[] = {100, 120, 90, 130, 110};  // of 100 estimated: 0.9 .. 1.3
  for (std::size_t i = 0; i < history.size(); ++i) {
    history[i].effort_days = 100;
    history[i].actual_effort_days = actual[i];
  }
  const Forecast f = make_forecast(target(), history, {});
  REQUIRE(f.effort.enough);
  CHECK(f.effort.p50 == doctest::Approx(1.1));  // 0.9 1.0 1.1 1.2 1.3
  CHECK(f.effort.p80 == doctest::Approx(1.2));
  CHECK(*f.p50_effort == 220);
  CHECK(*f.p80_effort == 240);
  SUBCASE("a member without actual effort shrinks the effort class only")
  {
    history[0].actual_effort_days.reset();
    const Forecast g = make_forecast(target(), history, {});
    CHECK(g.schedule.enough);
    CHECK_FALSE(g.effort.enough);
    CHECK_FALSE(g.p50_effort.has_value());
  }
}

TEST_CASE("forecast JSON keys")
{
  const Forecast f = make_forecast(target(), five(), {});
  const auto j = handoff::forecast::render_json(f);
  CHECK(j["schema"] == 1);
  CHECK(j["class"]["basis"] == "industry");
  CHECK(j["class"]["size"] == 5);
  CHECK(j["schedule"]["p50_date"] == "2027-06-21");
  CHECK(j["schedule"]["p80_date"] == "2027-07-05");
  CHECK(j["schedule"]["promise_to_p50_days"] == 20);
  CHECK(j["schedule"]["p50_project"] == "a");
  CHECK(j["effort"]["p50_days"].is_null());
  CHECK(j["effort"]["refused"].is_null());
}

TEST_CASE("related lessons: same industry or a shared tag")
{
  std::vector<Sample> history = five();
  history[0].lessons = {{"a", "Agree SAP availability in the contract", {"sap"}}};
  Sample other = closed("wms", 70, "logistics");
  other.lessons = {{"wms", "Collect label samples early", {"labels"}}, {"wms", "Book the SAP team", {"sap"}}};
  history.push_back(other);
  Sample t = target();
  t.tags = {"SAP"};
  const auto lessons = handoff::forecast::related_lessons(t, history);
  REQUIRE(lessons.size() == 2);
  CHECK(lessons[0].text == "Agree SAP availability in the contract");
  CHECK(lessons[1].text == "Book the SAP team");
}

// --- HF308 --------------------------------------------------------------------------------

namespace {

// A contracted project, 20 weeks from 2026-11-02 (supports 2027-03-22), promised `go_live`.
handoff::test::Workspace hf308_workspace(const std::string& stage, const std::string& go_live)
{
  handoff::test::Workspace ws;
  ws.file("projects/acme/project.yaml", "id: acme\n"
                                        "name: ACME MES\n"
                                        "stage: "
                                            + stage
                                            + "\n"
                                              "customer:\n"
                                              "  name: ACME\n"
                                              "  industry: manufacturing\n"
                                              "contract:\n"
                                              "  start: 2026-11-02\n"
                                              "  go_live: "
                                            + go_live + "\n");
  ws.file("projects/acme/feasibility.yaml", "estimate:\n  duration_weeks: 20\n");
  return ws;
}

// Five closed manufacturing projects of 10 weeks with ratios 1.0, 1.05, 1.1, 1.2, 1.5.
handoff::forecast::FixedSource hf308_class(std::size_t count = 5)
{
  std::vector<Sample> all{closed("p1", 70), closed("p2", 74), closed("p3", 77), closed("p4", 84), closed("p5", 105)};
  all.resize(count);
  return handoff::forecast::FixedSource(all);
}

}  // namespace

TEST_CASE("HF308 fires when the promise is earlier than the P50 forecast")
{
  const auto source = hf308_class();
  handoff::rules::CheckOptions options;
  options.reference = &source;
  const auto outcome = hf308_workspace("contracted", "2027-03-31").check("acme", "2026-11-20", options);
  // P50 = 1.1 (p3: 77 of 70 days): 2026-11-02 + round(140 x 1.1) = 154 days = 2027-04-05.
  CHECK(handoff::test::only(outcome.findings, "HF308")
        == "projects/acme/project.yaml:9:12: warning[HF308]: the promise outruns the workspace's history: go-live "
           "2027-03-31 is promised, but the reference class of 5 closed projects in industry \"manufacturing\" took "
           "a median 1.10 times their estimated duration, so the estimate of 20 weeks from 2026-11-02 forecasts "
           "2027-04-05 (P50; P80 2027-04-19), 5 days later; renegotiate the date, or record why this project will "
           "beat its class (`handoff forecast acme`)\n");
  CHECK(outcome.findings.back().ids == std::vector<std::string>{"p1", "p2", "p3", "p4", "p5"});
}

// A reference class that counts how often it is read.
class CountingSource final : public handoff::forecast::Source {
public:
  explicit CountingSource(std::vector<Sample> closed) : m_closed(std::move(closed)) {}
  const std::vector<Sample>& closed() const override
  {
    ++reads;
    return m_closed;
  }
  mutable int reads = 0;

private:
  std::vector<Sample> m_closed;
};

TEST_CASE("the evaluation computes a project's forecast once and keeps it when asked")
{
  const CountingSource source(hf308_class().closed());
  handoff::rules::CheckOptions options;
  options.reference = &source;
  auto ws = hf308_workspace("contracted", "2027-03-31");
  SUBCASE("HF308 judges the forecast the outcome keeps")
  {
    options.forecast = true;
    const auto outcome = ws.check("acme", "2026-11-20", options);
    CHECK(source.reads == 1);
    REQUIRE(outcome.forecast);
    CHECK(outcome.forecast->project == "acme");
    CHECK(outcome.forecast->p50_date->str() == "2027-04-05");
    CHECK(outcome.forecast->schedule.by_ratio == std::vector<std::string>{"p1", "p2", "p3", "p4", "p5"});
    CHECK(handoff::test::only(outcome.findings, "HF308").find("forecasts 2027-04-05 (P50; P80 2027-04-19)")
          != std::string::npos);
  }
  SUBCASE("not asked: HF308 still reads it once, and the outcome does not keep it")
  {
    const auto outcome = ws.check("acme", "2026-11-20", options);
    CHECK(source.reads == 1);
    CHECK_FALSE(outcome.forecast);
  }
  SUBCASE("a project in delivery: nothing asks, nothing is read")
  {
    const auto outcome = hf308_workspace("delivery", "2027-03-31").check("acme", "2026-11-20", options);
    CHECK(source.reads == 0);
    CHECK_FALSE(outcome.forecast);
  }
}

TEST_CASE("HF308 stays silent")
{
  handoff::rules::CheckOptions options;
  const auto source = hf308_class();
  options.reference = &source;
  SUBCASE("when the promise is on or after the P50 date")
  {
    CHECK(handoff::test::only(hf308_workspace("contracted", "2027-04-05").check("acme", "2026-11-20", options).findings,
                              "HF308")
          == "");
  }
  SUBCASE("once the project is in delivery: the promise is no longer negotiable")
  {
    CHECK(handoff::test::only(hf308_workspace("delivery", "2027-03-31").check("acme", "2026-11-20", options).findings,
                              "HF308")
          == "");
  }
  SUBCASE("when the class is smaller than forecast.min_class")
  {
    const auto four = hf308_class(4);
    options.reference = &four;
    CHECK(handoff::test::only(hf308_workspace("contracted", "2027-03-31").check("acme", "2026-11-20", options).findings,
                              "HF308")
          == "");
  }
  SUBCASE("when handoff.yaml raises min_class above the class")
  {
    auto ws = hf308_workspace("handoff", "2027-03-31");
    ws.file("handoff.yaml", "version: 1\nforecast:\n  min_class: 6\n");
    CHECK(handoff::test::only(ws.check("acme", "2026-11-20", options).findings, "HF308") == "");
  }
  SUBCASE("when HF304 already reports the promise outrunning the estimate")
  {
    const auto outcome = hf308_workspace("contracted", "2027-03-01").check("acme", "2026-11-20", options);
    CHECK(handoff::test::only(outcome.findings, "HF308") == "");
    CHECK(handoff::test::only(outcome.findings, "HF304") != "");
  }
  SUBCASE("when no reference is given (nothing to compare with)")
  {
    CHECK(handoff::test::only(hf308_workspace("contracted", "2027-03-31").check("acme").findings, "HF308") == "");
  }
}

TEST_CASE("HF308 through handoff.yaml: min_class lowered to the class size")
{
  const auto four = hf308_class(4);
  handoff::rules::CheckOptions options;
  options.reference = &four;
  auto ws = hf308_workspace("handoff", "2027-03-31");
  ws.file("handoff.yaml", "version: 1\nforecast:\n  min_class: 4\n");
  // 4 ratios 1.0 1.05 1.1 1.2: P50 rank 2 = 1.05 (74 of 70): round(147.99..) = 148 days = 2027-03-30.
  CHECK(handoff::test::only(ws.check("acme", "2026-11-20", options).findings, "HF308") == "");
  ws.file("projects/acme/project.yaml", "id: acme\nname: ACME MES\nstage: handoff\ncustomer:\n  name: ACME\n"
                                        "  industry: manufacturing\ncontract:\n  start: 2026-11-02\n"
                                        "  go_live: 2027-03-29\n");
  CHECK(handoff::test::only(ws.check("acme", "2026-11-20", options).findings, "HF308").find("2027-03-30 (P50")
        != std::string::npos);
}

TEST_CASE("the loader reads closure.went_live, actual_effort_days and lessons")
{
  handoff::test::Workspace ws;
  ws.file("projects/old/project.yaml", "id: old\n"
                                       "name: Old\n"
                                       "stage: closed\n"
                                       "closure:\n"
                                       "  went_live: 2026-05-04\n"
                                       "  actual_effort_days: 212.5\n"
                                       "  lessons:\n"
                                       "    - text: Book the SAP team for the interface tests\n"
                                       "      tags: [sap]\n"
                                       "    - tags: [x]\n");
  const auto config = handoff::model::load_config(ws.fs());
  const auto loaded = handoff::model::load_project(ws.fs(), config.config, "old");
  const auto& card = loaded.project.card;
  CHECK(card.went_live->str() == "2026-05-04");
  CHECK(*card.actual_effort_days == 212.5);
  REQUIRE(card.lessons.size() == 2);
  CHECK(*card.lessons[0].text == "Book the SAP team for the interface tests");
  CHECK(handoff::test::lines(loaded.findings)
        == "projects/old/project.yaml:10:7: error[HF003]: missing required field \"text\"\n");
  const Sample s = handoff::forecast::sample_of(loaded.project);
  CHECK(s.closed);
  REQUIRE(s.lessons.size() == 1);
  CHECK(s.lessons[0].tags == std::vector<std::string>{"sap"});
}

TEST_CASE("load_closed keeps every closed project, also one whose stage is spelled with escapes")
{
  // The reference class skips the cards that cannot say `stage: closed` without parsing them;
  // a double-quoted scalar can spell it with escapes, so those cards are parsed.
  handoff::test::Workspace ws;
  const std::string rest = "\ncustomer:\n  name: C\n  industry: retail\nclosure:\n  went_live: 2026-05-04\n";
  ws.file("projects/a-plain/project.yaml", "id: a-plain\nname: A\nstage: closed" + rest);
  ws.file("projects/b-hex/project.yaml", "id: b-hex\nname: B\nstage: \"clo\\x73ed\"" + rest);
  ws.file("projects/c-folded/project.yaml", "id: c-folded\nname: C\nstage: \"clo\\\n  sed\"" + rest);
  ws.file("projects/d-unicode/project.yaml", "id: d-unicode\nname: D\nstage: \"\\u0063losed\"" + rest);
  ws.file("projects/e-open/project.yaml", "id: e-open\nname: E\nstage: delivery" + rest);
  ws.file("projects/f-anchor/project.yaml", "id: f-anchor\nname: F\nx: &s closed\nstage: *s" + rest);
  ws.file("projects/g-quoted-open/project.yaml", "id: g-quoted-open\nname: G\nstage: \"deli\\x76ery\"" + rest);
  const auto config = handoff::model::load_config(ws.fs());
  const std::vector<std::string> ids = {"a-plain", "b-hex",    "c-folded",      "d-unicode",
                                        "e-open",  "f-anchor", "g-quoted-open", "h-missing"};
  const auto samples = handoff::forecast::load_closed(ws.fs(), config.config, ids, {}, {1, {}});
  std::vector<std::string> got;
  for (const auto& s : samples) {
    got.push_back(s.id);
  }
  CHECK(got == std::vector<std::string>{"a-plain", "b-hex", "c-folded", "d-unicode", "f-anchor"});
}

TEST_CASE("forecast: a closed project with implausible dates is left out, with a note (HF011, HF012)")
{
  handoff::test::Workspace ws;
  ws.file("projects/late/project.yaml", "id: late\nname: Late\nstage: closed\ncontract:\n  signed: 2026-01-05\n"
                                        "closure:\n  went_live: 2029-06-29\n  accepted: 2029-01-24\n");
  ws.file("projects/late/feasibility.yaml", "estimate:\n  duration_weeks: 10\n");
  const auto config = handoff::model::load_config(ws.fs());
  const Sample late =
      handoff::forecast::sample_of(handoff::model::load_project(ws.fs(), config.config, "late").project);
  CHECK(late.last_event == day("2029-06-29"));
  REQUIRE(late.disorder.has_value());
  CHECK(late.disorder->message == "closure.accepted 2029-01-24 is 156 days before closure.went_live 2029-06-29");

  std::vector<Sample> history = five();
  history.push_back(late);
  handoff::forecast::Options options;
  options.today = day("2026-11-20");
  Forecast f = make_forecast(target(), history, options);
  CHECK(f.schedule.ids.size() == 5);
  CHECK(f.implausible == std::vector<std::string>{"late"});
  REQUIRE(f.notes.size() == 1);
  CHECK(f.notes[0].file == "projects/late/project.yaml");
  CHECK(f.notes[0].pos.line == 7);
  CHECK(f.notes[0].message
        == "closed project late is left out of the reference class: its closure.went_live 2029-06-29 lies after "
           "today (2026-11-20, HF011); correct the date");
  CHECK(handoff::forecast::describe_class(f)
        == "5 closed projects in industry \"Manufacturing\" (1 project left out for implausible dates, HF011/HF012)");

  // Checked after the dates: only the order is wrong (HF012), at closure.accepted.
  options.today = day("2030-01-01");
  f = make_forecast(target(), history, options);
  CHECK(f.implausible == std::vector<std::string>{"late"});
  REQUIRE(f.notes.size() == 1);
  CHECK(f.notes[0].pos.line == 8);
  CHECK(f.notes[0].message
        == "closed project late is left out of the reference class: its closure.accepted 2029-01-24 is 156 days "
           "before closure.went_live 2029-06-29 (HF012); correct whichever date is wrong");

  // Plausible dates: nothing left out (the project has no industry, so the industry class of
  // five does not take it in).
  history.back().disorder.reset();
  f = make_forecast(target(), history, options);
  CHECK(f.implausible.empty());
  CHECK(f.notes.empty());
}
