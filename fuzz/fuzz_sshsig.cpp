// Fuzzes the SSHSIG parser and verifier (the signatures of commits, read from untrusted
// repositories) and the public key line parser (signing_keys in handoff.yaml).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sshsig/sshsig.hpp"

using namespace handoff;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)sshsig::signature_format(text);
  const auto parsed = sshsig::parse_signature(text);
  if (sshsig::error_of(parsed) == nullptr) {
    // A well-formed signature: verification must answer, whatever the key and signature bytes.
    (void)sshsig::verify(std::get<sshsig::Signature>(parsed), text, "git");
  }
  (void)sshsig::parse_public_key(text);
  return 0;
}
