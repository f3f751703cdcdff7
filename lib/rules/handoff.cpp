// Gate `handoff`.
#include "rules/rule.hpp"

namespace handoff::rules {

std::vector<Rule> handoff_rules()
{
  return {};
}

}  // namespace handoff::rules
