#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

// SSH signatures as git makes them with `gpg.format=ssh`: the SSHSIG armour of OpenSSH's
// PROTOCOL.sshsig, and public key lines as in an allowed-signers file. Parsing is strict and
// bounded (it reads untrusted commit headers); verification uses OpenSSL's libcrypto, for
// ssh-ed25519, ecdsa-sha2-nistp256 and ssh-rsa keys (rsa-sha2-256 / rsa-sha2-512 signatures).
namespace handoff::sshsig {

// A public key in SSH's wire format.
struct PublicKey {
  std::string type;         // "ssh-ed25519", "ecdsa-sha2-nistp256" or "ssh-rsa"
  std::string blob;         // the wire-format key; two keys are the same key when their blobs are equal
  std::string comment;      // from a key line; empty in a signature
  std::string fingerprint;  // "SHA256:" and the unpadded base64 of the blob's SHA-256, as ssh-keygen -l shows
};

// A parsed SSHSIG signature (PROTOCOL.sshsig, version 1).
struct Signature {
  PublicKey key;               // the key that made the signature
  std::string name_space;      // what the signature is for: git signs commits with "git"
  std::string reserved;        // reserved by the format: always empty (a parsed signature has it empty)
  std::string hash_algorithm;  // "sha256" or "sha512": how the message is hashed before signing
  std::string sig_algorithm;   // "ssh-ed25519", "ecdsa-sha2-nistp256", "rsa-sha2-256" or "rsa-sha2-512"
  std::string sig_bytes;       // the signature proper, as the algorithm encodes it
};

// Why a value could not be read (a message without trailing punctuation).
struct Error {
  std::string message;
};

// A value, or why there is none.
template <class T>
using Result = std::variant<T, Error>;

// Returns the error message of a result, or nullptr when it holds a value.
template <class T>
const std::string* error_of(const Result<T>& r)
{
  const Error* e = std::get_if<Error>(&r);
  return e != nullptr ? &e->message : nullptr;
}

// Parses a public key line "TYPE BASE64 [COMMENT]" (a line of id_ed25519.pub). Returns an
// error for an unsupported type, bad base64, or a key blob that does not match its type.
Result<PublicKey> parse_public_key(std::string_view line);

// Parses an armoured signature ("-----BEGIN SSH SIGNATURE-----" ... "-----END SSH
// SIGNATURE-----"). Returns an error for anything that is not a well-formed version 1 SSHSIG
// with an empty reserved field and a supported key and signature algorithm.
Result<Signature> parse_signature(std::string_view armour);

// Verifies that `signature` signs `message` for namespace `name_space`. Returns nullopt when it
// does, else why not ("the signature does not match the signed content").
std::optional<std::string> verify(const Signature& signature, std::string_view message, std::string_view name_space);

// Returns the kind of armoured signature `text` starts with: "ssh", "gpg", "x509" or "" when
// it is none of them.
std::string_view signature_format(std::string_view text);

}  // namespace handoff::sshsig
