// The parse-only floor of the benchmark: reads every *.yaml file below a workspace and parses
// it with yaml-cpp, on N threads, and does nothing else. `handoff check` cannot be faster than
// this on the same files and cores, so bench/run.sh reports check's time as a ratio to it.
//
// Usage: parse_floor [-j N] [--events] DIR
//   -j N      threads (default: all cores); each parses whole files, one at a time
//   --events  drive yaml-cpp's event parser with a handler that ignores every event (what
//             handoff's loader is built on) instead of building YAML::Node trees (YAML::Load)
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

class IgnoreEvents final : public YAML::EventHandler {
public:
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// Parses one file; returns false when yaml-cpp rejects it (the generator plants a few).
bool parse_file(const std::string& path, bool events)
{
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  try {
    if (events) {
      std::istringstream stream(text.str());
      YAML::Parser parser(stream);
      IgnoreEvents handler;
      while (parser.HandleNextDocument(handler)) {
      }
    } else {
      const YAML::Node root = YAML::Load(text.str());
      (void)root;
    }
    return true;
  } catch (const YAML::Exception&) {
    return false;
  }
}

}  // namespace

int main(int argc, char** argv)
{
  unsigned jobs = std::thread::hardware_concurrency();
  bool events = false;
  std::string dir;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-j" && i + 1 < argc) {
      jobs = static_cast<unsigned>(std::strtoul(argv[++i], nullptr, 10));
    } else if (arg == "--events") {
      events = true;
    } else {
      dir = arg;
    }
  }
  if (dir.empty() || jobs == 0) {
    std::cerr << "usage: parse_floor [-j N] [--events] DIR\n";
    return 2;
  }
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
      files.push_back(entry.path().string());
    }
  }
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> rejected{0};
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < jobs; ++t) {
    pool.emplace_back([&] {
      for (std::size_t i = next++; i < files.size(); i = next++) {
        if (!parse_file(files[i], events)) {
          ++rejected;
        }
      }
    });
  }
  for (auto& t : pool) {
    t.join();
  }
  std::printf("%zu files parsed, %zu rejected, %u threads, %s\n", files.size(), rejected.load(), jobs,
              events ? "events" : "YAML::Load");
  return 0;
}
