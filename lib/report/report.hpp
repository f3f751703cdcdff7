#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include "core/error.hpp"
#include "report/data.hpp"
#include "report/labels.hpp"
#include "support/parallel.hpp"
#include "workspace/workspace.hpp"

// `handoff report`: takes the projects from the workspace's one evaluation (the same findings
// and gates as `check`, git history included), builds the template data and renders it.
namespace handoff::report {

// A template name that resolves to nothing, or a template used for the wrong kind of report.
class TemplateError : public core::UserError {
public:
  using core::UserError::UserError;
};

// What `handoff report` renders, for whom and how.
struct ReportOptions {
  std::string template_spec;         // a name, a file (see is_template_path), or empty for the default
  std::optional<Audience> audience;  // unset: the report's default (default_audience)
  support::Date today;
  Language language = Language::en;  // of the built-in templates and the labels (add_labels)
  bool json = false;                 // print the template's data instead of rendering it
  support::Parallelism parallelism;  // threads that load and check the projects of a portfolio
  std::string activity;              // the presales activity of the `visit` report (--activity)
  std::string customer;              // the portfolio: only this customer's projects (--customer); empty: all
};

// Returns the report on project `id` (which must exist): the Markdown document, or with
// options.json the data the template would receive. Throws TemplateError for an unknown
// template, core::UserError for a missing or unknown --activity (the `visit` report needs
// one), and std::runtime_error for a template that cannot be read or rendered.
std::string project_report(const workspace::Workspace& ws, const std::string& id, const ReportOptions& options);

// Returns the portfolio report over every project (with options.customer, the projects whose
// customer.name is that name, ignoring case), like project_report. The customer audience needs
// options.customer (core::UserError without it, or when no project has that customer). Projects are loaded
// and checked on options.parallelism's threads and dropped once their entry is built; the
// output does not depend on the number of threads.
std::string portfolio_report(const workspace::Workspace& ws, const ReportOptions& options);

}  // namespace handoff::report
