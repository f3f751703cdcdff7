#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <thread>
#include <vector>

#include "output/format.hpp"
#include "output/status.hpp"
#include "report/report.hpp"
#include "support/parallel.hpp"
#include "workspace/status.hpp"
#include "workspace/workspace.hpp"

namespace fs = std::filesystem;
using namespace handoff;

namespace {

// A copy of examples/ with each of its projects repeated under `copies` folder names, so that
// the projects outnumber the threads and finish out of order.
struct ManyProjects {
  fs::path path;
  explicit ManyProjects(int copies)
  {
    std::string templ = (fs::temp_directory_path() / "handoff-parallel-XXXXXX").string();
    path = ::mkdtemp(templ.data());
    const fs::path examples = fs::path(HANDOFF_SOURCE_DIR) / "examples";
    fs::copy_file(examples / "handoff.yaml", path / "handoff.yaml");
    fs::create_directories(path / "projects");
    for (const auto& entry : fs::directory_iterator(examples / "projects")) {
      for (int i = 0; i < copies; ++i) {
        const std::string name = entry.path().filename().string() + (i == 0 ? "" : "-" + std::to_string(i));
        fs::copy(entry.path(), path / "projects" / name, fs::copy_options::recursive);
      }
    }
  }
  ~ManyProjects()
  {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

}  // namespace

TEST_CASE("for_each_index calls every index exactly once, on any number of jobs")
{
  for (const unsigned jobs : {1u, 2u, 7u}) {
    std::vector<std::atomic<int>> calls(100);
    support::for_each_index(calls.size(), support::Parallelism{jobs, {}}, [&](std::size_t i) { ++calls[i]; });
    for (const auto& c : calls) {
      CHECK(c.load() == 1);
    }
  }
  support::for_each_index(0, support::Parallelism{4, {}}, [](std::size_t) { FAIL("no work expected"); });
}

TEST_CASE("for_each_index rethrows the exception of the lowest failing index after all work is done")
{
  std::atomic<int> calls{0};
  const auto work = [&](std::size_t i) {
    ++calls;
    if (i == 30 || i == 70) {
      throw std::runtime_error("item " + std::to_string(i));
    }
  };
  CHECK_THROWS_WITH(support::for_each_index(100, support::Parallelism{3, {}}, work), "item 30");
  CHECK(calls.load() == 100);
}

TEST_CASE("for_each_index reports progress on the calling thread and ends with done == total")
{
  std::vector<std::pair<std::size_t, std::size_t>> reports;  // only the calling thread writes
  support::for_each_index(
      50, support::Parallelism{2, [&](std::size_t done, std::size_t total) { reports.emplace_back(done, total); }},
      [](std::size_t) {});
  REQUIRE(!reports.empty());
  CHECK(reports.back() == std::pair<std::size_t, std::size_t>{50, 50});
  for (const auto& [done, total] : reports) {
    CHECK(total == 50);
    CHECK(done <= total);
  }
}

TEST_CASE("for_each_index_in_order finishes every index once, in order, after its work returned")
{
  for (const unsigned jobs : {1u, 2u, 7u}) {
    std::vector<std::atomic<int>> worked(200);
    std::vector<std::size_t> finished;  // only the calling thread writes
    bool all_worked_first = true;
    support::for_each_index_in_order(
        worked.size(), support::Parallelism{jobs, {}}, [&](std::size_t i) { ++worked[i]; },
        [&](std::size_t i) {
          all_worked_first = all_worked_first && worked[i].load() == 1;
          finished.push_back(i);
        });
    std::vector<std::size_t> expected(worked.size());
    std::iota(expected.begin(), expected.end(), std::size_t{0});
    CHECK(finished == expected);
    CHECK(all_worked_first);
  }
}

TEST_CASE("for_each_index_in_order finishes an item while later ones are still being worked on")
{
  // Item 1 waits until item 0 has been finished: that can only happen when finish runs during
  // the work, not after it. A time-out keeps a broken implementation from hanging the test.
  std::mutex mutex;
  std::condition_variable cv;
  bool zero_finished = false;
  bool one_saw_it = false;
  support::for_each_index_in_order(
      2, support::Parallelism{2, {}},
      [&](std::size_t i) {
        if (i == 1) {
          std::unique_lock lock(mutex);
          one_saw_it = cv.wait_for(lock, std::chrono::seconds(10), [&] { return zero_finished; });
        }
      },
      [&](std::size_t i) {
        if (i == 0) {
          const std::lock_guard lock(mutex);
          zero_finished = true;
          cv.notify_all();
        }
      });
  CHECK(one_saw_it);
}

TEST_CASE("for_each_index_in_order stops finishing at the first failing item and rethrows its exception")
{
  std::vector<std::size_t> finished;
  const auto work = [](std::size_t i) {
    if (i == 30 || i == 70) {
      throw std::runtime_error("item " + std::to_string(i));
    }
  };
  CHECK_THROWS_WITH(support::for_each_index_in_order(100, support::Parallelism{3, {}}, work,
                                                     [&](std::size_t i) { finished.push_back(i); }),
                    "item 30");
  REQUIRE(finished.size() == 30);
  CHECK(finished.back() == 29);

  std::atomic<int> worked{0};
  finished.clear();
  CHECK_THROWS_WITH(support::for_each_index_in_order(
                        100, support::Parallelism{2, {}}, [&](std::size_t) { ++worked; },
                        [&](std::size_t i) {
                          finished.push_back(i);
                          if (i == 10) {
                            throw std::runtime_error("finish 10");
                          }
                        }),
                    "finish 10");
  CHECK(finished.size() == 11);
  CHECK(worked.load() == 100);  // all work is done before the exception is rethrown

  // The same when finish throws at once, while most items are still to be worked on: with
  // 1,000 slow items and 2 threads, a version that stopped starting work would wait forever.
  worked = 0;
  CHECK_THROWS_WITH(support::for_each_index_in_order(
                        1000, support::Parallelism{2, {}},
                        [&](std::size_t) {
                          std::this_thread::sleep_for(std::chrono::microseconds(100));
                          ++worked;
                        },
                        [](std::size_t) { throw std::runtime_error("finish 0"); }),
                    "finish 0");
  CHECK(worked.load() == 1000);
}

TEST_CASE("check and status print the same output with -j1 and -j4")
{
  const ManyProjects ws_dir(6);
  const workspace::Workspace ws(ws_dir.path.string());
  REQUIRE(ws.project_ids().size() >= 20);
  rules::CheckOptions options;
  options.today = *support::Date::parse("2026-11-20");

  const rules::CheckRun one = ws.check({}, options, support::Parallelism{1, {}});
  const std::string text_one = output::text(one, output::TextStyle{});
  const std::string json_one = output::json(one);
  CHECK(text_one.find("error[") != std::string::npos);  // the comparison below compares findings
  for (int round = 0; round < 5; ++round) {
    const rules::CheckRun four = ws.check({}, options, support::Parallelism{4, {}});
    CHECK(output::text(four, output::TextStyle{}) == text_one);
    CHECK(output::json(four) == json_one);
  }

  const auto rows_one = workspace::status_rows(ws, {}, options, support::Parallelism{1, {}});
  const auto rows_four = workspace::status_rows(ws, {}, options, support::Parallelism{4, {}});
  CHECK(output::status_text(rows_four, false) == output::status_text(rows_one, false));
  CHECK(output::status_json(rows_four, options.today) == output::status_json(rows_one, options.today));
}

TEST_CASE("check_each hands over the projects in order and keeps none; its pieces print as check's text")
{
  const ManyProjects ws_dir(6);
  const workspace::Workspace ws(ws_dir.path.string());
  rules::CheckOptions options;
  options.today = *support::Date::parse("2026-11-20");
  const rules::CheckRun whole = ws.check({}, options, support::Parallelism{1, {}});
  const std::string expected = output::text(whole, output::TextStyle{});
  for (const unsigned jobs : {1u, 4u}) {
    std::vector<std::string> ids;
    output::TextWriter writer(output::TextStyle{}, options.strict);
    std::string printed = writer.workspace(ws.workspace_findings());
    const rules::CheckRun run =
        ws.check_each({}, options, support::Parallelism{jobs, {}}, [&](rules::ProjectOutcome&& outcome) {
          ids.push_back(outcome.id);
          printed += writer.project(outcome);
        });
    printed += writer.end(run.notes);
    CHECK(run.projects.empty());
    CHECK(ids == ws.project_ids());
    CHECK(printed == expected);
    CHECK(writer.failed() == output::failed(whole));
  }
  CHECK(output::failed(whole));  // the workspace has errors, so failed() above compared "true"
}

TEST_CASE("report --portfolio renders the same with -j1 and -j4")
{
  const ManyProjects ws_dir(6);
  const workspace::Workspace ws(ws_dir.path.string());
  report::ReportOptions options;
  options.today = *support::Date::parse("2026-11-20");
  for (const bool json : {false, true}) {
    CAPTURE(json);
    options.json = json;
    options.parallelism = support::Parallelism{1, {}};
    const std::string one = report::portfolio_report(ws, options);
    CHECK(one.find(ws.project_ids().back()) != std::string::npos);  // the last project is in it
    options.parallelism = support::Parallelism{4, {}};
    for (int round = 0; round < 3; ++round) {
      CHECK(report::portfolio_report(ws, options) == one);
    }
  }
}
