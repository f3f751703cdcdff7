// Gate `qualify`.
#include "rules/rule.hpp"

namespace handoff::rules {

std::vector<Rule> qualify_rules()
{
  return {};
}

}  // namespace handoff::rules
