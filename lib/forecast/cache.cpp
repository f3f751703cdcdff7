#include "forecast/cache.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <system_error>

#include <fmt/format.h>

#include "io/filesystem.hpp"
#include "io/write.hpp"

namespace handoff::forecast {

namespace {

// Changes whenever Sample, sample_of or the file's layout change, so that a build whose
// version string did not move cannot read another build's entries.
constexpr const char* k_format = "handoff closed-project cache 3";

std::string hex_sha256(std::string_view bytes)
{
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), hash, &size, EVP_sha256(), nullptr) != 1) {
    return {};
  }
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out += k_hex[hash[i] >> 4];
    out += k_hex[hash[i] & 0x0f];
  }
  return out;
}

// Appends `part` to `out` with its length first, so no two sequences of parts make the same bytes.
void add_part(std::string& out, std::string_view part)
{
  out += std::to_string(part.size());
  out += ':';
  out += part;
}

// The file: k_magic, then length-prefixed parts: the context, and each entry on its own, so that
// an entry that does not decode is skipped, not the rest with it. Numbers are LEB128 varints
// (signed ones zigzagged), doubles their 8 bytes, strings a length and their bytes: a few
// milliseconds for 10,000 samples, where a generic format built a tree first (bench/RESULTS.md).
constexpr std::string_view k_magic = "handoff closed-project cache 3\n";

class Writer {
public:
  void u64(std::uint64_t v)
  {
    while (v >= 0x80) {
      m_out += static_cast<char>((v & 0x7f) | 0x80);
      v >>= 7;
    }
    m_out += static_cast<char>(v);
  }
  void i64(std::int64_t v) { u64((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63)); }
  void flag(bool v) { m_out += v ? '\1' : '\0'; }
  void str(std::string_view v)
  {
    u64(v.size());
    m_out += v;
  }
  void f64(double v)
  {
    char bytes[sizeof v];
    std::memcpy(bytes, &v, sizeof v);
    m_out.append(bytes, sizeof v);
  }
  std::string take() { return std::move(m_out); }

private:
  std::string m_out;
};

// Reads what Writer wrote; throws std::runtime_error at the first thing that is not.
class Reader {
public:
  explicit Reader(std::string_view in) : m_in(in) {}
  bool done() const { return m_at == m_in.size(); }
  std::uint64_t u64()
  {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const auto byte = static_cast<unsigned char>(take(1)[0]);
      v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) {
        return v;
      }
    }
    throw std::runtime_error("varint too long");
  }
  std::int64_t i64()
  {
    const std::uint64_t v = u64();
    return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
  }
  int int32()
  {
    const std::int64_t v = i64();
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) {
      throw std::runtime_error("out of range");
    }
    return static_cast<int>(v);
  }
  bool flag()
  {
    const char c = take(1)[0];
    if (c != '\0' && c != '\1') {
      throw std::runtime_error("not a flag");
    }
    return c == '\1';
  }
  std::string_view view() { return take(u64()); }
  std::string str() { return std::string(view()); }
  double f64()
  {
    double v = 0;
    std::memcpy(&v, take(sizeof v).data(), sizeof v);
    return v;
  }
  // A count of things each at least one byte long: never more than the bytes left.
  std::size_t count()
  {
    const std::uint64_t n = u64();
    if (n > m_in.size() - m_at) {
      throw std::runtime_error("count beyond the end");
    }
    return static_cast<std::size_t>(n);
  }

private:
  std::string_view take(std::uint64_t n)
  {
    if (n > m_in.size() - m_at) {
      throw std::runtime_error("cut short");
    }
    const std::string_view out = m_in.substr(m_at, static_cast<std::size_t>(n));
    m_at += static_cast<std::size_t>(n);
    return out;
  }

  std::string_view m_in;
  std::size_t m_at = 0;
};

void put_strings(Writer& w, const std::vector<std::string>& v)
{
  w.u64(v.size());
  for (const auto& s : v) {
    w.str(s);
  }
}

std::vector<std::string> get_strings(Reader& r)
{
  std::vector<std::string> v(r.count());
  for (auto& s : v) {
    s = r.str();
  }
  return v;
}

