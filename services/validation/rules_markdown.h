// docs/rules.md, generated from the rule declarations (rule.h) so that the
// documentation cannot drift from the code. `nianbao-rules-doc` prints it;
// rules_markdown_test fails when the checked-in file is stale.
#ifndef NIANBAO_SERVICES_VALIDATION_RULES_MARKDOWN_H_
#define NIANBAO_SERVICES_VALIDATION_RULES_MARKDOWN_H_

#include <string>

namespace nianbao::validation {

std::string RulesMarkdown();

}  // namespace nianbao::validation

#endif  // NIANBAO_SERVICES_VALIDATION_RULES_MARKDOWN_H_
