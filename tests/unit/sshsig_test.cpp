// SSHSIG parsing and verification with keys and signatures made by ssh-keygen at test time.
#include <doctest/doctest.h>

#include <openssl/evp.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "harness.hpp"
#include "sshsig/sshsig.hpp"

namespace fs = std::filesystem;
namespace sshsig = handoff::sshsig;

namespace {

using handoff::test::read;
using handoff::test::TempDir;
using handoff::test::write;

void run(const std::string& command)
{
  REQUIRE_MESSAGE(std::system((command + " >/dev/null 2>&1").c_str()) == 0, command);
}

// A key pair made by ssh-keygen in a temporary folder.
struct Key {
  Key(const TempDir& dir, const std::string& name, const std::string& options)
      : path(dir.path() + "/" + name), dir_path(dir.path())
  {
    run("ssh-keygen -q -N '' -C " + name + " " + options + " -f '" + path + "'");
    public_line = read(path + ".pub");
  }

  // Returns the armoured signature ssh-keygen makes over `message` for `name_space`.
  std::string sign(const std::string& message, const std::string& name_space = "git",
                   const std::string& extra = "") const
  {
    const std::string file = dir_path + "/message";
    write(file, message);
    fs::remove(file + ".sig");
    run("ssh-keygen -Y sign -n " + name_space + " -f '" + path + "' " + extra + " '" + file + "'");
    return read(file + ".sig");
  }

  std::string path;
  std::string dir_path;
  std::string public_line;
};

sshsig::Signature parsed(const std::string& armour)
{
  const auto result = sshsig::parse_signature(armour);
  const std::string* error = sshsig::error_of(result);
  REQUIRE_MESSAGE(error == nullptr, (error != nullptr ? *error : ""));
  return std::get<sshsig::Signature>(result);
}

std::string parse_error(const std::string& armour)
{
  const auto result = sshsig::parse_signature(armour);
  const std::string* error = sshsig::error_of(result);
  REQUIRE(error != nullptr);
  return *error;
}

std::string key_error(const std::string& line)
{
  const auto result = sshsig::parse_public_key(line);
  const std::string* error = sshsig::error_of(result);
  REQUIRE(error != nullptr);
  return *error;
}

// Returns the armour of `blob` as ssh-keygen writes it (lines of 70 base64 characters).
std::string armour(const std::string& blob)
{
  std::string b64(4 * ((blob.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(b64.data()),
                                reinterpret_cast<const unsigned char*>(blob.data()), static_cast<int>(blob.size()));
  b64.resize(static_cast<std::size_t>(n));
  std::string out = "-----BEGIN SSH SIGNATURE-----\n";
  for (std::size_t i = 0; i < b64.size(); i += 70) {
    out += b64.substr(i, 70) + "\n";
  }
  return out + "-----END SSH SIGNATURE-----\n";
}

// Returns the binary SSHSIG inside an armour.
std::string unarmour(const std::string& text)
{
  std::string b64;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("-----", 0) != 0) {
      b64 += line;
    }
  }
  std::string out(b64.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(b64.data()), static_cast<int>(b64.size()));
  REQUIRE(n >= 0);
  while (!b64.empty() && b64.back() == '=') {
    b64.pop_back();
    out.pop_back();
  }
  return out;
}

const std::string k_payload = "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor A <a@example.com> 1 +0000\n"
                              "committer A <a@example.com> 1 +0000\n\nsign as sales\n";

}  // namespace

TEST_CASE("sshsig: an ed25519 signature made by ssh-keygen verifies, and its key is the .pub line's key")
{
  const TempDir dir;
  const Key key(dir, "laptop", "-t ed25519");
  const sshsig::Signature sig = parsed(key.sign(k_payload));
  CHECK(sig.name_space == "git");
  CHECK(sig.hash_algorithm == "sha512");
  CHECK(sig.sig_algorithm == "ssh-ed25519");
  CHECK(sshsig::verify(sig, k_payload, "git") == std::nullopt);

  const auto line = sshsig::parse_public_key(key.public_line);
  REQUIRE(sshsig::error_of(line) == nullptr);
  const auto& pub = std::get<sshsig::PublicKey>(line);
  CHECK(pub.type == "ssh-ed25519");
  CHECK(pub.comment == "laptop");
  CHECK(pub.blob == sig.key.blob);
  // The fingerprint is the one ssh-keygen -l shows.
  run("(ssh-keygen -l -f '" + key.path + ".pub' > '" + dir.path() + "/fp')");
  CHECK(read(dir.path() + "/fp").find(" " + pub.fingerprint + " ") != std::string::npos);
  CHECK(sig.key.fingerprint == pub.fingerprint);
}

