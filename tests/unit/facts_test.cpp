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
