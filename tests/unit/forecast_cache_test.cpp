#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>

#include "forecast/cache.hpp"
#include "forecast/source.hpp"
#include "harness.hpp"
#include "io/filesystem.hpp"
#include "model/load.hpp"

using handoff::forecast::load_closed;
using handoff::forecast::Sample;
using handoff::forecast::SampleCache;
using handoff::test::ScopedEnv;
using handoff::test::TempDir;

namespace {

// Two closed projects and an open one, on disk.
void write_workspace(const std::string& root)
{
  const std::string rest = "customer:\n  name: C\n  industry: retail\ncontract:\n  start: 2026-01-05\n"
                           "closure:\n  went_live: 2026-05-04\n  lessons:\n    - text: Book the SAP team\n"
                           "      tags: [sap]\n";
  handoff::test::write(root + "/handoff.yaml", "version: 1\n");
  handoff::test::write(root + "/projects/a-old/project.yaml", "id: a-old\nname: A\nstage: closed\n" + rest);
  handoff::test::write(root + "/projects/a-old/feasibility.yaml", "estimate:\n  duration_weeks: 10\n");
  handoff::test::write(root + "/projects/b-old/project.yaml",
                       "id: b-old\nname: B\nstage: closed\n" + handoff::test::edit(rest, "2026-05-04", "2026-06-01"));
  handoff::test::write(root + "/projects/c-open/project.yaml", "id: c-open\nname: C\nstage: delivery\n" + rest);
}

// Everything the reference class reads of a sample, as one line.
std::string text(const Sample& s)
{
  std::string out = s.id + " " + s.industry + " closed=" + std::to_string(s.closed);
  out += " start=" + (s.start ? s.start->str() : "-") + " went_live=" + (s.went_live ? s.went_live->str() : "-");
  out += " weeks=" + (s.duration_weeks ? std::to_string(*s.duration_weeks) : "-");
  out += " last=" + (s.last_event ? s.last_event->str() : "-") + "@" + s.last_event_at.file + ":"
         + std::to_string(s.last_event_at.pos.line) + " " + s.last_event_at.message;
  out += " files=" + s.project_file + "," + s.feasibility_file;
  out += " weeks_at=" + std::to_string(s.duration_pos.line) + ":" + std::to_string(s.duration_pos.column);
  for (const auto& lesson : s.lessons) {
    out += " lesson=" + lesson.project + ":" + lesson.text + ":" + (lesson.tags.empty() ? "" : lesson.tags[0]);
  }
  return out;
}

std::string texts(const std::vector<Sample>& samples)
{
  std::string out;
  for (const auto& s : samples) {
    out += text(s) + "\n";
  }
  return out;
}

// The disk, counting the records read.
class CountingFileSystem final : public handoff::io::FileSystem {
public:
  explicit CountingFileSystem(const std::string& root) : m_disk(root) {}
  handoff::io::FileKind kind(const std::string& path) const override { return m_disk.kind(path); }
  handoff::io::ReadResult read(const std::string& path, std::size_t limit) const override
  {
    ++reads;
    return m_disk.read(path, limit);
  }
  std::vector<std::string> list(const std::string& path) const override { return m_disk.list(path); }
  std::optional<handoff::io::FileStamps> stamps(const std::string& dir,
                                                const std::vector<std::string>& names) const override
  {
    return m_disk.stamps(dir, names);
  }
  const std::string& root() const { return m_disk.root(); }
  mutable int reads = 0;

private:
  handoff::io::DiskFileSystem m_disk;
};

std::string default_context()
{
  const handoff::model::LoadOptions options;
  return SampleCache::context_of(options.max_file_size, options.limits.max_depth, options.limits.max_nodes);
}

// The closed projects of the workspace at `root`, through a cache in `dir` (none when empty)
// whose stamps vouch for records changed `racy_ns` before the run; `reads` counts the records
// read.
std::vector<Sample> closed(const std::string& root, const std::string& dir,
                           std::int64_t racy_ns = SampleCache::k_racy_ns, int* reads = nullptr)
{
  const CountingFileSystem fs(root);
  const auto config = handoff::model::load_config(fs);
  const auto ids = handoff::model::list_projects(fs, config.config);
  fs.reads = 0;
  std::vector<Sample> out;
  if (dir.empty()) {
    out = load_closed(fs, config.config, ids, {}, {1, {}});
  } else {
    SampleCache cache(dir, fs.root(), default_context(), racy_ns);
    out = load_closed(fs, config.config, ids, {}, {1, {}}, &cache);
  }
  if (reads != nullptr) {
    *reads = fs.reads;
  }
  return out;
}

std::string cache_file(const std::string& dir, const std::string& root)
{
  return SampleCache(dir, handoff::io::DiskFileSystem(root).root(), default_context()).file();
}

}  // namespace