void put_pos(Writer& w, const core::Pos& pos)
{
  w.i64(pos.line);
  w.i64(pos.column);
}

core::Pos get_pos(Reader& r)
{
  const int line = r.int32();
  return {line, r.int32()};
}

void put_note(Writer& w, const Note& note)
{
  w.str(note.file);
  put_pos(w, note.pos);
  w.str(note.message);
}

Note get_note(Reader& r)
{
  Note note;
  note.file = r.str();
  note.pos = get_pos(r);
  note.message = r.str();
  return note;
}

void put_number(Writer& w, const std::optional<double>& v)
{
  w.flag(v.has_value());
  if (v) {
    w.f64(*v);
  }
}

std::optional<double> get_number(Reader& r)
{
  return r.flag() ? std::optional<double>(r.f64()) : std::nullopt;
}

// Dates as their text, checked when read: a damaged date is a damaged entry.
void put_date(Writer& w, const std::optional<Date>& date)
{
  w.str(date ? date->str() : std::string());
}

std::optional<Date> get_date(Reader& r)
{
  const std::string_view text = r.view();
  if (text.empty()) {
    return std::nullopt;
  }
  auto date = Date::parse(text);
  if (!date) {
    throw std::runtime_error("not a date");
  }
  return date;
}

void put_sample(Writer& w, const Sample& s)
{
  w.str(s.id);
  w.str(s.industry);
  put_strings(w, s.tags);
  w.flag(s.closed);
  put_date(w, s.start);
  put_date(w, s.go_live);
  put_number(w, s.duration_weeks);
  put_number(w, s.effort_days);
  put_date(w, s.went_live);
  put_number(w, s.actual_effort_days);
  w.u64(s.lessons.size());
  for (const auto& lesson : s.lessons) {
    w.str(lesson.project);
    w.str(lesson.text);
    put_strings(w, lesson.tags);
  }
  put_date(w, s.last_event);
  put_note(w, s.last_event_at);
  w.flag(s.disorder.has_value());
  if (s.disorder) {
    put_note(w, *s.disorder);
  }
  w.str(s.project_file);
  w.str(s.feasibility_file);
  put_pos(w, s.duration_pos);
  put_pos(w, s.effort_pos);
  put_pos(w, s.went_live_pos);
  put_pos(w, s.actual_effort_pos);
}

Sample get_sample(Reader& r)
{
  Sample s;
  s.id = r.str();
  s.industry = r.str();
  s.tags = get_strings(r);
  s.closed = r.flag();
  s.start = get_date(r);
  s.go_live = get_date(r);
  s.duration_weeks = get_number(r);
  s.effort_days = get_number(r);
  s.went_live = get_date(r);
  s.actual_effort_days = get_number(r);
  s.lessons.resize(r.count());
  for (auto& lesson : s.lessons) {
    lesson.project = r.str();
    lesson.text = r.str();
    lesson.tags = get_strings(r);
  }
  s.last_event = get_date(r);
  s.last_event_at = get_note(r);
  if (r.flag()) {
    s.disorder = get_note(r);
  }
  s.project_file = r.str();
  s.feasibility_file = r.str();
  s.duration_pos = get_pos(r);
  s.effort_pos = get_pos(r);
  s.went_live_pos = get_pos(r);
  s.actual_effort_pos = get_pos(r);
  return s;
}

void put_stamp(Writer& w, const io::FileStamp& stamp)
{
  w.u64(stamp.device);
  w.u64(stamp.inode);
  w.u64(stamp.size);
  w.i64(stamp.mtime_ns);
  w.i64(stamp.ctime_ns);
}

io::FileStamp get_stamp(Reader& r)
{
  io::FileStamp stamp;
  stamp.device = r.u64();
  stamp.inode = r.u64();
  stamp.size = r.u64();
  stamp.mtime_ns = r.i64();
  stamp.ctime_ns = r.i64();
  return stamp;
}

std::string entry_bytes(const CacheEntry& e)
{
  Writer w;
  w.str(e.folder);
  w.str(e.key);
  w.flag(e.stamped);
  if (e.stamped) {
    w.flag(e.card_only);
    put_stamp(w, e.card);
    if (!e.card_only) {
      w.flag(e.feasibility.has_value());
      if (e.feasibility) {
        put_stamp(w, *e.feasibility);
      }
    }
  }
  w.flag(e.sample.has_value());
  if (e.sample) {
    put_sample(w, *e.sample);
  }
  return w.take();
}

