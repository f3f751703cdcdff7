#include "sshsig/sshsig.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace handoff::sshsig {

namespace {

constexpr std::string_view k_magic = "SSHSIG";
constexpr std::string_view k_begin = "-----BEGIN SSH SIGNATURE-----";
constexpr std::string_view k_end = "-----END SSH SIGNATURE-----";
constexpr std::size_t k_max_armour = std::size_t{64} * 1024;  // git's signatures are a few hundred bytes
constexpr std::size_t k_max_bignum = 16384 / 8;               // OpenSSH's limit on RSA moduli
constexpr std::size_t k_min_rsa_bits = 1024;                  // OpenSSH refuses smaller RSA keys

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG, ECDSA_SIG_free>>;

// Reads SSH's wire format (RFC 4251 §5): uint32 big-endian, and strings with a uint32 length.
class Wire {
public:
  explicit Wire(std::string_view data) : m_data(data) {}

  bool u32(std::uint32_t& out)
  {
    if (m_data.size() < 4) {
      return false;
    }
    out = 0;
    for (int i = 0; i < 4; ++i) {
      out = (out << 8) | static_cast<unsigned char>(m_data[static_cast<std::size_t>(i)]);
    }
    m_data.remove_prefix(4);
    return true;
  }
  bool bytes(std::size_t n, std::string_view& out)
  {
    if (m_data.size() < n) {
      return false;
    }
    out = m_data.substr(0, n);
    m_data.remove_prefix(n);
    return true;
  }
  bool string(std::string_view& out)
  {
    std::uint32_t n = 0;
    return u32(n) && bytes(n, out);
  }
  // Reads a non-negative mpint without its sign-bit prefix (OpenSSH's rules: no negative
  // numbers, at most k_max_bignum bytes of magnitude).
  bool mpint(std::string_view& out)
  {
    if (!string(out)) {
      return false;
    }
    if (!out.empty() && (static_cast<unsigned char>(out[0]) & 0x80U) != 0) {
      return false;
    }
    if (out.size() > k_max_bignum + 1 || (out.size() == k_max_bignum + 1 && out[0] != '\0')) {
      return false;
    }
    while (!out.empty() && out[0] == '\0') {
      out.remove_prefix(1);
    }
    return true;
  }
  bool done() const { return m_data.empty(); }

private:
  std::string_view m_data;
};

void put_u32(std::string& out, std::size_t n)
{
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((n >> shift) & 0xFFU));
  }
}

void put_string(std::string& out, std::string_view s)
{
  put_u32(out, s.size());
  out.append(s);
}

