// Fuzzes the YAML reader, the loader and every rule with arbitrary bytes as record files.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/filesystem.hpp"
#include "model/load.hpp"
#include "rules/engine.hpp"
#include "yaml/document.hpp"

using namespace handoff;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)yaml::parse(text);

  rules::CheckOptions options;
  options.today = *support::Date::parse("2026-11-20");
  // The input as each record of a project that claims the last stage, so every gate runs.
  for (const char* record : {"project.yaml", "requirements.yaml", "feasibility.yaml", "plan.yaml", "risks.yaml",
                             "changes.yaml", "signoffs.yaml"}) {
    io::MemoryFileSystem fs;
    fs.add("projects/p/project.yaml", "id: p\nname: P\nstage: closed\n");
    fs.add(std::string("projects/p/") + record, text);
    const model::ConfigResult config = model::load_config(fs);
    (void)rules::check_project(config.config, model::load_project(fs, config.config, "p"), options);
  }
  // And as the workspace configuration.
  io::MemoryFileSystem fs;
  fs.add("handoff.yaml", text);
  (void)model::load_config(fs);
  return 0;
}
