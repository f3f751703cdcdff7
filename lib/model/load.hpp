#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/types.hpp"
#include "io/filesystem.hpp"
#include "model/records.hpp"
#include "yaml/document.hpp"

// Reads handoff.yaml and project folders into the typed model, reporting HF001–HF005 and
// HF009 (the format rules a file can break on its own). Never throws for bad input.
namespace handoff::model {

struct LoadOptions {
  std::size_t max_file_size = 8u << 20;  // bytes
  yaml::Limits limits;
  // The record files to read: bit (1 << Record) for each; the others are treated as absent.
  unsigned records = (1u << k_record_count) - 1;
};

// Returns the bit of `record` in LoadOptions::records.
constexpr unsigned record_bit(Record record)
{
  return 1u << static_cast<unsigned>(record);
}

struct ConfigResult {
  Config config;
  std::vector<core::Finding> findings;  // problems of handoff.yaml (project is empty)
};

// Reads handoff.yaml at the workspace root; defaults apply when it is absent.
ConfigResult load_config(const io::FileSystem& fs, const LoadOptions& options = {});

// Returns the names of the project folders, sorted.
std::vector<std::string> list_projects(const io::FileSystem& fs, const Config& config);

struct ProjectResult {
  Project project;
  std::vector<core::Finding> findings;
};

// Reads the record files of the project in folder `folder` of the projects folder.
ProjectResult load_project(const io::FileSystem& fs, const Config& config, const std::string& folder,
                           const LoadOptions& options = {});

// Parses one record's text; used by load_project and by commands that edit a record.
// Adds findings for `path` to `findings` and returns the document.
yaml::ParseResult parse_record(const std::string& text, const std::string& path, const std::string& project,
                               const LoadOptions& options, std::vector<core::Finding>& findings);

}  // namespace handoff::model
