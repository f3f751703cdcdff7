#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rules/engine.hpp"
#include "workspace/workspace.hpp"

// `handoff todo`: what waits on each person, read from the one evaluation.
namespace handoff::workspace {

// One thing a person must do in one project.
struct TodoItem {
  std::string person;   // the person's id, as the records name them
  std::string project;  // the project id
  std::string kind;  // question | approval | milestone | risk | status_report | signoff | activity | invoice | payment
  std::vector<std::string> ids;      // the requirement, change, milestone or risk ids it is about
  std::optional<support::Date> due;  // when it is due; nullopt when the records give no date
  std::string message;               // what waits and what to do
  std::string message_zh;            // the same in Simplified Chinese
};

struct TodoOptions {
  rules::CheckOptions check;                     // today, and what the evaluation needs
  long long within = 14;                         // days ahead: milestones, risk reviews and reports due by then
  std::string person;                            // only this person's items; empty: everyone's
  core::Language language = core::Language::en;  // of the text output and the JSON messages
};

// Returns the items of one evaluated project (no person filter), in the order the collectors
// find them. A project at `closed` has none.
std::vector<TodoItem> todo_of(const model::Config& config, const rules::CheckedProject& checked, support::Date today,
                              long long within);

// Evaluates the projects `ids` (all when empty) and returns what waits on each person, sorted
// by person, then due date (undated last), project, kind and ids.
std::vector<TodoItem> todo_items(const Workspace& ws, const std::vector<std::string>& ids, const TodoOptions& options,
                                 const support::Parallelism& parallelism = {});

// Renders the items for a terminal: one block per person, one line per item.
std::string todo_text(const std::vector<TodoItem>& items, const model::Config& config, const TodoOptions& options,
                      bool quiet);

// Renders the items as JSON: {schema, today, within, items: [{person, project, kind, ids, due,
// message}]}; in zh-CN `message` is Chinese and `message_en` follows it.
std::string todo_json(const std::vector<TodoItem>& items, const TodoOptions& options);

}  // namespace handoff::workspace
