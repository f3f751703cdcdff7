#pragma once

#include <stdexcept>

// What went wrong decides the exit code, not the C++ type that carries it: a mistake of the
// user exits 2, a failure of the tool or of what it relies on exits 3 (docs/cli.md).
namespace handoff::core {

// A mistake the user can fix: an argument, a record file that cannot be edited in place, a
// template, a file in the way, a revision that does not exist. Exit 2.
class UserError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// A failure of the tool's own machinery or of a library it relies on (libgit2, libcrypto),
// not caused by what the user typed. Exit 3; the message says what failed.
class ToolError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

}  // namespace handoff::core