TEST_CASE("closed-project cache: the samples are those of a run without it, and a second run reads them from it")
{
  const TempDir ws;
  const TempDir dir;
  write_workspace(ws.path());
  const std::string uncached = texts(closed(ws.path(), ""));
  CHECK(uncached.find("a-old retail closed=1 start=2026-01-05 went_live=2026-05-04 weeks=10.000000") == 0);
  CHECK(uncached.find("b-old") != std::string::npos);
  CHECK(uncached.find("c-open") == std::string::npos);

  CHECK(texts(closed(ws.path(), dir.path())) == uncached);  // filled
  const std::string file = cache_file(dir.path(), ws.path());
  REQUIRE(std::filesystem::exists(file));
  const auto written = std::filesystem::last_write_time(file);
  CHECK(texts(closed(ws.path(), dir.path())) == uncached);   // read back
  CHECK(std::filesystem::last_write_time(file) == written);  // nothing new: not rewritten

  // What the second run gave came from the cache: an entry stored under a project's key is
  // what the run returns for it.
  const handoff::io::DiskFileSystem fs(ws.path());
  const std::string context = default_context();
  const auto bytes = [&](const std::string& path) { return handoff::test::read(ws.path() + "/" + path); };
  const std::string key_a = SampleCache::key(context, "projects/a-old", bytes("projects/a-old/project.yaml"),
                                             bytes("projects/a-old/feasibility.yaml"));
  const std::string key_b =
      SampleCache::key(context, "projects/b-old", bytes("projects/b-old/project.yaml"), std::nullopt);
  SampleCache cache(dir.path(), fs.root(), context);
  cache.load();
  REQUIRE(cache.find(key_a).has_value());
  REQUIRE(cache.find(key_a)->has_value());
  Sample marked = **cache.find(key_a);
  marked.industry = "from-the-cache";
  const Sample b = **cache.find(key_b);
  handoff::forecast::CacheEntry entry_a;
  entry_a.folder = "projects/a-old";
  entry_a.key = key_a;
  entry_a.sample = marked;
  handoff::forecast::CacheEntry entry_b;
  entry_b.folder = "projects/b-old";
  entry_b.key = key_b;
  entry_b.sample = b;
  SampleCache(dir.path(), fs.root(), context).save({entry_a, entry_b});  // not loaded: always writes
  CHECK(texts(closed(ws.path(), dir.path())).find("a-old from-the-cache") == 0);
}

