// The domain facts of the model (model/records.cpp) that rules, status, reports and KPIs share.
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "model/records.hpp"

using namespace handoff;

namespace {

model::Text text(std::optional<std::string> value)
{
  model::Text t;
  t.value = std::move(value);
  return t;
}

model::DateField date(const char* value)
{
  model::DateField d;
  d.value = support::Date::parse(value);
  return d;
}

}  // namespace

TEST_CASE("a question is open with status open, or without status until it is answered")
{
  model::Question q;
  CHECK(q.open());
  q.answer = text("ECC 6.0");
  CHECK_FALSE(q.open());
  q.status = text("open");
  CHECK(q.open());
  q.status = text("answered");
  CHECK_FALSE(q.open());
}

TEST_CASE("a milestone is finished when done or accepted, and overdue when unfinished past its due date")
{
  const auto today = *support::Date::parse("2026-11-20");
  model::Milestone m;
  m.due = date("2026-11-19");
  CHECK_FALSE(m.finished());
  CHECK(m.overdue(today));
  for (const char* status : {"planned", "in_progress"}) {
    m.status = text(status);
    CHECK_FALSE(m.finished());
    CHECK(m.overdue(today));
  }
  for (const char* status : {"done", "accepted"}) {
    m.status = text(status);
    CHECK(m.finished());
    CHECK_FALSE(m.overdue(today));
  }
  m.status = text(std::nullopt);
  m.due = date("2026-11-20");
  CHECK_FALSE(m.overdue(today));  // due today is not overdue yet
}

TEST_CASE("a risk is live when open or occurred, or without status")
{
  model::Risk r;
  CHECK(r.live());
  for (const char* status : {"open", "occurred"}) {
    r.status = text(status);
    CHECK(r.live());
  }
  for (const char* status : {"mitigated", "closed"}) {
    r.status = text(status);
    CHECK_FALSE(r.live());
  }
}

TEST_CASE("a change is pending, decided and open by its status; no status is proposed")
{
  model::Change c;
  CHECK(c.state() == "proposed");
  CHECK(c.pending());
  CHECK(c.open());
  CHECK_FALSE(c.decided());
  const struct {
    const char* status;
    bool pending, decided, open;
  } cases[] = {{"proposed", true, false, true},
               {"assessed", true, false, true},
               {"approved", false, true, true},
               {"rejected", false, false, false},
               {"implemented", false, true, false}};
  for (const auto& k : cases) {
    CAPTURE(k.status);
    c.status = text(k.status);
    CHECK(c.state() == k.status);
    CHECK(c.pending() == k.pending);
    CHECK(c.decided() == k.decided);
    CHECK(c.open() == k.open);
  }
}

TEST_CASE("a requirement is in scope unless wont; must or should by priority")
{
  model::Requirement r;
  CHECK(r.in_scope());
  CHECK_FALSE(r.is_must_or_should());
  r.priority = text("should");
  CHECK(r.is_must_or_should());
  CHECK_FALSE(r.is_must());
  r.priority = text("wont");
  CHECK_FALSE(r.in_scope());
}

TEST_CASE("the estimated go-live is the delivery start plus ceil(duration_weeks x 7) days")
{
  CHECK(model::estimated_days(22) == 154);
  CHECK(model::estimated_days(26.05) == 183);    // 182.35 days: a part-day needs the whole day
  CHECK(model::estimated_days(0.1) == 1);        // 0.7 of a day
  CHECK(model::estimated_days(1.0 / 7.0) == 1);  // no extra day for floating-point error
  CHECK(model::estimated_days(0) == 0);

  model::Project p;
  CHECK_FALSE(p.estimated_go_live().has_value());
  p.feasibility.duration_weeks.value = 26.05;
  CHECK_FALSE(p.estimated_go_live().has_value());  // no start
  p.card.signed_date = date("2026-10-01");
  CHECK(p.estimated_go_live()->str() == "2027-04-02");  // from the signing date without a start
  p.card.start = date("2026-10-08");
  CHECK(p.estimated_go_live()->str() == "2027-04-09");
}

