#include "support/mustache.hpp"
#include "core/error.hpp"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace handoff::support {

namespace {

using Data = kainjow::mustache::data;

// kainjow's set() and push_back() copy their argument, and with it the whole subtree below;
// put() and append() insert a cheap placeholder and move the converted value into it. The
// element belongs to `parent`, which is not const, so casting const away is sound.
void put(Data& parent, const std::string& key, Data&& value)
{
  parent.set(key, Data{false});
  *const_cast<Data*>(parent.get(key)) = std::move(value);
}

void append(Data& list, Data&& value)
{
  list.push_back(Data{false});
  const_cast<Data&>(list.list_value().back()) = std::move(value);
}

// kainjow's data has no noexcept move, so a std::vector of it that grows copies every element
// (the whole subtree) into the new storage: a list that doubles holds its items twice. Lists
// are therefore sized once, before the first append.
void reserve(Data& list, std::size_t count)
{
  const_cast<std::vector<Data>&>(list.list_value()).reserve(count);
}

template <class Json>
Data convert(const Json& value)
{
  switch (value.type()) {
  case nlohmann::json::value_t::object: {
    Data out{Data::type::object};
    for (const auto& [key, item] : value.items()) {
      put(out, key, convert(item));
    }
    return out;
  }
  case nlohmann::json::value_t::array: {
    Data out{Data::type::list};
    reserve(out, value.size());
    for (const auto& item : value) {
      append(out, convert(item));
    }
    return out;
  }
  case nlohmann::json::value_t::string:
    return Data{value.template get<std::string>()};
  case nlohmann::json::value_t::boolean:
    return Data{value.template get<bool>()};
  case nlohmann::json::value_t::null:
  case nlohmann::json::value_t::discarded:
    return Data{false};
  default:
    return Data{value.dump()};  // numbers, as JSON writes them
  }
}

// Like convert, but moves strings out of `value` and frees each part once it is converted.
Data consume(nlohmann::ordered_json& value)
{
  switch (value.type()) {
  case nlohmann::json::value_t::object: {
    Data out{Data::type::object};
    for (auto it = value.begin(); it != value.end(); ++it) {
      put(out, it.key(), consume(it.value()));
    }
    value = nullptr;
    return out;
  }
  case nlohmann::json::value_t::array: {
    Data out{Data::type::list};
    reserve(out, value.size());
    for (auto& item : value) {
      append(out, consume(item));
    }
    value = nullptr;
    return out;
  }
  case nlohmann::json::value_t::string: {
    Data out{value.get_ref<const std::string&>()};
    value = nullptr;
    return out;
  }
  default:
    return convert(value);
  }
}

// Returns "line:column" (1-based) of byte `offset` in `source`.
std::string line_column(const std::string& source, std::size_t offset)
{
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < offset && i < source.size(); ++i) {
    if (source[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(source[i]) & 0xC0) != 0x80) {
      ++column;  // count characters, not UTF-8 continuation bytes
    }
  }
  return fmt::format("{}:{}", line, column);
}

// Marks an empty template line for kainjow, which drops an empty line that follows a section
// end tag; removed from the output. A control character that YAML text cannot hold unescaped.
constexpr char k_keep_line = '\x1F';

// A template source prepared for kainjow, and for each byte the offset it had in the original
// source (one more entry for the end), so that messages point into the file.
struct Prepared {
  std::string text;
  std::vector<std::size_t> origin;
};

// Returns true when `line` holds only blanks and one section, inverted-section, section-end
// or comment tag: Mustache calls such a tag "standalone" and drops its whole line.
bool is_standalone_line(std::string_view line)
{
  static const std::regex standalone{R"(^[ \t]*\{\{[#^/!][^{}]*\}\}[ \t]*\r?\n?$)"};
  return std::regex_match(line.begin(), line.end(), standalone);
}

