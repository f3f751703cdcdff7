#include "workspace/advance.hpp"
#include "core/error.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "io/write.hpp"
#include "yaml/document.hpp"

namespace handoff::workspace {

namespace {

// Returns the byte offset where 1-based `line` starts, or npos.
std::size_t line_offset(const std::string& text, int line)
{
  std::size_t offset = 0;
  for (int l = 1; l < line; ++l) {
    offset = text.find('\n', offset);
    if (offset == std::string::npos) {
      return std::string::npos;
    }
    ++offset;
  }
  return offset;
}

}  // namespace

std::optional<std::string> replace_scalar(const std::string& text, core::Pos pos, const std::string& value)
{
  const std::size_t line_start = line_offset(text, pos.line);
  if (line_start == std::string::npos || pos.column < 1) {
    return std::nullopt;
  }
  std::size_t line_end = text.find('\n', line_start);
  if (line_end == std::string::npos) {
    line_end = text.size();
  }
  if (line_end > line_start && text[line_end - 1] == '\r') {
    --line_end;
  }
  const std::size_t begin = yaml::byte_offset(text, pos);
  if (begin >= line_end) {
    return std::nullopt;
  }
  std::size_t end = begin;
  const char first = text[begin];
  if (first == '"' || first == '\'') {
    // A quoted scalar on one line: keep the quotes, replace what is between them.
    const std::size_t close = text.find(first, begin + 1);
    if (close == std::string::npos || close >= line_end) {
      return std::nullopt;
    }
    return text.substr(0, begin + 1) + value + text.substr(close);
  }
  if (first == '|' || first == '>' || first == '#' || first == ' ') {
    return std::nullopt;
  }
  // A plain scalar ends at " #" (a comment) or at the end of the line; trailing blanks stay.
  while (end < line_end && !(text[end] == '#' && end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t'))) {
    ++end;
  }
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t')) {
    --end;
  }
  return text.substr(0, begin) + value + text.substr(end);
}

Advance advance(const Workspace& ws, const std::string& id, const rules::CheckOptions& options, bool dry_run)
{
  Advance result;
  // The workspace's one evaluation and its one readiness verdict (rules::Readiness), which
  // `check --next`, `status` and the reports read too.
  rules::CheckedProject checked = ws.evaluate_one(id, options);
  const model::Project& project = checked.project;
  rules::Readiness& readiness = checked.outcome.readiness;
  result.file = project.file(model::Record::project).path;
  const model::Text stage_text = project.card.stage_text;
  result.from = project.card.stage;
  result.to = readiness.next;
  result.blockers = std::move(readiness.blockers);
  result.warnings = std::move(readiness.warnings);
  switch (readiness.state) {
  case rules::Readiness::State::inactive:
    result.outcome = Advance::Outcome::inactive;
    result.ended = readiness.ended;
    return result;
  case rules::Readiness::State::no_stage:
    result.outcome = Advance::Outcome::no_stage;
    return result;
  case rules::Readiness::State::closed:
    result.outcome = Advance::Outcome::last_stage;
    return result;
  case rules::Readiness::State::blocked:
    result.outcome = Advance::Outcome::blocked;
    return result;
  case rules::Readiness::State::ready:
    break;
  }
  if (dry_run) {
    result.outcome = Advance::Outcome::ready;
    return result;
  }

  const io::ReadResult read = ws.fs().read(result.file, ws.load_options().max_file_size);
  if (!read.ok) {
    throw core::UserError(fmt::format("{}: cannot read: {}", result.file, read.error));
  }
  const std::string next(core::to_string(*result.to));
  const std::optional<std::string> edited = replace_scalar(read.data, stage_text.pos, next);
  if (!edited) {
    throw core::UserError(fmt::format("{}:{}:{}: cannot edit the stage value in place; set `stage: {}` by hand",
                                      result.file, stage_text.pos.line, stage_text.pos.column, next));
  }
  // Re-read the edited text before replacing the file: it must say the new stage and nothing else changed.
  const yaml::ParseResult reparsed = yaml::parse(*edited, ws.load_options().limits);
  const yaml::Node* stage = reparsed.ok ? reparsed.root.find("stage") : nullptr;
  if (stage == nullptr || !stage->is_scalar() || stage->value != next || !reparsed.problems.empty()) {
    throw core::UserError(fmt::format("{}:{}:{}: editing the stage value in place did not give `stage: {}`; "
                                      "set it by hand",
                                      result.file, stage_text.pos.line, stage_text.pos.column, next));
  }
  if (auto error = io::write_atomic(io::join(ws.root(), result.file), *edited, read.data, ws.root())) {
    throw core::UserError(*error);
  }
  result.outcome = Advance::Outcome::moved;
  return result;
}

}  // namespace handoff::workspace
