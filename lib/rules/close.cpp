// Gate `close`.
#include "rules/rule.hpp"

namespace handoff::rules {

std::vector<Rule> close_rules()
{
  return {};
}

}  // namespace handoff::rules
