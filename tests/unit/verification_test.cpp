#include <doctest/doctest.h>

#include <string>

#include "report/document.hpp"
#include "report/gantt_svg.hpp"
#include "report/html.hpp"
#include "report/pdf.hpp"
#include "report/verification.hpp"

// The verification block as the documents carry it: written into HTML and PDF metadata and
// read back unchanged, whatever the text holds (Chinese names, quotes, markup).
namespace {

namespace report = handoff::report;

report::Verification sample()
{
  report::Verification v;
  v.generated = "2026-11-20";
  v.commit = "0123456789ab";
  v.config = "sha256:aa";
  report::ProjectStamp p;
  p.id = "acme-mes";
  p.name = "ACME \"MES\" <rollout> 苏州 & co";
  p.stage = "delivery";
  p.baseline = "sha256:bb";
  p.signoffs.push_back({"sales", "li.wei", "李伟", "2026-10-05"});
  p.records["plan.yaml"] = "sha256:cc";
  p.parts["plan.yaml"]["milestones M1"] = "0011223344556677";
  p.content = "sha256:dd";
  v.projects.push_back(p);
  return v;
}

void require_same(const report::Verification& a, const report::Verification& b)
{
  CHECK(report::verification_json(a) == report::verification_json(b));
}

// A minimal PDF with a classic cross-reference table, as Chromium writes them.
const std::string k_classic_pdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                                  "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
                                  "xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n"
                                  "trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n110\n%%EOF\n";

}  // namespace

TEST_CASE("verification: the JSON reads back as written")
{
  const report::Verification v = sample();
  const auto read = report::parse_verification(report::verification_json(v));
  REQUIRE(read.has_value());
  require_same(*read, v);
  CHECK_FALSE(report::parse_verification("{\"handoff_verification\": 2, \"projects\": []}").has_value());
  CHECK_FALSE(report::parse_verification("not json").has_value());
  CHECK_FALSE(report::parse_verification("{\"handoff_verification\": 1, \"projects\": [{}]}").has_value());
}

TEST_CASE("verification: the HTML document carries it in a meta element")
{
  const report::Verification v = sample();
  const std::string html = report::html_document("# Plan\n\ntext\n", report::Language::zh_cn, &v);
  CHECK(report::document_kind(html) == report::DocumentKind::html);
  const auto json = report::embedded_verification(html, report::DocumentKind::html);
  REQUIRE(json.has_value());
  const auto read = report::parse_verification(*json);
  REQUIRE(read.has_value());
  require_same(*read, v);
  CHECK(html.find("<h2>文档校验信息</h2>") != std::string::npos);
  CHECK(html.find("<td>acme-mes — ACME &quot;MES&quot; &lt;rollout&gt; 苏州 &amp; co</td>") != std::string::npos);
  CHECK_FALSE(
      report::embedded_verification(report::html_document("# Plan\n", report::Language::en), report::DocumentKind::html)
          .has_value());
}

TEST_CASE("verification: a PDF's incremental update carries it in the document information")
{
  const report::Verification v = sample();
  CHECK(k_classic_pdf.compare(110, 4, "xref") == 0);
  const std::string pdf = report::add_pdf_metadata(k_classic_pdf, "项目计划", v);
  CHECK(pdf.compare(0, k_classic_pdf.size(), k_classic_pdf) == 0);  // appended, never rewritten
  CHECK(pdf.find("trailer\n<< /Size 4 /Root 1 0 R /Info 3 0 R /Prev 110 >>") != std::string::npos);
  CHECK(pdf.find("/Title <FEFF987976EE8BA15212>") != std::string::npos);
  CHECK(report::document_kind(pdf) == report::DocumentKind::pdf);
  const auto json = report::embedded_verification(pdf, report::DocumentKind::pdf);
  REQUIRE(json.has_value());
  require_same(*report::parse_verification(*json), v);
  // The xref offset the update names is where its table starts.
  const std::size_t xref = pdf.rfind("xref\n3 1\n");
  CHECK(pdf.find("startxref\n" + std::to_string(xref) + "\n%%EOF") != std::string::npos);
  // A second update (the document printed again) wins: readers apply the last one.
  report::Verification later = v;
  later.generated = "2026-12-01";
  const std::string again = report::add_pdf_metadata(pdf, "项目计划", later);
  require_same(*report::parse_verification(*report::embedded_verification(again, report::DocumentKind::pdf)), later);
}

TEST_CASE("verification: a PDF with a cross-reference stream gets a stream in its update")
{
  const std::string pdf = "%PDF-1.5\n5 0 obj\n<< /Type /XRef /Size 6 /Root 1 0 R /W [1 2 1] >>\nstream\n"
                          "\nendstream\nendobj\nstartxref\n9\n%%EOF\n";
  const std::string out = report::add_pdf_metadata(pdf, "Plan", sample());
  CHECK(out.find("7 0 obj\n<< /Type /XRef /Size 8 /Root 1 0 R /Info 6 0 R /Prev 9 /W [1 4 2] /Index [6 2]")
        != std::string::npos);
  REQUIRE(report::embedded_verification(out, report::DocumentKind::pdf).has_value());
  CHECK_THROWS_WITH(report::add_pdf_metadata("%PDF-1.4\nno xref\n", "Plan", sample()),
                    "the PDF Chromium wrote has no cross-reference section handoff can update");
}

TEST_CASE("gantt_svg: the plan's Mermaid Gantt chart is drawn; other charts are not")
{
  const std::string source = "gantt\n    title ACME <MES> & co\n    dateFormat YYYY-MM-DD\n    axisFormat %Y-%m-%d\n"
                             "    todayMarker off\n    section Milestones\n"
                             "    M1 Kickoff :done, m1, 2026-10-08, 2026-10-16\n"
                             "    M2 需求蓝图 :active, crit, m2, 2026-10-16, 2026-11-13\n"
                             "    M3 Test :milestone, m3, 2026-12-01, 0d\n";
  const auto svg = report::gantt_svg(source, report::Language::zh_cn);
  REQUIRE(svg.has_value());
  CHECK(svg->find("<text x=\"0\" y=\"16\" class=\"g-title\">ACME &lt;MES&gt; &amp; co</text>") != std::string::npos);
  CHECK(svg->find("<g class=\"g-task g-done\"><title>M1 Kickoff (已完成: 2026-10-08 – 2026-10-16)</title>")
        != std::string::npos);
  CHECK(svg->find("<g class=\"g-task g-crit\"><title>M2 需求蓝图") != std::string::npos);
  CHECK(svg->find("2026年10月") != std::string::npos);
  CHECK(svg->find("<polygon") != std::string::npos);
  CHECK_FALSE(report::gantt_svg("pie\n    \"a\" : 1\n", report::Language::en).has_value());
  CHECK_FALSE(report::gantt_svg("gantt\n    A :after m1, 3d\n", report::Language::en).has_value());
  CHECK_FALSE(report::gantt_svg("gantt\n    title nothing\n", report::Language::en).has_value());
  // In the HTML document the chart replaces the source; the note stays for other charts.
  const std::string html = report::html_document(
      "# Plan\n\n```mermaid\n" + source + "```\n\n```mermaid\npie\n    \"a\" : 1\n```\n", report::Language::en);
  CHECK(html.find("<figure class=\"chart\">\n<svg") != std::string::npos);
  CHECK(html.find("language-mermaid\">gantt") == std::string::npos);
  CHECK(html.find("<p class=\"chart-note\">") != std::string::npos);
  CHECK(html.find("<pre class=\"mermaid-source\"><code class=\"language-mermaid\">pie") != std::string::npos);
}
