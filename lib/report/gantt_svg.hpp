#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "report/labels.hpp"

// The Gantt chart of the plan as inline SVG, drawn by handoff for the HTML (and so the PDF)
// report: the report's Markdown holds it as Mermaid source (what GitHub and GitLab draw), and
// the HTML replaces that source with this drawing.
namespace handoff::report {

// Returns the SVG of a Mermaid `gantt` chart as the plan template writes it (sections, tasks
// `LABEL :[done|active|crit|milestone, ]ID, START, END|0d`), or nullopt when `source` is not
// such a chart (another Mermaid chart, or a custom template's): that one stays source text.
std::optional<std::string> gantt_svg(std::string_view source, Language language);

}  // namespace handoff::report