bool is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trim(std::string_view s)
{
  while (!s.empty() && is_space(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && is_space(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

bool is_base64_char(char c)
{
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

// Decodes standard padded base64 (no whitespace inside). Returns nullopt when it is not.
std::optional<std::string> base64_decode(std::string_view text)
{
  if (text.empty() || text.size() % 4 != 0) {
    return std::nullopt;
  }
  std::size_t padding = 0;
  while (padding < 2 && text[text.size() - 1 - padding] == '=') {
    ++padding;
  }
  for (std::size_t i = 0; i < text.size() - padding; ++i) {
    if (!is_base64_char(text[i])) {
      return std::nullopt;
    }
  }
  std::string out(text.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0 || static_cast<std::size_t>(n) != out.size()) {
    return std::nullopt;
  }
  out.resize(out.size() - padding);
  return out;
}

std::string base64_encode_unpadded(std::string_view data)
{
  std::string out((data.size() + 2) / 3 * 4 + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(data.data()), static_cast<int>(data.size()));
  out.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
  while (!out.empty() && out.back() == '=') {
    out.pop_back();
  }
  return out;
}

std::optional<std::string> hash(const EVP_MD* md, std::string_view data)
{
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), out, &size, md, nullptr) != 1) {
    return std::nullopt;
  }
  return std::string(reinterpret_cast<const char*>(out), size);
}

std::string fingerprint_of(std::string_view blob)
{
  const auto digest = hash(EVP_sha256(), blob);
  return "SHA256:" + base64_encode_unpadded(digest ? *digest : std::string());
}

std::size_t bit_length(std::string_view magnitude)
{
  if (magnitude.empty()) {
    return 0;
  }
  std::size_t bits = magnitude.size() * 8;
  for (auto top = static_cast<unsigned char>(magnitude[0]); (top & 0x80U) == 0;
       top = static_cast<unsigned char>(top << 1U)) {
    --bits;
  }
  return bits;
}

std::string printable(std::string_view text)
{
  std::string shown;
  for (char c : text.substr(0, 40)) {
    shown.push_back(static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f ? '?' : c);
  }
  return shown;
}

std::string unsupported_type(std::string_view type)
{
  return "unsupported key type \"" + printable(type)
         + "\" (handoff verifies ssh-ed25519, ecdsa-sha2-nistp256 and ssh-rsa keys)";
}

// Checks that `blob` is a well-formed key of a supported type; returns its type or an error.
Result<std::string> check_key_blob(std::string_view blob)
{
  Wire w(blob);
  std::string_view type;
  if (!w.string(type)) {
    return Error{"the key data is truncated"};
  }
  if (type == "ssh-ed25519") {
    std::string_view pk;
    if (!w.string(pk) || pk.size() != 32 || !w.done()) {
      return Error{"the ssh-ed25519 key data is malformed"};
    }
  } else if (type == "ecdsa-sha2-nistp256") {
    std::string_view curve;
    std::string_view point;
    if (!w.string(curve) || curve != "nistp256" || !w.string(point) || point.size() != 65 || point[0] != '\x04'
        || !w.done()) {
      return Error{"the ecdsa-sha2-nistp256 key data is malformed"};
    }
  } else if (type == "ssh-rsa") {
    std::string_view e;
    std::string_view n;
    if (!w.mpint(e) || !w.mpint(n) || !w.done() || e.empty()) {
      return Error{"the ssh-rsa key data is malformed"};
    }
    if (bit_length(n) < k_min_rsa_bits) {
      return Error{"the ssh-rsa key has " + std::to_string(bit_length(n)) + " bits; at least "
                   + std::to_string(k_min_rsa_bits) + " are required"};
    }
  } else {
    return Error{unsupported_type(type)};
  }
  return std::string(type);
}

// Returns the key whose wire-format blob is `blob`.
Result<PublicKey> key_from_blob(std::string_view blob)
{
  const Result<std::string> type = check_key_blob(blob);
  if (const std::string* error = error_of(type)) {
    return Error{*error};
  }
  PublicKey key;
  key.type = std::get<std::string>(type);
  key.blob = std::string(blob);
  key.fingerprint = fingerprint_of(blob);
  return key;
}

// Returns the libcrypto key of `key` (already checked by check_key_blob), or nullptr.
PkeyPtr make_pkey(const PublicKey& key)
{
  Wire w(key.blob);
  std::string_view type;
  w.string(type);
  if (key.type == "ssh-ed25519") {
    std::string_view pk;
    w.string(pk);
    return PkeyPtr(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                               reinterpret_cast<const unsigned char*>(pk.data()), pk.size()));
  }
  ParamBldPtr builder(OSSL_PARAM_BLD_new());
  if (!builder) {
    return nullptr;
  }
  BnPtr e;
  BnPtr n;
  const char* algorithm = nullptr;
  if (key.type == "ecdsa-sha2-nistp256") {
    std::string_view curve;
    std::string_view point;
    w.string(curve);
    w.string(point);
    if (OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) != 1
        || OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) != 1) {
      return nullptr;
    }
    algorithm = "EC";
  } else if (key.type == "ssh-rsa") {
    std::string_view e_bytes;
    std::string_view n_bytes;
    w.mpint(e_bytes);
    w.mpint(n_bytes);
    e.reset(
        BN_bin2bn(reinterpret_cast<const unsigned char*>(e_bytes.data()), static_cast<int>(e_bytes.size()), nullptr));
    n.reset(
        BN_bin2bn(reinterpret_cast<const unsigned char*>(n_bytes.data()), static_cast<int>(n_bytes.size()), nullptr));
    if (!e || !n || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1
        || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1) {
      return nullptr;
    }
    algorithm = "RSA";
  } else {
    return nullptr;
  }
  ParamPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, algorithm, nullptr));
  EVP_PKEY* pkey = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1
      || EVP_PKEY_fromdata(ctx.get(), &pkey, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return nullptr;
  }
  return PkeyPtr(pkey);
}

// Converts an SSH ECDSA signature (mpint r, mpint s) to the DER form libcrypto verifies.
std::optional<std::string> ecdsa_der(std::string_view sig_bytes)
{
  Wire w(sig_bytes);
  std::string_view r_bytes;
  std::string_view s_bytes;
  if (!w.mpint(r_bytes) || !w.mpint(s_bytes) || !w.done() || r_bytes.size() > 33 || s_bytes.size() > 33) {
    return std::nullopt;
  }
  BnPtr r(BN_bin2bn(reinterpret_cast<const unsigned char*>(r_bytes.data()), static_cast<int>(r_bytes.size()), nullptr));
  BnPtr s(BN_bin2bn(reinterpret_cast<const unsigned char*>(s_bytes.data()), static_cast<int>(s_bytes.size()), nullptr));
  EcdsaSigPtr sig(ECDSA_SIG_new());
  if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) {
    return std::nullopt;
  }
  (void)r.release();  // owned by sig now
  (void)s.release();
  const int size = i2d_ECDSA_SIG(sig.get(), nullptr);
  if (size <= 0) {
    return std::nullopt;
  }
  std::string der(static_cast<std::size_t>(size), '\0');
  auto* out = reinterpret_cast<unsigned char*>(der.data());
  if (i2d_ECDSA_SIG(sig.get(), &out) != size) {
    return std::nullopt;
  }
  return der;
}

