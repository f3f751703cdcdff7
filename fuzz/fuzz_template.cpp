// Fuzzes Mustache rendering with arbitrary templates over fixed data.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "support/mustache.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  static const nlohmann::json k_data = {
      {"id", "acme-mes"},
      {"name", "ACME | MES & <rollout>"},
      {"requirements", {{{"id", "REQ-1"}, {"title", "Order\ntracking"}, {"must", true}}, {{"id", "REQ-2"}}}},
      {"empty", nlohmann::json::array()},
      {"nothing", nullptr},
      {"count", 3},
  };
  const std::string source(reinterpret_cast<const char*>(data), size);
  try {
    (void)handoff::support::render_mustache(source, "fuzz", k_data, [](const std::string& s) { return s; });
  } catch (const std::runtime_error&) {
    // An invalid template is reported, never a crash.
  }
  return 0;
}