TEST_CASE("the top risk is the live risk with the highest score, ties by id")
{
  const auto risk = [](const char* id, long long probability, long long impact, const char* status = nullptr) {
    model::Risk r;
    r.id = text(id);
    r.probability.value = probability;
    r.impact.value = impact;
    if (status != nullptr) {
      r.status = text(status);
    }
    return r;
  };
  model::Project p;
  CHECK(p.top_risk() == nullptr);
  p.risks.push_back(risk("R-9", 4, 4));
  p.risks.push_back(risk("R-2", 4, 4));
  p.risks.push_back(risk("R-1", 5, 5, "closed"));  // not live
  p.risks.push_back(risk("R-3", 2, 2));
  REQUIRE(p.top_risk() != nullptr);
  CHECK(*p.top_risk()->id == "R-2");  // not R-9, the first in the file
  const auto ranked = p.ranked_risks();
  REQUIRE(ranked.size() == 3);
  CHECK(*ranked[0]->id == "R-2");
  CHECK(*ranked[1]->id == "R-9");
  CHECK(*ranked[2]->id == "R-3");

  model::Project unscored;
  model::Risk r;
  r.id = text("R-1");
  unscored.risks.push_back(r);
  CHECK(unscored.ranked_risks().size() == 1);
  CHECK(unscored.top_risk() == nullptr);  // a risk without a score is never the top risk
}

TEST_CASE("a milestone finished on time is done or accepted on or before its due date")
{
  model::Milestone m;
  m.due = date("2026-11-20");
  m.done = date("2026-11-20");
  CHECK_FALSE(m.finished_on_time().has_value());  // not finished
  m.status = text("done");
  CHECK(m.finished_on_time() == true);
  m.done = date("2026-11-21");
  CHECK(m.finished_on_time() == false);
  m.status = text("accepted");
  CHECK(m.finished_on_time() == false);
  m.done = model::DateField{};
  CHECK_FALSE(m.finished_on_time().has_value());  // no done date: counts neither way
}

TEST_CASE("a must requirement is covered when a milestone's covers: names it")
{
  model::Project p;
  model::Requirement r;
  r.id = text("REQ-001");
  r.priority = text("must");
  CHECK_FALSE(p.covered(r));
  model::Milestone m1;
  m1.covers.items.push_back(text("REQ-002"));
  p.plan.milestones.push_back(m1);
  CHECK_FALSE(p.covered(r));
  model::Milestone m2;  // a milestone without an id still covers
  m2.covers.items.push_back(text("REQ-001"));
  m2.covers.items.push_back(text("REQ-001"));
  p.plan.milestones.push_back(m2);
  CHECK(p.covered(r));
  CHECK(p.covering("REQ-001").size() == 1);
  model::Requirement no_id;
  CHECK_FALSE(p.covered(no_id));
}

TEST_CASE("a project's schedule ratio is its days from start to go-live over its estimated days")
{
  const auto d = [](const char* s) { return support::Date::parse(s); };
  CHECK(*model::schedule_ratio(d("2026-01-01"), d("2026-06-04"), 20) == doctest::Approx(154.0 / 140.0));
  CHECK(*model::schedule_ratio(d("2026-01-01"), d("2026-01-01"), 1) == 0.0);
  CHECK_FALSE(model::schedule_ratio(d("2026-01-01"), d("2025-12-31"), 20).has_value());  // went live before it began
  CHECK_FALSE(model::schedule_ratio(d("2026-01-01"), d("2026-06-04"), 0).has_value());
  CHECK_FALSE(model::schedule_ratio(std::nullopt, d("2026-06-04"), 20).has_value());
  CHECK_FALSE(model::schedule_ratio(d("2026-01-01"), std::nullopt, 20).has_value());
  CHECK_FALSE(model::schedule_ratio(d("2026-01-01"), d("2026-06-04"), std::nullopt).has_value());
}
