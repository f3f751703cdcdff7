// Gate `clarify`.
#include "rules/rule.hpp"

namespace handoff::rules {

std::vector<Rule> clarify_rules()
{
  return {};
}

}  // namespace handoff::rules
