// Gate `feasibility`.
#include "rules/rule.hpp"

namespace handoff::rules {

std::vector<Rule> feasibility_rules()
{
  return {};
}

}  // namespace handoff::rules
