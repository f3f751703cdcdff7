"""Compares the shape of every built-in report in English and in zh-CN.

For every example project, every project report (and every presales visit report) and the
portfolio, in both audiences, the English and the zh-CN Markdown must have the same number
of headings, Mermaid charts, table rows and list items: a section, KPI row or chart that one
language has and the other lacks shows up here. Prints each report that differs.
"""
import json
import subprocess
import sys

examples = sys.argv[1]


def run(*args):
    return subprocess.run(["handoff", "-C", examples, *args], capture_output=True, text=True, check=True).stdout


def shape(markdown):
    lines = markdown.split("\n")
    return {
        "headings": sum(line.startswith("#") for line in lines),
        "charts": sum(line.startswith("```mermaid") for line in lines),
        "table rows": sum(line.startswith("|") for line in lines),
        "list items": sum(line.startswith("- ") for line in lines),
    }


projects = sorted(p["id"] for p in json.loads(run("status", "--format", "json"))["projects"])
jobs = [[p, "--template", t] for p in projects for t in ["brief", "feasibility", "plan", "changes", "status", "acceptance"]]
for p in projects:
    for activity in json.loads(run("report", p, "--format", "json"))["activities"]:
        jobs.append([p, "--template", "visit", "--activity", activity["id"]])
jobs.append(["--portfolio"])
differ = 0
for job in jobs:
    for audience in ["internal", "customer"]:
        who = ["--customer", "Cyberdyne Systems"] if job == ["--portfolio"] and audience == "customer" else []
        en = shape(run("report", *job, "--audience", audience, *who))
        zh = shape(run("report", *job, "--audience", audience, "--lang", "zh-CN", *who))
        if en != zh:
            differ += 1
            diffs = ", ".join(f"{k}: {en[k]} in English, {zh[k]} in zh-CN" for k in en if en[k] != zh[k])
            print(f"{' '.join(job)} ({audience}): {diffs}")
print(f"{2 * len(jobs)} reports compared in English and zh-CN, {differ} differ in shape")
