#include "support/mustache.hpp"
#include "core/error.hpp"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "support/embedded.hpp"
#include "support/text.hpp"

namespace handoff::support {

namespace {

using Data = kainjow::mustache::data;

// Limits that keep a hostile template from exhausting the stack, the memory or the time
// (DESIGN §9.9); docs/robustness.md lists them.
constexpr int k_max_partial_depth = 16;          // a partial including a partial ..., levels
constexpr int k_max_section_depth = 64;          // sections inside sections, partials included
constexpr std::size_t k_max_output = 16u << 20;  // bytes of rendered text
constexpr std::size_t k_max_tags = 20'000'000;   // tags rendered (lookups), a bound on the time

// Thrown when the output limit is reached; render_mustache adds the template's name.
class OutputLimit : public core::UserError {
public:
  using core::UserError::UserError;
};

std::string output_limit_message()
{
  return fmt::format("the output is over the limit of {} MiB (does a partial or a section repeat itself?)",
                     k_max_output >> 20);
}

// Collects kainjow's output into a string, throwing OutputLimit once it passes k_max_output.
class LimitedBuffer final : public std::streambuf {
public:
  std::string text;

protected:
  std::streamsize xsputn(const char* data, std::streamsize n) override
  {
    if (text.size() + static_cast<std::size_t>(n) > k_max_output) {
      throw OutputLimit(output_limit_message());
    }
    text.append(data, static_cast<std::size_t>(n));
    return n;
  }
  int_type overflow(int_type c) override
  {
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      const char ch = traits_type::to_char_type(c);
      xsputn(&ch, 1);
    }
    return traits_type::not_eof(c);
  }
};

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

// A tag that matters for the limits: a section start ('#', '^'), a section end ('/'), a partial
// ('>') or a variable ('v', named in the output-limit message), with its name and its byte
// offset in the source.
struct Tag {
  char kind = 0;
  std::string name;
  std::size_t offset = 0;
  std::size_t end = 0;  // just past the tag
};

std::string trimmed(std::string_view text)
{
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return {};
  }
  const std::size_t last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

// Returns the section, partial and variable tags of `source` in order, following set-delimiter tags
// ({{=<% %>=}}) as Mustache does. Stops at an unclosed tag (kainjow reports it). Linear in the
// size of the source and never recursive, so it runs before kainjow parses anything.
std::vector<Tag> scan_tags(const std::string& source)
{
  std::vector<Tag> tags;
  std::string open = "{{";
  std::string close = "}}";
  std::size_t pos = 0;
  while (true) {
    const std::size_t start = source.find(open, pos);
    if (start == std::string::npos) {
      break;
    }
    std::size_t body = start + open.size();
    std::string end_mark = close;
    if (open == "{{" && body < source.size() && source[body] == '{') {
      end_mark = "}" + close;  // {{{unescaped}}}
    }
    const std::size_t end = source.find(end_mark, body);
    if (end == std::string::npos) {
      break;
    }
    const std::string content = trimmed(std::string_view(source).substr(body, end - body));
    pos = end + end_mark.size();
    if (content.empty()) {
      continue;
    }
    const char kind = content[0];
    if (kind == '=' && content.size() >= 2 && content.back() == '=') {
      const std::string inner = trimmed(std::string_view(content).substr(1, content.size() - 2));
      const std::size_t space = inner.find_first_of(" \t");
      if (space != std::string::npos) {
        open = inner.substr(0, space);
        close = trimmed(std::string_view(inner).substr(space));
      }
      continue;
    }
    if (kind == '#' || kind == '^' || kind == '/' || kind == '>') {
      tags.push_back(Tag{kind, trimmed(std::string_view(content).substr(1)), start, pos});
    } else if (kind == '&' || kind == '{') {
      std::string name = trimmed(std::string_view(content).substr(1));
      if (kind == '{' && !name.empty() && name.back() == '}') {
        name = trimmed(std::string_view(name).substr(0, name.size() - 1));
      }
      tags.push_back(Tag{'v', std::move(name), start, pos});
    } else if (kind != '!') {
      tags.push_back(Tag{'v', content, start, pos});
    }
  }
  return tags;
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

// Returns the message for a partial tag that names nothing: `{{> t.KEY}}` names a message of
// the report catalogues, any other name a template.
std::string unknown_partial(const std::string& name)
{
  if (starts_with(name, k_message_prefix)) {
    return fmt::format("unknown message \"{}\" (no key \"{}\" in the catalogue; docs/reports.md, "
                       "\"Languages\")",
                       name, name.substr(k_message_prefix.size()));
  }
  return fmt::format("unknown partial \"{}\"", name);
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

  // Returns the largest text between the tags of a section called `name`, 0 for none.
  std::size_t body_size(const std::string& name) const
  {
    const auto it = m_body_sizes.find(name);
    return it == m_body_sizes.end() ? 0 : it->second;
  }

  // Returns "NAME:LINE:COL" of the first tag of class `kind` (tag_class) named `name` in the
  // template or its partials, nullopt when none was seen.
  std::optional<std::string> where(char kind, const std::string& name) const
  {
    const auto it = m_where.find(std::make_pair(kind, name));
    return it == m_where.end() ? std::nullopt : std::optional<std::string>(it->second);
  }

  // Returns the class of a tag kind: 's' for a section start, '>' a partial, 'v' a variable.
  static char tag_class(char kind) { return kind == '#' || kind == '^' ? 's' : kind; }

  // Returns the source of partial `name`, resolving it now when the scan missed it.
  const Data* get(const std::string& name)
  {
    if (auto it = m_sources.find(name); it != m_sources.end()) {
      return &it->second;
    }
    const auto found = m_lookup ? m_lookup(name) : std::nullopt;
    if (!found) {
      throw core::UserError(fmt::format("template: {}", unknown_partial(name)));
    }
    std::vector<std::string> chain{found->name};
    m_depth.emplace(name, visit(*found, chain));
    return &m_sources.emplace(name, partial_source(found->source)).first->second;
  }

private:
  // Checks `tmpl` and the partials below it; returns the deepest section nesting it reaches,
  // counting the sections of the partials it includes.
  int visit(const TemplateText& tmpl, std::vector<std::string>& chain)
  {
    const std::vector<Tag> tags = scan_tags(tmpl.source);
    // The limits are checked on the tags before kainjow parses: its parser keeps a copy of
    // each section's text, so 38,000 nested sections would take gigabytes.
    int depth = 0;
    int deepest = 0;
    std::vector<const Tag*> open;
    for (const Tag& tag : tags) {
      // The first place each tag is written, for the output-limit message.
      m_where.emplace(std::make_pair(tag_class(tag.kind), tag.name),
                      fmt::format("{}:{}", tmpl.name, line_column(tmpl.source, tag.offset)));
      if (tag.kind == '#' || tag.kind == '^') {
        open.push_back(&tag);
      } else if (tag.kind == '/' && !open.empty()) {
        // The text between a section's tags: rendering the section once writes at most that.
        std::size_t& body = m_body_sizes[open.back()->name];
        body = std::max(body, tag.offset - open.back()->end);
        open.pop_back();
      }
      if (tag.kind == '#' || tag.kind == '^') {
        if (++depth > k_max_section_depth) {
          throw core::UserError(fmt::format("template {}:{}: sections nest deeper than {} levels (limit of a "
                                            "template and the partials it includes)",
                                            tmpl.name, line_column(tmpl.source, tag.offset), k_max_section_depth));
        }
        deepest = std::max(deepest, depth);
      } else if (tag.kind == '/') {
        depth = std::max(0, depth - 1);
      }
    }
    const Prepared prepared = prepare(tmpl.source);
    {
      kainjow::mustache::mustache parsed{prepared.text};
      if (!parsed.is_valid()) {
        throw core::UserError(located_error(tmpl, parsed.error_message(), &prepared.origin) + own_template_note(tmpl));
      }
    }
    depth = 0;
    for (const Tag& tag : tags) {
      if (tag.kind == '#' || tag.kind == '^') {
        ++depth;
        continue;
      }
      if (tag.kind == '/') {
        depth = std::max(0, depth - 1);
        continue;
      }
      if (tag.kind == 'v') {
        continue;
      }
      const std::string& name = tag.name;
      const std::string where = fmt::format("{}:{}", tmpl.name, line_column(tmpl.source, tag.offset));
      const auto found = m_lookup ? m_lookup(name) : std::nullopt;
      if (!found) {
        throw core::UserError(fmt::format("template {}: {}", where, unknown_partial(name)));
      }
      for (const auto& outer : chain) {
        if (outer == found->name) {
          std::string cycle;
          for (const auto& c : chain) {
            cycle += c + " -> ";
          }
          throw core::UserError(
              fmt::format("template {}: partials include each other in a cycle: {}{}", where, cycle, found->name));
        }
      }
      if (chain.size() >= static_cast<std::size_t>(k_max_partial_depth)) {
        throw core::UserError(fmt::format("template {}: partials nest deeper than {} levels ({} -> ... -> {} -> {})",
                                          where, k_max_partial_depth, chain.front(), chain.back(), found->name));
      }
      int below = 0;
      if (auto known = m_depth.find(name); known != m_depth.end()) {
        below = known->second;  // checked before, with no cycle below it
      } else {
        chain.push_back(found->name);
        below = visit(*found, chain);
        chain.pop_back();
        m_depth.emplace(name, below);
        m_sources.emplace(name, partial_source(found->source));
      }
      if (depth + below > k_max_section_depth) {
        throw core::UserError(fmt::format("template {}: sections nest deeper than {} levels through partial \"{}\"",
                                          where, k_max_section_depth, name));
      }
      deepest = std::max(deepest, depth + below);
    }
    return deepest;
  }

  // Returns a note for the messages about a workspace template that replaces a built-in one,
  // so that the user knows which reports it breaks and how to get the built-in one back.
  static std::string own_template_note(const TemplateText& tmpl)
  {
    constexpr std::string_view k_own = "templates/";
    if (!starts_with(tmpl.name, k_own) || find_embedded("report/" + tmpl.name.substr(k_own.size())) == nullptr) {
      return {};
    }
    return " (this workspace template replaces the built-in one of the same name: only the reports that use it "
           "fail; fix it, or delete it to use the built-in one)";
  }

  std::map<std::string, int> m_depth;               // partial name -> deepest section nesting below it
  std::map<std::string, std::size_t> m_body_sizes;  // section name -> largest text between its tags
  const PartialLookup& m_lookup;
  std::map<std::string, Data> m_sources;
  std::map<std::pair<char, std::string>, std::string> m_where;  // (tag class, name) -> where it is first written
};

// A rendering context that takes partials from a PartialSet, never from the data, so that a
// data key and a partial may share a name ("raci").
class PartialContext final : public kainjow::mustache::context<std::string> {
public:
  PartialContext(const Data* root, PartialSet& partials) : context(root), m_partials(partials) {}

  // Counts every tag kainjow renders: a section over a list repeats its tags per item, so the
  // count bounds the time of a template whose output stays small.
  //
  // A section's text collects in kainjow's line buffer until the next line break, where the
  // output is counted; so each time a section is looked up, the most it can write before its
  // inner tags are looked up (its text, once per list item) is counted ahead.
  const Data* get(const std::string& name) const override
  {
    const std::size_t body = m_partials.body_size(name);
    m_last = {body > 0 ? 's' : 'v', name};
    if (++m_tags > k_max_tags) {
      throw OutputLimit(fmt::format("it renders more than {} tags (does a section repeat itself?)", k_max_tags));
    }
    const Data* value = context::get(name);
    if (body > 0) {
      const std::size_t times = value != nullptr && value->is_non_empty_list() ? value->list_value().size() : 1;
      charge(times * body);
    }
    return value;
  }
  // Counts the text of every partial rendered too: a partial's output sits in kainjow's line
  // buffer until the next line break, so partials that double each other on one line would
  // otherwise grow it unchecked.
  const Data* get_partial(const std::string& name) const override
  {
    m_last = {'>', name};
    const Data* partial = m_partials.get(name);
    if (++m_tags > k_max_tags) {
      throw OutputLimit(output_limit_message());
    }
    charge(partial->string_value().size());
    return partial;
  }

  // Returns where the tag last looked up is written ("NAME:LINE:COL") and the tag itself
  // ("{{> d2}}"), for a message
  // about the limits: the output passed them while that tag was rendered. nullopt before any.
  std::optional<std::pair<std::string, std::string>> last_tag() const
  {
    if (m_last.second.empty()) {
      return std::nullopt;
    }
    const auto where = m_partials.where(m_last.first, m_last.second);
    if (!where) {
      return std::nullopt;
    }
    const std::string tag = m_last.first == 's'   ? "{{#" + m_last.second + "}}"
                            : m_last.first == '>' ? "{{> " + m_last.second + "}}"
                                                  : "{{" + m_last.second + "}}";
    return std::make_pair(*where, tag);
  }

private:
  void charge(std::size_t bytes) const
  {
    m_text_bytes += bytes;
    if (m_text_bytes > k_max_output) {
      throw OutputLimit(output_limit_message());
    }
  }

  PartialSet& m_partials;
  mutable std::size_t m_tags = 0;
  mutable std::size_t m_text_bytes = 0;         // template text counted ahead (sections, partials)
  mutable std::pair<char, std::string> m_last;  // the tag last looked up: its class and name
};

// Renders `parsed` (a template named `name`) over `root` within the output limits.
std::string render_limited(kainjow::mustache::mustache& parsed, const std::string& name, const Data& root,
                           PartialSet& partials, const Escape& escape)
{
  PartialContext context(&root, partials);
  // Output is counted where it leaves kainjow line by line, and where variables are escaped
  // (a line collects in kainjow's buffer before it is written).
  std::size_t escaped = 0;
  parsed.set_custom_escape([&escape, &escaped](const std::string& text) {
    std::string out = escape(text);
    escaped += out.size();
    if (escaped > k_max_output) {
      throw OutputLimit(output_limit_message());
    }
    return out;
  });
  LimitedBuffer buffer;
  std::ostream out(&buffer);
  out.exceptions(std::ios::badbit);
  try {
    parsed.render(context, out);
  } catch (const OutputLimit& e) {
    // Located at the tag that was being rendered when the limit was passed (its first
    // occurrence in the template or the partial that holds it).
    if (const auto tag = context.last_tag()) {
      throw core::UserError(fmt::format("template {} ({}): {}", tag->first, tag->second, e.what()));
    }
    throw core::UserError(fmt::format("template {}: {}", name, e.what()));
  }
  if (!parsed.is_valid()) {
    throw core::UserError(fmt::format("template {}: {}", name, parsed.error_message()));
  }
  return std::move(buffer.text);
}

}  // namespace

std::string render_mustache(const std::string& source, const std::string& name, const nlohmann::json& data,
                            const Escape& escape)
{
  const PartialLookup none;
  PartialSet partials(none);
  partials.resolve_from(TemplateText{name, source});  // the limits; any partial is unknown here
  kainjow::mustache::mustache tmpl{source};
  if (!tmpl.is_valid()) {
    throw core::UserError(located_error(TemplateText{name, source}, tmpl.error_message()));
  }
  const Data root = convert(data);
  return render_limited(tmpl, name, root, partials, escape);
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
  std::string text = render_limited(parsed, tmpl.name, root, set, escape);
  text.erase(std::remove(text.begin(), text.end(), k_keep_line), text.end());
  return text;
}

}  // namespace handoff::support