TEST_CASE("sshsig: a tampered payload, another namespace or another key does not verify")
{
  const TempDir dir;
  const Key key(dir, "laptop", "-t ed25519");
  const Key other(dir, "other", "-t ed25519");
  const sshsig::Signature sig = parsed(key.sign(k_payload));
  std::string tampered = k_payload;
  tampered.replace(tampered.find("sales"), 5, "SALES");
  CHECK(sshsig::verify(sig, tampered, "git") == "the signature does not match the signed content");
  CHECK(sshsig::verify(parsed(key.sign(k_payload, "file")), k_payload, "git")
        == "the signature is for namespace \"file\", not \"git\"");
  // The signature of one key with the public key of another swapped in.
  sshsig::Signature swapped = sig;
  swapped.key = parsed(other.sign(k_payload)).key;
  CHECK(sshsig::verify(swapped, k_payload, "git") == "the signature does not match the signed content");
  // sha256 as the message hash (ssh-keygen -O hashalg=sha256).
  const sshsig::Signature sha256 = parsed(key.sign(k_payload, "git", "-O hashalg=sha256"));
  CHECK(sha256.hash_algorithm == "sha256");
  CHECK(sshsig::verify(sha256, k_payload, "git") == std::nullopt);
  CHECK(sshsig::verify(sha256, tampered, "git") == "the signature does not match the signed content");
}

TEST_CASE("sshsig: ECDSA P-256 and RSA signatures verify")
{
  const TempDir dir;
  const Key ecdsa(dir, "ecdsa", "-t ecdsa -b 256");
  const Key rsa(dir, "rsa", "-t rsa -b 2048");
  std::string tampered = k_payload + "x";

  const sshsig::Signature e = parsed(ecdsa.sign(k_payload));
  CHECK(e.key.type == "ecdsa-sha2-nistp256");
  CHECK(e.sig_algorithm == "ecdsa-sha2-nistp256");
  CHECK(sshsig::verify(e, k_payload, "git") == std::nullopt);
  CHECK(sshsig::verify(e, tampered, "git") == "the signature does not match the signed content");
  CHECK(std::get<sshsig::PublicKey>(sshsig::parse_public_key(ecdsa.public_line)).blob == e.key.blob);

  const sshsig::Signature r = parsed(rsa.sign(k_payload));
  CHECK(r.key.type == "ssh-rsa");
  CHECK(r.sig_algorithm == "rsa-sha2-512");
  CHECK(sshsig::verify(r, k_payload, "git") == std::nullopt);
  CHECK(sshsig::verify(r, tampered, "git") == "the signature does not match the signed content");
  CHECK(std::get<sshsig::PublicKey>(sshsig::parse_public_key(rsa.public_line)).blob == r.key.blob);
}

