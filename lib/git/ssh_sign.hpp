#pragma once

#include <string>
#include <string_view>

// Signing a commit the way git does with `gpg.format=ssh`: by running `ssh-keygen -Y sign`.
// Only `--commit` signs; checking never runs ssh-keygen (see git/signature.hpp).
namespace handoff::git {

// Returns the armoured SSH signature of `payload` made by `program` (git's gpg.ssh.program,
// normally "ssh-keygen") with `key` (git's user.signingkey: a key file, `~/` expanded, or a
// literal public key after "key::", whose private half ssh-agent holds), namespace "git".
// Throws std::runtime_error saying what to fix when the program is missing or fails.
std::string ssh_sign(const std::string& program, const std::string& key, std::string_view payload);

}  // namespace handoff::git