CacheEntry get_entry(std::string_view bytes)
{
  Reader r(bytes);
  CacheEntry e;
  e.folder = r.str();
  e.key = r.str();
  e.stamped = r.flag();
  if (e.stamped) {
    e.card_only = r.flag();
    e.card = get_stamp(r);
    if (!e.card_only && r.flag()) {
      e.feasibility = get_stamp(r);
    }
  }
  if (r.flag()) {
    e.sample = get_sample(r);
  }
  if (!r.done() || (e.key.empty() && !(e.stamped && e.card_only))) {
    throw std::runtime_error("not an entry");
  }
  return e;
}

// Returns the 64-bit FNV-1a hash of a workspace's path in hex: the cache file's name. Not
// SHA-256, so that a run with no closed project never starts libcrypto (a few milliseconds); two
// paths with the same name share a file, which costs misses and never a wrong entry.
std::string path_name(std::string_view path)
{
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : path) {
    hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  }
  return fmt::format("{:016x}", hash);
}

bool is_absolute(const char* path)
{
  return path != nullptr && path[0] == '/';
}

}  // namespace

bool CacheEntry::same_as(const CacheEntry& other) const
{
  return folder == other.folder && key == other.key && stamped == other.stamped && card_only == other.card_only
         && card == other.card && feasibility == other.feasibility && sample.has_value() == other.sample.has_value();
}

SampleCache::SampleCache(const std::string& dir, const std::string& root, std::string context, std::int64_t racy_ns)
    : m_dir(dir), m_file(io::join(dir, "closed-" + path_name(root) + ".bin")), m_racy_ns(racy_ns),
      m_context(std::move(context))
{
}

std::optional<std::string> SampleCache::default_dir(const std::string& root)
{
  if (const char* off = std::getenv("HANDOFF_NO_CACHE"); off != nullptr && *off != '\0' && std::string(off) != "0") {
    return std::nullopt;
  }
  std::string dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); is_absolute(xdg)) {
    dir = io::join(xdg, "handoff");
  } else if (const char* home = std::getenv("HOME"); is_absolute(home)) {
    dir = io::join(io::join(home, ".cache"), "handoff");
  } else {
    return std::nullopt;
  }
  std::error_code ec;
  const std::string resolved = std::filesystem::weakly_canonical(dir, ec).string();
  if (ec || root.empty() || io::is_within(resolved, root)) {
    return std::nullopt;
  }
  return resolved;
}

std::string SampleCache::context_of(std::size_t max_file_size, std::size_t max_depth, std::size_t max_nodes)
{
  std::string out;
  add_part(out, k_format);
  add_part(out, HANDOFF_VERSION);
  add_part(out, std::to_string(max_file_size));
  add_part(out, std::to_string(max_depth));
  add_part(out, std::to_string(max_nodes));
  return out;
}

std::string SampleCache::key(std::string_view context, const std::string& folder, std::string_view card,
                             const std::optional<std::string>& feasibility)
{
  std::string bytes;
  bytes.reserve(context.size() + folder.size() + card.size() + (feasibility ? feasibility->size() : 0) + 64);
  add_part(bytes, context);
  add_part(bytes, folder);
  add_part(bytes, card);
  if (feasibility) {
    add_part(bytes, *feasibility);
  } else {
    bytes += "none";
  }
  return hex_sha256(bytes);
}

