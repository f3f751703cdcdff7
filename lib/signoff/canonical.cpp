#include "signoff/canonical.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <tuple>
#include <utility>
#include <vector>

namespace handoff::signoff {

namespace {

void append(const yaml::Node& node, std::string& out)
{
  switch (node.kind) {
  case yaml::Kind::null:
    out += '~';
    return;
  case yaml::Kind::scalar:
    out += '\'';
    out += std::to_string(node.value.size());
    out += ':';
    out += node.value;
    return;
  case yaml::Kind::sequence:
    out += '[';
    out += std::to_string(node.children.size());
    out += ':';
    for (const auto& item : node.children) {
      append(item, out);
    }
    out += ']';
    return;
  case yaml::Kind::mapping: {
    // Sorted by the key's text (its canonical form for a key that is not a scalar), then by the
    // key's and the value's canonical forms, so that duplicate keys still sort one way.
    std::vector<std::tuple<std::string, std::string, std::string>> entries;
    entries.reserve(node.map_size());
    for (std::size_t i = 0; i < node.map_size(); ++i) {
      if (node.val(i).is_null()) {
        continue;  // `key:` with nothing is the same as no key (docs/records.md)
      }
      std::tuple<std::string, std::string, std::string> entry;
      append(node.key(i), std::get<1>(entry));
      append(node.val(i), std::get<2>(entry));
      std::get<0>(entry) = node.key(i).is_scalar() ? node.key(i).value : std::get<1>(entry);
      entries.push_back(std::move(entry));
    }
    std::sort(entries.begin(), entries.end());
    out += '{';
    out += std::to_string(entries.size());
    out += ':';
    for (const auto& [order, key, value] : entries) {
      out += key;
      out += value;
    }
    out += '}';
    return;
  }
  }
}

}  // namespace

std::string canonical_form(const yaml::Node& node)
{
  std::string out;
  append(node, out);
  return out;
}

std::string sha256(std::string_view bytes)
{
  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1
      || EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size()) != 1
      || EVP_DigestFinal_ex(ctx.get(), hash, &size) != 1) {
    throw std::runtime_error("libcrypto could not compute a SHA-256 digest");
  }
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out = "sha256:";
  for (unsigned int i = 0; i < size; ++i) {
    out += k_hex[hash[i] >> 4];
    out += k_hex[hash[i] & 0x0f];
  }
  return out;
}

std::string digest(const yaml::Node& node)
{
  return sha256(canonical_form(node));
}

}  // namespace handoff::signoff
