#include <algorithm>
#include <cctype>
#include <utility>

#include "rules/rule.hpp"
#include "support/text.hpp"

namespace handoff::rules {

void Context::report(model::Record record, core::Pos pos, core::Message message, std::vector<std::string> ids)
{
  core::Finding f;
  f.rule = std::string(m_rule->id);
  f.severity = m_rule->severity;
  f.gate = m_rule->gate;
  f.project = project.folder;
  f.file = project.file(record).path;
  f.pos = pos.line > 0 ? pos : core::Pos{1, 1};
  f.message = std::move(message.en);
  f.message_zh = std::move(message.zh);
  f.ids = std::move(ids);
  m_out.push_back(std::move(f));
}

void Context::report_as(core::Severity severity, model::Record record, core::Pos pos, core::Message message,
                        std::vector<std::string> ids)
{
  report(record, pos, std::move(message), std::move(ids));
  m_out.back().severity = severity;
}

void Context::report_config(core::Pos pos, core::Message message, std::vector<std::string> ids)
{
  core::Finding f;
  f.rule = std::string(m_rule->id);
  f.severity = m_rule->severity;
  f.gate = m_rule->gate;
  f.project = project.folder;
  f.file = config.file;
  f.pos = pos.line > 0 ? pos : core::Pos{1, 1};
  f.message = std::move(message.en);
  f.message_zh = std::move(message.zh);
  f.ids = std::move(ids);
  m_out.push_back(std::move(f));
}

std::vector<std::string> Context::roles_of(const std::string& person) const
{
  std::vector<std::string> roles;
  if (config.has_registry) {
    if (const model::Person* p = config.person(person)) {
      for (const auto& r : p->roles.items) {
        if (r.has()) {
          roles.push_back(*r);
        }
      }
    }
    return roles;
  }
  for (const auto& m : project.card.team) {
    if (m.person.has() && *m.person == person) {
      roles.push_back(m.role);
    }
  }
  return roles;
}

const forecast::Forecast* Context::forecast()
{
  if (reference == nullptr) {
    return nullptr;
  }
  if (!m_forecast) {
    forecast::Options options;
    options.min_class = config.min_class();
    options.today = today;
    m_forecast = forecast::make_forecast(forecast::sample_of(project), reference->closed(), options);
  }
  return &*m_forecast;
}

std::optional<forecast::Forecast> Context::take_forecast()
{
  if (forecast() == nullptr) {
    return std::nullopt;
  }
  return std::exchange(m_forecast, std::nullopt);
}

core::Pos Context::stage_pos() const
{
  if (project.card.stage_text.written) {
    return project.card.stage_text.pos;
  }
  return project.card.pos;
}

const std::vector<Rule>& catalogue()
{
  static const std::vector<Rule> k_rules = [] {
    std::vector<Rule> all;
    for (auto part : {schema_rules(), qualify_rules(), clarify_rules(), feasibility_rules(), handoff_rules(),
                      control_rules(), accept_rules(), close_rules(), signoff_rules(), payment_rules()}) {
      all.insert(all.end(), part.begin(), part.end());
    }
    std::sort(all.begin(), all.end(), [](const Rule& a, const Rule& b) { return a.id < b.id; });
    return all;
  }();
  return k_rules;
}

const Rule* find_rule(std::string_view id)
{
  std::string upper(id);
  for (auto& c : upper) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  for (const auto& rule : catalogue()) {
    if (rule.id == upper) {
      return &rule;
    }
  }
  return nullptr;
}

std::optional<std::string> suggest_rule(std::string_view id)
{
  std::vector<std::string> ids;
  for (const auto& rule : catalogue()) {
    ids.emplace_back(rule.id);
  }
  return support::did_you_mean(id, ids);
}

}  // namespace handoff::rules