void SampleCache::load()
{
  if (m_loaded) {
    return;
  }
  m_loaded = true;
  m_started_ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  std::ifstream in(m_file, std::ios::binary | std::ios::ate);
  if (!in) {
    return;
  }
  // Read in one call: a stream iterator takes a fifth of a run beside 10,000 closed projects.
  std::string bytes(static_cast<std::size_t>(std::max<std::streamoff>(in.tellg(), 0)), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
    return;
  }
  if (std::string_view(bytes).substr(0, k_magic.size()) != k_magic) {
    return;  // not a cache file of this format: rewritten on save
  }
  bool clean = true;
  try {
    Reader r(std::string_view(bytes).substr(k_magic.size()));
    if (r.view() != m_context) {
      return;  // another version of handoff or other limits: rewritten on save
    }
    m_entries.reserve(r.count());
    while (!r.done()) {
      try {
        m_entries.push_back(get_entry(r.view()));
      } catch (const std::exception&) {
        clean = false;  // a damaged entry is a miss, and the file is rewritten without it
      }
    }
  } catch (const std::exception&) {
    clean = false;  // cut short: the entries read so far count
  }
  for (std::size_t i = 0; i < m_entries.size(); ++i) {
    const CacheEntry& e = m_entries[i];
    if (!e.key.empty()) {
      m_by_key.emplace(e.key, i);
    }
    if (e.stamped) {
      m_by_folder.emplace(e.folder, i);
    }
  }
  m_clean = clean;
}

bool SampleCache::settled(const io::FileStamp& stamp) const
{
  return std::max(stamp.mtime_ns, stamp.ctime_ns) < m_started_ns - m_racy_ns;
}

std::optional<std::optional<Sample>> SampleCache::find(const std::string& key) const
{
  auto it = m_by_key.find(key);
  if (it == m_by_key.end()) {
    return std::nullopt;
  }
  return m_entries[it->second].sample;
}

CacheEntry* SampleCache::find_stamped(const std::string& folder, const io::FileStamp& card,
                                      const std::optional<io::FileStamp>& feasibility)
{
  auto it = m_by_folder.find(folder);
  if (it == m_by_folder.end()) {
    return nullptr;
  }
  CacheEntry& e = m_entries[it->second];
  if (e.card != card || (!e.card_only && e.feasibility != feasibility)) {
    return nullptr;
  }
  return &e;
}

void SampleCache::save(const std::vector<CacheEntry>& entries) const
{
  if (m_clean && entries.size() == m_entries.size()
      && std::equal(entries.begin(), entries.end(), m_entries.begin(),
                    [](const CacheEntry& a, const CacheEntry& b) { return a.same_as(b); })) {
    // In use: refresh its time once a day, so that prune() keeps it.
    std::error_code ec;
    const auto written = std::filesystem::last_write_time(m_file, ec);
    const auto now = std::filesystem::file_time_type::clock::now();
    if (!ec && now - written > std::chrono::hours(24)) {
      std::filesystem::last_write_time(m_file, now, ec);
    }
    return;
  }
  Writer w;
  w.str(m_context);
  w.u64(entries.size());
  for (const auto& entry : entries) {
    w.str(entry_bytes(entry));
  }
  std::error_code ec;
  std::filesystem::create_directories(m_dir, ec);
  if (ec) {
    return;
  }
  (void)io::write_atomic(m_file, std::string(k_magic) + w.take());
  prune(m_dir);
}

void SampleCache::prune(const std::string& dir)
{
  namespace fs = std::filesystem;
  const auto now = fs::file_time_type::clock::now();
  std::error_code ec;
  std::vector<std::pair<fs::file_time_type, fs::path>> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    // .cbor: the files of handoff before cache format 3, pruned as the rest.
    const bool cache = name.rfind("closed-", 0) == 0 && (name.ends_with(".bin") || name.ends_with(".cbor"));
    const bool leftover = name.rfind(".closed-", 0) == 0;  // beside a cache file, by an interrupted write
    std::error_code type_ec;
    if ((!cache && !leftover) || it->is_symlink(type_ec) || !it->is_regular_file(type_ec)) {
      continue;
    }
    std::error_code time_ec;
    const auto written = fs::last_write_time(it->path(), time_ec);
    if (time_ec) {
      continue;
    }
    if (cache) {
      files.emplace_back(written, it->path());
    } else if (now - written > std::chrono::hours(24)) {  // a younger one may be another run's write
      std::error_code remove_ec;
      fs::remove(it->path(), remove_ec);
    }
  }
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  const auto limit = now - std::chrono::hours(24 * k_keep_days);
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (i >= k_keep_files || files[i].first < limit) {
      std::error_code remove_ec;
      fs::remove(files[i].second, remove_ec);
    }
  }
}

}  // namespace handoff::forecast
