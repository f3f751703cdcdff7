// Gate `accept`.
#include "rules/rule.hpp"

namespace handoff::rules {

std::vector<Rule> accept_rules()
{
  return {};
}

}  // namespace handoff::rules