// Returns true when the signature algorithm may sign with a key of this type.
bool algorithm_fits(std::string_view sig_algorithm, std::string_view key_type)
{
  if (key_type == "ssh-rsa") {
    return sig_algorithm == "rsa-sha2-256" || sig_algorithm == "rsa-sha2-512";
  }
  return sig_algorithm == key_type;
}

}  // namespace

Result<PublicKey> parse_public_key(std::string_view line)
{
  line = trim(line);
  const std::size_t type_end = line.find_first_of(" \t");
  if (type_end == std::string_view::npos) {
    return Error{"expected a public key line \"TYPE BASE64 [COMMENT]\", as in ~/.ssh/id_ed25519.pub"};
  }
  const std::string_view type = line.substr(0, type_end);
  std::string_view rest = trim(line.substr(type_end));
  const std::size_t data_end = rest.find_first_of(" \t");
  const std::string_view data = rest.substr(0, data_end);
  const std::string_view comment =
      data_end == std::string_view::npos ? std::string_view() : trim(rest.substr(data_end));
  if (type != "ssh-ed25519" && type != "ecdsa-sha2-nistp256" && type != "ssh-rsa") {
    // An allowed-signers line starts with the principal: say what to leave out.
    if (data == "ssh-ed25519" || data == "ecdsa-sha2-nistp256" || data == "ssh-rsa") {
      return Error{
          "the line starts with \"" + printable(type)
          + "\" before the key type; write only the public key \"TYPE BASE64 [COMMENT]\", without a principal"};
    }
    return Error{unsupported_type(type)};
  }
  const std::optional<std::string> blob = base64_decode(data);
  if (!blob) {
    return Error{"the key data of the " + std::string(type) + " key is not valid base64"};
  }
  Result<PublicKey> key = key_from_blob(*blob);
  if (const std::string* error = error_of(key)) {
    return Error{*error};
  }
  auto& k = std::get<PublicKey>(key);
  if (k.type != type) {
    return Error{"the line says " + std::string(type) + " but its key data is an " + k.type + " key"};
  }
  k.comment = std::string(comment);
  return key;
}