TEST_CASE("sshsig: an rsa-sha2-256 signature verifies")
{
  // ssh-keygen signs with rsa-sha2-512; an rsa-sha2-256 SSHSIG is built here from a PKCS#1
  // signature that the openssl command makes with the same key.
  const TempDir dir;
  const Key rsa(dir, "rsa", "-t rsa -b 2048 -m PEM");
  const sshsig::Signature model = parsed(rsa.sign(k_payload, "git", "-O hashalg=sha256"));
  const auto ssh_string = [](const std::string& s) {
    std::string out;
    for (int shift = 24; shift >= 0; shift -= 8) {
      out.push_back(static_cast<char>((s.size() >> shift) & 0xFFU));
    }
    return out + s;
  };
  unsigned char digest[32];
  unsigned int size = 0;
  REQUIRE(EVP_Digest(k_payload.data(), k_payload.size(), digest, &size, EVP_sha256(), nullptr) == 1);
  const std::string signed_data = "SSHSIG" + ssh_string("git") + ssh_string("") + ssh_string("sha256")
                                  + ssh_string(std::string(reinterpret_cast<const char*>(digest), size));
  write(dir.path() + "/data", signed_data);
  run("openssl dgst -sha256 -sign '" + rsa.path + "' -out '" + dir.path() + "/pkcs1' '" + dir.path() + "/data'");
  const std::string pkcs1 = read(dir.path() + "/pkcs1");
  const std::string blob = std::string("SSHSIG") + std::string("\0\0\0\1", 4) + ssh_string(model.key.blob)
                           + ssh_string("git") + ssh_string("") + ssh_string("sha256")
                           + ssh_string(ssh_string("rsa-sha2-256") + ssh_string(pkcs1));
  const sshsig::Signature sig = parsed(armour(blob));
  CHECK(sig.sig_algorithm == "rsa-sha2-256");
  CHECK(sshsig::verify(sig, k_payload, "git") == std::nullopt);
  CHECK(sshsig::verify(sig, k_payload + " ", "git") == "the signature does not match the signed content");
  // The same signature bytes labelled as SHA-1 RSA are refused.
  const std::string sha1 = std::string("SSHSIG") + std::string("\0\0\0\1", 4) + ssh_string(model.key.blob)
                           + ssh_string("git") + ssh_string("") + ssh_string("sha256")
                           + ssh_string(ssh_string("ssh-rsa") + ssh_string(pkcs1));
  CHECK(parse_error(armour(sha1)) == "the signature uses RSA with SHA-1 (ssh-rsa), which SSHSIG does not allow");
}

TEST_CASE("sshsig: a signature whose reserved field is not empty is refused, as OpenSSH refuses it")
{
  // A correct RSA signature over signed data whose reserved field holds "x": before the field
  // was checked, it verified here while ssh-keygen (and so git) rejects it.
  const TempDir dir;
  const Key rsa(dir, "rsa", "-t rsa -b 2048 -m PEM");
  const sshsig::Signature model = parsed(rsa.sign(k_payload));
  const auto ssh_string = [](const std::string& s) {
    std::string out;
    for (int shift = 24; shift >= 0; shift -= 8) {
      out.push_back(static_cast<char>((s.size() >> shift) & 0xFFU));
    }
    return out + s;
  };
  unsigned char digest[64];
  unsigned int size = 0;
  REQUIRE(EVP_Digest(k_payload.data(), k_payload.size(), digest, &size, EVP_sha512(), nullptr) == 1);
  const std::string signed_data = "SSHSIG" + ssh_string("git") + ssh_string("x") + ssh_string("sha512")
                                  + ssh_string(std::string(reinterpret_cast<const char*>(digest), size));
  write(dir.path() + "/data", signed_data);
  run("openssl dgst -sha512 -sign '" + rsa.path + "' -out '" + dir.path() + "/pkcs1' '" + dir.path() + "/data'");
  const std::string blob = std::string("SSHSIG") + std::string("\0\0\0\1", 4) + ssh_string(model.key.blob)
                           + ssh_string("git") + ssh_string("x") + ssh_string("sha512")
                           + ssh_string(ssh_string("rsa-sha2-512") + ssh_string(read(dir.path() + "/pkcs1")));
  CHECK(parse_error(armour(blob))
        == "the signature's reserved field is not empty; SSHSIG version 1 requires an empty one, and OpenSSH and "
           "git reject such a signature");
  // What ssh-keygen says of the same signature.
  write(dir.path() + "/message", k_payload);
  write(dir.path() + "/reserved.sig", armour(blob));
  CHECK(std::system(("ssh-keygen -Y check-novalidate -n git -s '" + dir.path() + "/reserved.sig' < '" + dir.path()
                     + "/message' >/dev/null 2>&1")
                        .c_str())
        != 0);
}

