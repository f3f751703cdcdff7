// Gate `control`.
#include "rules/rule.hpp"

namespace handoff::rules {

std::vector<Rule> control_rules()
{
  return {};
}

}  // namespace handoff::rules
