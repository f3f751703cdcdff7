#pragma once

#include <string>
#include <vector>

#include "support/date.hpp"
#include "workspace/todo.hpp"
#include "workspace/workspace.hpp"

// `handoff notify`: what changed in the records since a git revision that someone must act on
// (events), and what waits on each person (their todo digest).
namespace handoff::notify {

// One thing that happened between the revision and the working tree.
struct Event {
  // change_proposed | change_approved | signoff_made | signoff_needed | milestone_overdue |
  // acceptance_failed
  std::string kind;
  std::string project;
  std::vector<std::string> ids;      // the change, milestone or requirement it is about
  std::vector<std::string> persons;  // who must act, as the registry names them; sorted, unique
  std::string text;                  // one line in English (record text in quotes, not yet made visible)
  std::string text_zh;               // the same in Simplified Chinese
};

// Returns the events of projects `ids` (all when empty) from the difference of their records
// between revision `rev` and the working tree, as of `today`: per project in id order, then in
// the order of the kinds above. A project that is closed or has an outcome has none; a project
// absent at `rev` is compared with empty records. Throws core::UserError when `rev` names no
// commit. Sets `commit` to the abbreviated id of the commit `rev` names.
std::vector<Event> events_since(const workspace::Workspace& ws, const std::vector<std::string>& ids,
                                const std::string& rev, support::Date today, std::string& commit);

// What one run tells: the events since the revision (none without one) and the todo items.
struct Notice {
  support::Date today;
  std::string since;   // the revision given; empty without --since
  std::string commit;  // the commit it named
  std::vector<Event> events;
  std::vector<workspace::TodoItem> todo;  // sorted by person, as workspace::todo_items gives them
};

}  // namespace handoff::notify