Result<Signature> parse_signature(std::string_view armour)
{
  if (armour.size() > k_max_armour) {
    return Error{"the signature is larger than 64 KiB"};
  }
  std::string_view text = trim(armour);
  if (text.substr(0, k_begin.size()) != k_begin) {
    return Error{"the signature does not start with \"-----BEGIN SSH SIGNATURE-----\""};
  }
  text.remove_prefix(k_begin.size());
  if (text.empty() || (text[0] != '\n' && text[0] != '\r')) {
    return Error{"the \"-----BEGIN SSH SIGNATURE-----\" line has trailing text"};
  }
  const std::size_t end = text.find(k_end);
  if (end == std::string_view::npos) {
    return Error{"the signature has no \"-----END SSH SIGNATURE-----\" line"};
  }
  if (!trim(text.substr(end + k_end.size())).empty()) {
    return Error{"the signature has text after its \"-----END SSH SIGNATURE-----\" line"};
  }
  std::string base64;
  for (char c : text.substr(0, end)) {
    if (!is_space(c)) {
      base64.push_back(c);
    }
  }
  const std::optional<std::string> blob = base64_decode(base64);
  if (!blob) {
    return Error{"the signature's armour is not valid base64"};
  }
  Wire w(*blob);
  std::string_view magic;
  std::uint32_t version = 0;
  std::string_view key_blob;
  std::string_view name_space;
  std::string_view reserved;
  std::string_view hash_algorithm;
  std::string_view sig_blob;
  if (!w.bytes(k_magic.size(), magic) || magic != k_magic) {
    return Error{std::string("the signature is not an SSHSIG (no \"SSHSIG\" magic)")};
  }
  if (!w.u32(version) || version != 1) {
    return Error{"the signature has SSHSIG version " + std::to_string(version) + "; only version 1 is known"};
  }
  if (!w.string(key_blob) || !w.string(name_space) || !w.string(reserved) || !w.string(hash_algorithm)
      || !w.string(sig_blob)) {
    return Error{"the signature is truncated"};
  }
  if (!w.done()) {
    return Error{"the signature has trailing data"};
  }
  // OpenSSH verifies as if the field were empty and git with it, so a signature that fills it
  // verifies nowhere else: refused, as they do.
  if (!reserved.empty()) {
    return Error{std::string("the signature's reserved field is not empty; SSHSIG version 1 requires an empty one, "
                             "and OpenSSH and git reject such a signature")};
  }
  if (hash_algorithm != "sha256" && hash_algorithm != "sha512") {
    return Error{"the signature uses hash algorithm \"" + printable(hash_algorithm)
                 + "\"; SSHSIG allows sha256 and sha512"};
  }
  if (name_space.empty()) {
    return Error{"the signature has an empty namespace"};
  }
  Result<PublicKey> key = key_from_blob(key_blob);
  if (const std::string* error = error_of(key)) {
    return Error{"the signature's public key is not usable: " + *error};
  }
  Wire s(sig_blob);
  std::string_view sig_algorithm;
  std::string_view sig_bytes;
  if (!s.string(sig_algorithm) || !s.string(sig_bytes) || !s.done()) {
    return Error{"the signature's signature blob is malformed"};
  }
  Signature out;
  out.key = std::get<PublicKey>(std::move(key));
  if (!algorithm_fits(sig_algorithm, out.key.type)) {
    if (sig_algorithm == "ssh-rsa") {
      return Error{std::string("the signature uses RSA with SHA-1 (ssh-rsa), which SSHSIG does not allow")};
    }
    return Error{"the signature algorithm \"" + printable(sig_algorithm) + "\" does not fit a " + out.key.type
                 + " key"};
  }
  if (out.key.type == "ssh-ed25519" && sig_bytes.size() != 64) {
    return Error{"the ssh-ed25519 signature is not 64 bytes long"};
  }
  out.name_space = std::string(name_space);
  out.reserved = std::string(reserved);
  out.hash_algorithm = std::string(hash_algorithm);
  out.sig_algorithm = std::string(sig_algorithm);
  out.sig_bytes = std::string(sig_bytes);
  return out;
}

std::optional<std::string> verify(const Signature& signature, std::string_view message, std::string_view name_space)
{
  if (signature.name_space != name_space) {
    return "the signature is for namespace \"" + printable(signature.name_space) + "\", not \""
           + std::string(name_space) + "\"";
  }
  const EVP_MD* message_md = signature.hash_algorithm == "sha512" ? EVP_sha512() : EVP_sha256();
  const std::optional<std::string> message_hash = hash(message_md, message);
  if (!message_hash) {
    return std::string("cannot hash the signed content");
  }
  std::string data(k_magic);
  put_string(data, signature.name_space);
  put_string(data, signature.reserved);
  put_string(data, signature.hash_algorithm);
  put_string(data, *message_hash);

  const PkeyPtr pkey = make_pkey(signature.key);
  if (!pkey) {
    ERR_clear_error();
    return "the signature's " + signature.key.type + " public key is not a valid key";
  }
  std::string sig = signature.sig_bytes;
  const EVP_MD* md = nullptr;  // Ed25519 hashes by itself
  if (signature.sig_algorithm == "ecdsa-sha2-nistp256") {
    const std::optional<std::string> der = ecdsa_der(signature.sig_bytes);
    if (!der) {
      return std::string("the ecdsa-sha2-nistp256 signature is malformed");
    }
    sig = *der;
    md = EVP_sha256();
  } else if (signature.sig_algorithm == "rsa-sha2-256") {
    md = EVP_sha256();
  } else if (signature.sig_algorithm == "rsa-sha2-512") {
    md = EVP_sha512();
  }
  const MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, pkey.get()) != 1) {
    return std::string("cannot verify the signature with libcrypto");
  }
  const int rc = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                                  reinterpret_cast<const unsigned char*>(data.data()), data.size());
  if (rc != 1) {
    ERR_clear_error();  // a failed verification leaves errors on this thread's queue
    return std::string("the signature does not match the signed content");
  }
  return std::nullopt;
}

std::string_view signature_format(std::string_view text)
{
  text = trim(text);
  const auto starts = [&](std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; };
  if (starts(k_begin)) {
    return "ssh";
  }
  if (starts("-----BEGIN PGP SIGNATURE-----") || starts("-----BEGIN PGP MESSAGE-----")) {
    return "gpg";
  }
  if (starts("-----BEGIN SIGNED MESSAGE-----")) {
    return "x509";
  }
  return "";
}

}  // namespace handoff::sshsig