TEST_CASE("sshsig: malformed armour is an error, never a crash")
{
  const TempDir dir;
  const Key key(dir, "laptop", "-t ed25519");
  const std::string good = key.sign(k_payload);
  const std::string blob = unarmour(good);
  REQUIRE(armour(blob) != "");
  CHECK(sshsig::error_of(sshsig::parse_signature(armour(blob))) == nullptr);

  CHECK(parse_error("") == "the signature does not start with \"-----BEGIN SSH SIGNATURE-----\"");
  CHECK(parse_error("-----BEGIN PGP SIGNATURE-----\n\niQ==\n-----END PGP SIGNATURE-----\n")
        == "the signature does not start with \"-----BEGIN SSH SIGNATURE-----\"");
  CHECK(parse_error(good.substr(0, good.find("-----END")))
        == "the signature has no \"-----END SSH SIGNATURE-----\" line");
  CHECK(parse_error(good + "trailing\n") == "the signature has text after its \"-----END SSH SIGNATURE-----\" line");
  CHECK(parse_error("-----BEGIN SSH SIGNATURE-----\nU1NI!0lH\n-----END SSH SIGNATURE-----\n")
        == "the signature's armour is not valid base64");
  CHECK(parse_error("-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----\n")
        == "the signature has SSHSIG version 0; only version 1 is known");
  CHECK(parse_error(armour("SSHSIH" + blob.substr(6))) == "the signature is not an SSHSIG (no \"SSHSIG\" magic)");
  std::string v2 = blob;
  v2[9] = '\2';
  CHECK(parse_error(armour(v2)) == "the signature has SSHSIG version 2; only version 1 is known");
  CHECK(parse_error(armour(blob.substr(0, blob.size() - 10))) == "the signature is truncated");
  CHECK(parse_error(armour(blob + "x")) == "the signature has trailing data");
  std::string md5 = blob;
  const std::size_t at = md5.find("sha512");
  REQUIRE(at != std::string::npos);
  md5.replace(at, 6, "md5sum");
  CHECK(parse_error(armour(md5)) == "the signature uses hash algorithm \"md5sum\"; SSHSIG allows sha256 and sha512");
  // A flipped bit in the signature proper parses, and does not verify.
  std::string flipped = blob;
  flipped[flipped.size() - 5] = static_cast<char>(flipped[flipped.size() - 5] ^ 0x01);
  CHECK(sshsig::verify(parsed(armour(flipped)), k_payload, "git") == "the signature does not match the signed content");
}

TEST_CASE("sshsig: the format of an armoured signature")
{
  CHECK(sshsig::signature_format("-----BEGIN SSH SIGNATURE-----\nx") == "ssh");
  CHECK(sshsig::signature_format("-----BEGIN PGP SIGNATURE-----\nx") == "gpg");
  CHECK(sshsig::signature_format("-----BEGIN SIGNED MESSAGE-----\nx") == "x509");
  CHECK(sshsig::signature_format("hello") == "");
}

TEST_CASE("sshsig: public key lines")
{
  const std::string ed = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
  const auto key = sshsig::parse_public_key("  " + ed + "  li.wei@laptop  ");
  REQUIRE(sshsig::error_of(key) == nullptr);
  CHECK(std::get<sshsig::PublicKey>(key).comment == "li.wei@laptop");
  CHECK(std::get<sshsig::PublicKey>(key).fingerprint.rfind("SHA256:", 0) == 0);
  CHECK(sshsig::error_of(sshsig::parse_public_key(ed)) == nullptr);

  CHECK(key_error("ssh-ed25519")
        == "expected a public key line \"TYPE BASE64 [COMMENT]\", as in ~/.ssh/id_ed25519.pub");
  CHECK(key_error("li.wei@example.com " + ed)
        == "the line starts with \"li.wei@example.com\" before the key type; write only the public key \"TYPE BASE64 "
           "[COMMENT]\", without a principal");
  CHECK(key_error("ssh-dss AAAAB3NzaC1kc3M=")
        == "unsupported key type \"ssh-dss\" (handoff verifies ssh-ed25519, ecdsa-sha2-nistp256 and ssh-rsa keys)");
  CHECK(key_error("ssh-ed25519 AAAA*C3Nz") == "the key data of the ssh-ed25519 key is not valid base64");
  CHECK(key_error("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMq") == "the ssh-ed25519 key data is malformed");
  CHECK(key_error("ssh-rsa " + ed.substr(12)) == "the line says ssh-rsa but its key data is an ssh-ed25519 key");
}