TEST_CASE("closed-project cache: records whose stamps have not changed are not read again; any change is")
{
  namespace fs = std::filesystem;
  const TempDir ws;
  const TempDir dir;
  write_workspace(ws.path());
  const std::string expected = texts(closed(ws.path(), ""));
  int reads = 0;

  // Just written (within the racy margin of this run): every record is read, every run.
  CHECK(texts(closed(ws.path(), dir.path(), SampleCache::k_racy_ns, &reads)) == expected);
  CHECK(reads == 5);  // three cards, the two closed projects' feasibility reports (one missing)
  CHECK(texts(closed(ws.path(), dir.path(), SampleCache::k_racy_ns, &reads)) == expected);
  CHECK(reads == 5);

  // Settled (a margin of 0 for the test): the stamps vouch for the records, the open card's too.
  CHECK(texts(closed(ws.path(), dir.path(), 0, &reads)) == expected);
  CHECK(reads == 5);
  CHECK(texts(closed(ws.path(), dir.path(), 0, &reads)) == expected);
  CHECK(reads == 0);

  // An edit in place (another size) is read again.
  const std::string card = ws.path() + "/projects/a-old/project.yaml";
  handoff::test::write(card, handoff::test::edit(handoff::test::read(card), "Book the SAP team", "Book SAP early"));
  CHECK(texts(closed(ws.path(), dir.path(), 0, &reads)).find("lesson=a-old:Book SAP early:sap") != std::string::npos);
  CHECK(reads == 2);
  // A feasibility report added, and one replaced by a rename with the same size: read again.
  handoff::test::write(ws.path() + "/projects/b-old/feasibility.yaml", "estimate:\n  duration_weeks: 12\n");
  const std::string feasibility = ws.path() + "/projects/a-old/feasibility.yaml";
  handoff::test::write(feasibility + ".new", "estimate:\n  duration_weeks: 14\n");
  fs::rename(feasibility + ".new", feasibility);
  const std::string after = texts(closed(ws.path(), dir.path(), 0, &reads));
  CHECK(after.find("a-old retail closed=1 start=2026-01-05 went_live=2026-05-04 weeks=14.000000") == 0);
  CHECK(after.find("b-old retail closed=1 start=2026-01-05 went_live=2026-06-01 weeks=12.000000") != std::string::npos);
  CHECK(reads == 4);
  CHECK(after == texts(closed(ws.path(), "")));
  // The open project's card, changed to closed, joins the class.
  const std::string open_card = ws.path() + "/projects/c-open/project.yaml";
  handoff::test::write(open_card,
                       handoff::test::edit(handoff::test::read(open_card), "stage: delivery", "stage: closed"));
  CHECK(texts(closed(ws.path(), dir.path(), 0, &reads)).find("c-open retail closed=1") != std::string::npos);
  CHECK(reads == 2);
}

TEST_CASE("closed-project cache: an edited record is read again, never served from a stale entry")
{
  const TempDir ws;
  const TempDir dir;
  write_workspace(ws.path());
  closed(ws.path(), dir.path());
  const std::string card = ws.path() + "/projects/a-old/project.yaml";
  handoff::test::write(
      card, handoff::test::edit(handoff::test::read(card), "went_live: 2026-05-04", "went_live: 2026-09-14"));
  handoff::test::write(ws.path() + "/projects/b-old/feasibility.yaml", "estimate:\n  duration_weeks: 12\n");
  const std::string after = texts(closed(ws.path(), dir.path()));
  CHECK(after == texts(closed(ws.path(), "")));
  CHECK(after.find("a-old retail closed=1 start=2026-01-05 went_live=2026-09-14") == 0);
  CHECK(after.find("b-old retail closed=1 start=2026-01-05 went_live=2026-06-01 weeks=12.000000") != std::string::npos);

  // A project that is no longer closed leaves the class at once.
  handoff::test::write(card, handoff::test::edit(handoff::test::read(card), "stage: closed", "stage: delivery"));
  CHECK(texts(closed(ws.path(), dir.path())).find("a-old") == std::string::npos);
}

TEST_CASE("closed-project cache: a corrupt file or entry is ignored and rewritten")
{
  const TempDir ws;
  const TempDir dir;
  write_workspace(ws.path());
  const std::string expected = texts(closed(ws.path(), ""));
  const std::string file = cache_file(dir.path(), ws.path());

  handoff::test::write(file, std::string("not a cache \xff\x01 at all"));
  CHECK(texts(closed(ws.path(), dir.path())) == expected);
  const std::string good = handoff::test::read(file);
  CHECK(good.find("handoff closed-project cache") != std::string::npos);

  // Cut short: not decodable.
  handoff::test::write(file, good.substr(0, good.size() / 2));
  CHECK(texts(closed(ws.path(), dir.path())) == expected);
  CHECK(handoff::test::read(file) == good);

  // Every entry damaged in place (its dates no longer dates, the file still decodes): each
  // entry is a miss.
  std::string damaged = good;
  for (auto at = damaged.find("2026-0"); at != std::string::npos; at = damaged.find("2026-0", at)) {
    damaged.replace(at, 6, "2026-x");
  }
  CHECK(damaged != good);
  handoff::test::write(file, damaged);
  CHECK(texts(closed(ws.path(), dir.path())) == expected);
  CHECK(handoff::test::read(file) == good);
}