bool is_blank_line(std::string_view line)
{
  return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Applies Mustache's rule for standalone lines, which kainjow follows only partly (a skipped
// section leaves an empty line, a comment line stays): the tag stays, its indentation and
// line break go. Empty lines get a k_keep_line mark so that kainjow keeps them.
Prepared prepare(const std::string& source)
{
  Prepared out;
  out.text.reserve(source.size() + 64);
  out.origin.reserve(source.size() + 65);
  std::size_t start = 0;
  while (start < source.size()) {
    std::size_t end = source.find('\n', start);
    end = end == std::string::npos ? source.size() : end + 1;
    const std::string_view line(source.data() + start, end - start);
    std::size_t from = start;
    std::size_t to = end;
    if (is_standalone_line(line)) {
      from = source.find("{{", start);
      to = source.find("}}", from) + 2;
    } else if (is_blank_line(line)) {
      out.text += k_keep_line;
      out.origin.push_back(start);
    }
    for (std::size_t i = from; i < to; ++i) {
      out.text += source[i];
      out.origin.push_back(i);
    }
    start = end;
  }
  out.origin.push_back(source.size());
  return out;
}

// Returns kainjow's message ("Unclosed tag at 57") as "NAME:LINE:COL: unclosed tag".
std::string located_error(const TemplateText& tmpl, const std::string& message,
                          const std::vector<std::size_t>* origin = nullptr)
{
  static const std::regex at_offset{R"(^(.*) at ([0-9]+)$)"};
  std::smatch m;
  if (std::regex_match(message, m, at_offset)) {
    std::string text = m[1].str();
    if (!text.empty()) {
      text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    }
    std::size_t offset = std::stoul(m[2].str());
    if (origin != nullptr && !origin->empty()) {
      offset = (*origin)[std::min(offset, origin->size() - 1)];
    }
    return fmt::format("template {}:{}: {}", tmpl.name, line_column(tmpl.source, offset), text);
  }
  return fmt::format("template {}: {}", tmpl.name, message);
}

// Returns a partial's source without its final line break, so that a partial tag on a line of
// its own adds no empty line.
Data partial_source(const std::string& original)
{
  std::string source = prepare(original).text;
  if (!source.empty() && source.back() == '\n') {
    source.pop_back();
    if (!source.empty() && source.back() == '\r') {
      source.pop_back();
    }
  }
  return Data{source};
}

// The partials a template uses, resolved and checked before rendering.
class PartialSet {
public:
  explicit PartialSet(const PartialLookup& lookup) : m_lookup(lookup) {}

  // Resolves every partial `tmpl` uses, directly or through other partials. Throws for an
  // unknown or invalid partial and for a cycle.
  void resolve_from(const TemplateText& tmpl)
  {
    std::vector<std::string> chain{tmpl.name};
    visit(tmpl, chain);
  }

  // Returns the source of partial `name`, resolving it now when the scan missed it.
  const Data* get(const std::string& name)
  {
    if (auto it = m_sources.find(name); it != m_sources.end()) {
      return &it->second;
    }
    const auto found = m_lookup ? m_lookup(name) : std::nullopt;
    if (!found) {
      throw core::UserError(fmt::format("template: unknown partial \"{}\"", name));
    }
    std::vector<std::string> chain{found->name};
    visit(*found, chain);
    return &m_sources.emplace(name, partial_source(found->source)).first->second;
  }

private:
  void visit(const TemplateText& tmpl, std::vector<std::string>& chain)
  {
    const Prepared prepared = prepare(tmpl.source);
    kainjow::mustache::mustache parsed{prepared.text};
    if (!parsed.is_valid()) {
      throw core::UserError(located_error(tmpl, parsed.error_message(), &prepared.origin));
    }
    // Partial tags with the default delimiters; others are resolved when rendered.
    static const std::regex partial_tag{R"(\{\{>\s*([^}\s]+)\s*\}\})"};
    for (auto it = std::sregex_iterator(tmpl.source.begin(), tmpl.source.end(), partial_tag);
         it != std::sregex_iterator(); ++it) {
      const std::string name = (*it)[1].str();
      const auto offset = static_cast<std::size_t>(it->position(0));
      const auto found = m_lookup ? m_lookup(name) : std::nullopt;
      if (!found) {
        throw core::UserError(
            fmt::format("template {}:{}: unknown partial \"{}\"", tmpl.name, line_column(tmpl.source, offset), name));
      }
      for (const auto& outer : chain) {
        if (outer == found->name) {
          std::string cycle;
          for (const auto& c : chain) {
            cycle += c + " -> ";
          }
          throw core::UserError(fmt::format("template {}:{}: partials include each other in a cycle: {}{}", tmpl.name,
                                            line_column(tmpl.source, offset), cycle, found->name));
        }
      }
      if (m_sources.count(name) == 0) {
        m_sources.emplace(name, partial_source(found->source));
      }
      chain.push_back(found->name);
      visit(*found, chain);
      chain.pop_back();
    }
  }

  const PartialLookup& m_lookup;
  std::map<std::string, Data> m_sources;
};

// A rendering context that takes partials from a PartialSet, never from the data, so that a
// data key and a partial may share a name ("raci").
class PartialContext final : public kainjow::mustache::context<std::string> {
public:
  PartialContext(const Data* root, PartialSet& partials) : context(root), m_partials(partials) {}

  const Data* get_partial(const std::string& name) const override { return m_partials.get(name); }

private:
  PartialSet& m_partials;
};

}  // namespace

