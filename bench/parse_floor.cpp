// The parse-only floor of the benchmark: reads every *.yaml file below a workspace and parses
// it, on N threads, and does nothing else. `handoff check` cannot be faster than the yaml-cpp
// floors on the same files and cores, so bench/run.py reports check's time as a ratio to them.
// The other parsers say what a faster YAML parser would give (measured, not used by handoff).
//
// Usage: parse_floor [-j N] [--parser NAME] DIR
//   -j N           threads (default: all cores); each parses whole files, one at a time
//   --parser NAME  yaml-cpp         build YAML::Node trees (YAML::Load; the default)
//                  yaml-cpp-events  drive yaml-cpp's event parser with a handler that ignores
//                                   every event (what handoff's loader is built on)
//                  libyaml          libyaml's event parser, every event read and freed
//                  libfyaml         libfyaml's event parser, every event read and freed
//   --events       the same as --parser yaml-cpp-events
// Prints how many files were parsed and rejected; exits 2 on bad usage or an unknown parser.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#ifdef PARSE_FLOOR_LIBYAML
#include <yaml.h>
#endif
#ifdef PARSE_FLOOR_LIBFYAML
#include <libfyaml.h>
#endif

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
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

// Each parser takes a whole file's text and returns false when it rejects it (the generator
// plants a few syntax errors).
using Parse = std::function<bool(const std::string&)>;

bool yaml_cpp_tree(const std::string& text)
{
  try {
    const YAML::Node root = YAML::Load(text);
    (void)root;
    return true;
  } catch (const YAML::Exception&) {
    return false;
  }
}

bool yaml_cpp_events(const std::string& text)
{
  try {
    std::istringstream stream(text);
    YAML::Parser parser(stream);
    IgnoreEvents handler;
    while (parser.HandleNextDocument(handler)) {
    }
    return true;
  } catch (const YAML::Exception&) {
    return false;
  }
}

#ifdef PARSE_FLOOR_LIBYAML
bool libyaml_events(const std::string& text)
{
  yaml_parser_t parser;
  if (yaml_parser_initialize(&parser) == 0) {
    return false;
  }
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  bool ok = true;
  for (;;) {
    yaml_event_t event;
    if (yaml_parser_parse(&parser, &event) == 0) {
      ok = false;
      break;
    }
    const bool end = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    if (end) {
      break;
    }
  }
  yaml_parser_delete(&parser);
  return ok;
}
#endif

#ifdef PARSE_FLOOR_LIBFYAML
// libfyaml prints its errors even with FYPCF_QUIET; a diagnostic object whose output goes
// nowhere keeps them off stderr (the other parsers report through return values).
void discard(fy_diag*, void*, const char*, size_t)
{
}

bool libfyaml_events(const std::string& text)
{
  fy_diag_cfg diag_cfg{};
  fy_diag_cfg_default(&diag_cfg);
  diag_cfg.fp = nullptr;
  diag_cfg.output_fn = discard;
  fy_diag* diag = fy_diag_create(&diag_cfg);
  fy_parse_cfg cfg{};
  cfg.flags = FYPCF_QUIET;
  cfg.diag = diag;
  fy_parser* parser = fy_parser_create(&cfg);
  if (parser == nullptr) {
    fy_diag_destroy(diag);
    return false;
  }
  bool ok = fy_parser_set_string(parser, text.data(), text.size()) == 0;
  while (ok) {
    fy_event* event = fy_parser_parse(parser);
    if (event == nullptr) {
      break;
    }
    fy_parser_event_free(parser, event);
  }
  ok = ok && !fy_parser_get_stream_error(parser);
  fy_parser_destroy(parser);
  fy_diag_destroy(diag);
  return ok;
}
#endif

std::map<std::string, Parse> parsers()
{
  std::map<std::string, Parse> all{{"yaml-cpp", yaml_cpp_tree}, {"yaml-cpp-events", yaml_cpp_events}};
#ifdef PARSE_FLOOR_LIBYAML
  all.emplace("libyaml", libyaml_events);
#endif
#ifdef PARSE_FLOOR_LIBFYAML
  all.emplace("libfyaml", libfyaml_events);
#endif
  return all;
}

std::string read_file(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int main(int argc, char** argv)
{
  unsigned jobs = std::thread::hardware_concurrency();
  std::string name = "yaml-cpp";
  std::string dir;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-j" && i + 1 < argc) {
      jobs = static_cast<unsigned>(std::strtoul(argv[++i], nullptr, 10));
    } else if (arg == "--parser" && i + 1 < argc) {
      name = argv[++i];
    } else if (arg == "--events") {
      name = "yaml-cpp-events";
    } else {
      dir = arg;
    }
  }
  const auto all = parsers();
  const auto found = all.find(name);
  if (dir.empty() || jobs == 0 || found == all.end()) {
    std::cerr << "usage: parse_floor [-j N] [--parser NAME] DIR\nparsers built in:";
    for (const auto& [known, _] : all) {
      std::cerr << ' ' << known;
    }
    std::cerr << '\n';
    return 2;
  }
  const Parse& parse = found->second;
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
        if (!parse(read_file(files[i]))) {
          ++rejected;
        }
      }
    });
  }
  for (auto& t : pool) {
    t.join();
  }
  std::printf("%zu files parsed, %zu rejected, %u threads, %s\n", files.size(), rejected.load(), jobs, name.c_str());
  return 0;
}
