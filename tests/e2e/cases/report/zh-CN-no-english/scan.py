"""Scans zh-CN reports for English left outside ids and user text.

For each report, the data the template saw (`--format json`) says which strings are user
text or ids: every string value except the codes (a key with a `_label` companion, whose
words the template must print through the label) and the labels themselves. Those strings
are cut out of the rendered Markdown, with the Mermaid keywords, rule ids, record file names,
code spans (commands such as `handoff forecast ID`, record fields)
and the RACI letters (the currency is the record's own code, so it counts as user text); any ASCII word of two letters or more that is left is English the templates or the
data code produced, and is printed with its report and line.
"""
import json
import re
import subprocess
import sys

examples = sys.argv[1]
MERMAID = {"mermaid", "gantt", "title", "dateFormat", "YYYY", "MM", "DD", "axisFormat", "todayMarker", "off",
           "section", "milestone", "pie", "done", "active", "crit", "after", "xychart", "beta", "axis", "bar"}


def run(*args):
    return subprocess.run(["handoff", "-C", examples, *args], capture_output=True, text=True, check=True).stdout


def allow(text, out):
    # The whole text, and each of its lines: a block of user text keeps its line breaks.
    out.add(" ".join(text.split()))
    for line in text.splitlines():
        out.add(" ".join(line.split()))


def allowed_strings(value, out):
    if isinstance(value, dict):
        for key, item in value.items():
            # health.reason is English made by the data code; outcome.reason is user text
            if key.endswith("_label") or key.endswith("_labels") or (key == "reason" and "verdict" in value):
                continue
            if isinstance(item, str):
                if key + "_label" not in value or key == "currency":  # the record's currency code is user text
                    allow(item, out)
            else:
                allowed_strings(item, out)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, str):
                allow(item, out)
            else:
                allowed_strings(item, out)


def leftovers(markdown, allowed):
    text = re.sub(r"\\(.)", r"\1", markdown)  # Markdown escapes
    text = re.sub(r"[A-Za-z0-9_./-]+\.yaml\b", " ", text)  # record file paths
    text = re.sub(r"`[^`\n]+`", " ", text)  # code spans: commands and record fields
    for s in sorted((s for s in allowed if s), key=len, reverse=True):
        text = text.replace(s, " ")
    found = []
    in_mermaid = False
    for number, line in enumerate(text.split("\n"), 1):
        if line.startswith("```"):
            in_mermaid = line.startswith("```mermaid")
            continue
        for word in re.findall(r"[A-Za-z][A-Za-z0-9]*", line):
            if len(re.sub(r"[0-9]", "", word)) < 2 or (in_mermaid and word in MERMAID):
                continue
            if re.fullmatch(r"HF\d+", word) or word == "RACI":
                continue
            found.append((number, word))
    return found


projects = sorted(json.loads(run("status", "--format", "json"))["projects"], key=lambda p: p["id"])
documents = 0
problems = 0
jobs = [(p["id"], t, []) for p in projects for t in ["brief", "feasibility", "plan", "changes", "status"]]
for p in projects:  # the visit summary of every presales activity
    for activity in json.loads(run("report", p["id"], "--format", "json"))["activities"]:
        jobs.append((p["id"], "visit", ["--activity", activity["id"]]))
jobs.append((None, "portfolio", []))
for project, template, extra in jobs:
    for audience in ["internal", "customer"]:
        base = ["report", project, "--template", template, *extra] if project else ["report", "--portfolio"]
        base += ["--lang", "zh-CN", "--audience", audience]
        if not project and audience == "customer":  # one customer's projects
            base += ["--customer", "Cyberdyne Systems"]
        markdown = run(*base)
        allowed = set()
        allowed_strings(json.loads(run(*base, "--format", "json")), allowed)
        documents += 1
        for number, word in leftovers(markdown, allowed):
            problems += 1
            print(f"{project or 'portfolio'} {template} {audience}: line {number}: {word!r}")
print(f"{documents} zh-CN reports scanned, {problems} English words outside ids and user text")