std::string render_mustache(const std::string& source, const std::string& name, const nlohmann::json& data,
                            const Escape& escape)
{
  kainjow::mustache::mustache tmpl{source};
  if (!tmpl.is_valid()) {
    throw core::UserError(located_error(TemplateText{name, source}, tmpl.error_message()));
  }
  tmpl.set_custom_escape(escape);
  std::string out = tmpl.render(convert(data));
  if (!tmpl.is_valid()) {
    throw core::UserError(fmt::format("template {}: {}", name, tmpl.error_message()));
  }
  return out;
}

struct MustacheList::Items {
  Data list{Data::type::list};
};

MustacheList::MustacheList() : m_items(std::make_unique<Items>())
{
}
MustacheList::MustacheList(MustacheList&&) noexcept = default;
MustacheList& MustacheList::operator=(MustacheList&&) noexcept = default;
MustacheList::~MustacheList() = default;

void MustacheList::reserve(std::size_t count)
{
  support::reserve(m_items->list, count);
}

void MustacheList::append(nlohmann::ordered_json item)
{
  support::append(m_items->list, consume(item));
}

std::string render_mustache(const TemplateText& tmpl, nlohmann::ordered_json data, const Escape& escape,
                            const PartialLookup& partials)
{
  return render_mustache(tmpl, std::move(data), {}, escape, partials);
}

std::string render_mustache(const TemplateText& tmpl, nlohmann::ordered_json data,
                            std::map<std::string, MustacheList> lists, const Escape& escape,
                            const PartialLookup& partials)
{
  PartialSet set(partials);
  set.resolve_from(tmpl);
  kainjow::mustache::mustache parsed{prepare(tmpl.source).text};
  parsed.set_custom_escape(escape);
  Data root = consume(data);
  for (auto& [key, list] : lists) {
    put(root, key, std::move(list.m_items->list));
  }
  lists.clear();
  PartialContext context(&root, set);
  std::ostringstream out;
  parsed.render(context, out);
  if (!parsed.is_valid()) {
    throw core::UserError(fmt::format("template {}: {}", tmpl.name, parsed.error_message()));
  }
  std::string text = out.str();
  text.erase(std::remove(text.begin(), text.end(), k_keep_line), text.end());
  return text;
}

}  // namespace handoff::support
