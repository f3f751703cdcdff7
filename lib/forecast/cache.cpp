#include "forecast/cache.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <system_error>

#include <fmt/format.h>

#include "io/filesystem.hpp"
#include "io/write.hpp"

namespace handoff::forecast {

namespace {

using Json = nlohmann::json;

// Changes whenever Sample, sample_of or the file's layout change, so that a build whose
// version string did not move cannot read another build's entries.
constexpr const char* k_format = "handoff closed-project cache 2";

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

// A sample is stored as arrays in a fixed order, not as objects: decoding 10,000 of them is
// the cache's own cost, and arrays decode without a map node and a key per field.
Json pos_json(const core::Pos& pos)
{
  return Json::array({pos.line, pos.column});
}

core::Pos pos_of(const Json& json)
{
  return {json.at(0).get<int>(), json.at(1).get<int>()};
}

Json note_json(const Note& note)
{
  return Json::array({note.file, pos_json(note.pos), note.message});
}

Note note_of(const Json& json)
{
  return {json.at(0).get<std::string>(), pos_of(json.at(1)), json.at(2).get<std::string>()};
}

template <typename T>
Json optional_json(const std::optional<T>& value)
{
  return value ? Json(*value) : Json(nullptr);
}

template <typename T>
std::optional<T> optional_of(const Json& json)
{
  return json.is_null() ? std::nullopt : std::optional<T>(json.get<T>());
}

Json date_json(const std::optional<Date>& date)
{
  return date ? Json(date->str()) : Json(nullptr);
}

std::optional<Date> date_of(const Json& json)
{
  if (json.is_null()) {
    return std::nullopt;
  }
  auto date = Date::parse(json.get<std::string>());
  if (!date) {
    throw std::runtime_error("not a date");
  }
  return date;
}

// The fields of a sample, in the order sample_json writes them.
constexpr std::size_t k_fields = 20;

Json sample_json(const Sample& s)
{
  Json lessons = Json::array();
  for (const auto& lesson : s.lessons) {
    lessons.push_back(Json::array({lesson.project, lesson.text, lesson.tags}));
  }
  return Json::array({s.id,
                      s.industry,
                      s.tags,
                      s.closed,
                      date_json(s.start),
                      date_json(s.go_live),
                      optional_json(s.duration_weeks),
                      optional_json(s.effort_days),
                      date_json(s.went_live),
                      optional_json(s.actual_effort_days),
                      std::move(lessons),
                      date_json(s.last_event),
                      note_json(s.last_event_at),
                      s.disorder ? note_json(*s.disorder) : Json(nullptr),
                      s.project_file,
                      s.feasibility_file,
                      pos_json(s.duration_pos),
                      pos_json(s.effort_pos),
                      pos_json(s.went_live_pos),
                      pos_json(s.actual_effort_pos)});
}

// Throws (nlohmann::json::exception, std::runtime_error) when `json` is not a sample.
Sample sample_of_json(const Json& json)
{
  if (!json.is_array() || json.size() != k_fields) {
    throw std::runtime_error("not a sample");
  }
  Sample s;
  s.id = json.at(0).get<std::string>();
  s.industry = json.at(1).get<std::string>();
  s.tags = json.at(2).get<std::vector<std::string>>();
  s.closed = json.at(3).get<bool>();
  s.start = date_of(json.at(4));
  s.go_live = date_of(json.at(5));
  s.duration_weeks = optional_of<double>(json.at(6));
  s.effort_days = optional_of<double>(json.at(7));
  s.went_live = date_of(json.at(8));
  s.actual_effort_days = optional_of<double>(json.at(9));
  for (const auto& lesson : json.at(10)) {
    s.lessons.push_back({lesson.at(0).get<std::string>(), lesson.at(1).get<std::string>(),
                         lesson.at(2).get<std::vector<std::string>>()});
  }
  s.last_event = date_of(json.at(11));
  s.last_event_at = note_of(json.at(12));
  if (!json.at(13).is_null()) {
    s.disorder = note_of(json.at(13));
  }
  s.project_file = json.at(14).get<std::string>();
  s.feasibility_file = json.at(15).get<std::string>();
  s.duration_pos = pos_of(json.at(16));
  s.effort_pos = pos_of(json.at(17));
  s.went_live_pos = pos_of(json.at(18));
  s.actual_effort_pos = pos_of(json.at(19));
  return s;
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

SampleCache::SampleCache(const std::string& dir, const std::string& root)
    : m_dir(dir), m_file(io::join(dir, "closed-" + path_name(root) + ".cbor"))
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

std::string SampleCache::context(std::size_t max_file_size, std::size_t max_depth, std::size_t max_nodes)
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
  std::ifstream in(m_file, std::ios::binary);
  if (!in) {
    return;
  }
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const Json json = Json::from_cbor(bytes, true, false);
  if (!json.is_object() || json.value("format", "") != k_format || !json.contains("entries")
      || !json.at("entries").is_object()) {
    return;  // not a cache file of this build: rewritten on save
  }
  bool clean = true;
  for (const auto& [key, value] : json.at("entries").items()) {
    try {
      if (value.is_null()) {
        m_entries.emplace(key, std::nullopt);
      } else {
        m_entries.emplace(key, sample_of_json(value));
      }
    } catch (const std::exception&) {
      clean = false;  // a corrupt entry is a miss, and the file is rewritten without it
    }
  }
  m_clean = clean;
}

std::optional<std::optional<Sample>> SampleCache::find(const std::string& key) const
{
  auto it = m_entries.find(key);
  if (it == m_entries.end()) {
    return std::nullopt;
  }
  return it->second;
}

void SampleCache::save(const std::vector<std::pair<std::string, std::optional<Sample>>>& entries) const
{
  if (m_clean && entries.size() == m_entries.size()) {
    bool same = true;
    for (const auto& entry : entries) {
      if (m_entries.count(entry.first) == 0) {
        same = false;
        break;
      }
    }
    if (same) {
      // In use: refresh its time once a day, so that prune() keeps it.
      std::error_code ec;
      const auto written = std::filesystem::last_write_time(m_file, ec);
      const auto now = std::filesystem::file_time_type::clock::now();
      if (!ec && now - written > std::chrono::hours(24)) {
        std::filesystem::last_write_time(m_file, now, ec);
      }
      return;
    }
  }
  Json all = Json::object();
  for (const auto& [key, sample] : entries) {
    all[key] = sample ? sample_json(*sample) : Json(nullptr);
  }
  const std::vector<std::uint8_t> bytes = Json::to_cbor(Json{{"format", k_format}, {"entries", std::move(all)}});
  std::error_code ec;
  std::filesystem::create_directories(m_dir, ec);
  if (ec) {
    return;
  }
  (void)io::write_atomic(m_file, std::string(bytes.begin(), bytes.end()));
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
    const bool cache = name.rfind("closed-", 0) == 0 && name.size() > 12 && name.substr(name.size() - 5) == ".cbor";
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