TEST_CASE("closed-project cache: where it lives, and HANDOFF_NO_CACHE")
{
  const TempDir ws;
  const TempDir home;
  {
    const ScopedEnv off("HANDOFF_NO_CACHE", "");
    const ScopedEnv xdg("XDG_CACHE_HOME", home.path() + "/xdg");
    CHECK(SampleCache::default_dir(ws.path()) == home.path() + "/xdg/handoff");
  }
  {
    const ScopedEnv off("HANDOFF_NO_CACHE", "0");
    const ScopedEnv xdg("XDG_CACHE_HOME", "relative/dir");  // not absolute: ignored, as the XDG spec says
    const ScopedEnv user("HOME", home.path());
    CHECK(SampleCache::default_dir(ws.path()) == home.path() + "/.cache/handoff");
  }
  {
    const ScopedEnv off("HANDOFF_NO_CACHE", "1");
    const ScopedEnv xdg("XDG_CACHE_HOME", home.path() + "/xdg");
    CHECK_FALSE(SampleCache::default_dir(ws.path()).has_value());
  }
  {
    // Never inside the workspace: commands that read it do not write in it.
    const ScopedEnv off("HANDOFF_NO_CACHE", "");
    const ScopedEnv xdg("XDG_CACHE_HOME", ws.path() + "/.cache");
    CHECK_FALSE(SampleCache::default_dir(ws.path()).has_value());
  }
}

TEST_CASE("closed-project cache: files of workspaces no run used for 30 days, or beyond the 64 newest, are pruned")
{
  namespace fs = std::filesystem;
  const TempDir dir;
  const auto now = fs::file_time_type::clock::now();
  const auto aged = [&](const std::string& name, int days) {
    const std::string path = dir.path() + "/" + name;
    handoff::test::write(path, "x");
    fs::last_write_time(path, now - std::chrono::hours(24 * days) - std::chrono::minutes(days));
    return path;
  };
  const std::string recent = aged("closed-recent.bin", 1);
  const std::string old = aged("closed-old.cbor", 31);
  const std::string young_leftover = aged(".closed-x.bin.handoff-abc123", 0);
  const std::string old_leftover = aged(".closed-y.cbor.handoff-def456", 2);
  const std::string other = aged("notes.txt", 400);  // not the cache's: never touched
  SampleCache::prune(dir.path());
  CHECK(fs::exists(recent));
  CHECK_FALSE(fs::exists(old));
  CHECK(fs::exists(young_leftover));  // may be another run's write in progress
  CHECK_FALSE(fs::exists(old_leftover));
  CHECK(fs::exists(other));

  // At most 64 files: the ones used least recently go first.
  for (int i = 0; i < 70; ++i) {
    aged("closed-w" + std::to_string(i) + ".bin", i % 20);
  }
  SampleCache::prune(dir.path());
  std::size_t kept = 0;
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    kept += entry.path().filename().string().rfind("closed-", 0) == 0 ? 1 : 0;
  }
  CHECK(kept == SampleCache::k_keep_files);
  CHECK(fs::exists(recent));                                // used a day ago: among the newest
  CHECK_FALSE(fs::exists(dir.path() + "/closed-w19.bin"));  // 19 days: among the oldest of 71
}

TEST_CASE("closed-project cache: a file in use has its time refreshed, so pruning keeps it")
{
  namespace fs = std::filesystem;
  const TempDir ws;
  const TempDir dir;
  write_workspace(ws.path());
  closed(ws.path(), dir.path());
  const std::string file = cache_file(dir.path(), ws.path());
  const auto month_ago = fs::file_time_type::clock::now() - std::chrono::hours(24 * 29);
  fs::last_write_time(file, month_ago);
  closed(ws.path(), dir.path());  // every entry a hit: the file is kept as it is, with a new time
  CHECK(fs::last_write_time(file) > month_ago + std::chrono::hours(24 * 28));
}
