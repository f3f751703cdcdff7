// Fuzzes the appenders of `handoff change` and `handoff sign`: the bytes are split into a
// title or signer (first line) and the existing changes.yaml / signoffs.yaml (the rest). An
// append either throws AppendError or returns the old text followed by exactly one new item
// that reads back as written; anything else aborts, so libFuzzer reports it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "io/filesystem.hpp"
#include "model/load.hpp"
#include "signoff/append.hpp"
#include "signoff/sign.hpp"
#include "yaml/document.hpp"

namespace {

using namespace handoff;

const model::Project& fixed_project()
{
  static const model::ProjectResult loaded = [] {
    io::MemoryFileSystem fs;
    fs.add("projects/p/project.yaml", "id: p\nname: P\nstage: handoff\n");
    fs.add("projects/p/requirements.yaml", "requirements:\n  - id: REQ-1\n    title: Order tracking\n");
    fs.add("projects/p/plan.yaml", "milestones:\n  - id: M1\n    name: Blueprint\n    due: 2026-11-15\n");
    return model::load_project(fs, model::Config{}, "p", {});
  }();
  return loaded.project;
}

// Appends `item` to list `key` of `text`, checking the contract of append_to_list.
void check_append(const std::string& text, const std::string& key, const std::string& item,
                  const std::string& expect_field, const std::string& expect_value)
{
  const yaml::Limits limits;
  std::string out;
  try {
    out = signoff::append_to_list(text, key, item, "# header\n", limits);
  } catch (const signoff::AppendError&) {
    return;  // refused with a message: fine
  }
  // Append only: what was there stays byte for byte.
  if (out.compare(0, text.size(), text) != 0) {
    std::abort();
  }
  const yaml::ParseResult parsed = yaml::parse(out, limits);
  if (!parsed.ok || !parsed.problems.empty() || !parsed.root.is_mapping()) {
    std::abort();
  }
  const yaml::Node* list = parsed.root.find(key);
  if (list == nullptr || !list->is_sequence() || list->children.empty()) {
    std::abort();
  }
  const yaml::Node& last = list->children.back();
  const yaml::Node* field = last.is_mapping() ? last.find(expect_field) : nullptr;
  if (field == nullptr || !field->is_scalar() || field->value != expect_value) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  const std::string first = newline == std::string::npos ? input : input.substr(0, newline);
  const std::string rest = newline == std::string::npos ? std::string() : input.substr(newline + 1);

  // `handoff change`: the title is user text, written as a YAML scalar.
  const std::string change = "- id: CR-001\n  title: " + signoff::scalar(first) + "\n  status: proposed\n";
  if (yaml::parse("x: " + signoff::scalar(first) + "\n", yaml::Limits{}).ok) {
    check_append(rest, "changes", change, "title", first);
  }

  // `handoff sign`: the person is user text (--as, or a name from git).
  const auto date = support::Date::parse("2026-10-05");
  const std::string entry = signoff::entry_text("sales", first, *date, "2026-10-05T09:00:00Z", fixed_project());
  if (yaml::parse("x: " + signoff::scalar(first) + "\n", yaml::Limits{}).ok) {
    check_append(rest, "signoffs", entry, "person", first);
  }
  return 0;
}
