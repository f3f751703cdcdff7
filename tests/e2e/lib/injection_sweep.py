#!/usr/bin/env python3
"""Injection sweep (DESIGN §9.9, §10.9): a copy of the examples workspace whose every text
field, person id, e-mail, handle, project folder name and commit carries a hostile payload,
run through every text output and report in English and Chinese.

Each output must be valid UTF-8 with no raw control character (C0 but tab and newline, DEL,
C1, U+2028/U+2029, bidi overrides and isolates), no line that the payload started (a forged
`::error` workflow command, a Markdown heading, a code fence), balanced code fences and no
raw HTML in the Markdown reports; JSON must parse and JUnit XML must be well formed.

Usage: injection_sweep.py EXAMPLES WORKDIR   (handoff on PATH; prints a summary, exit 1 on
any problem)
"""
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import yaml

# What a line break in the payload is followed by: a raw line break would start a line with it.
STARTS = ["::error file=x,line=1::INJECTED", "# INJECTED", "```INJECTED", "<script>INJECTED", "::warning::INJECTED"]
PAYLOAD = (
    " \r\n" + STARTS[0] + "\n" + STARTS[1] + "\n" + STARTS[2] + "\n" + STARTS[3] + "\x85" + STARTS[4]
    + " \x1b]52;c;aW5qZWN0ZWQ=\x07 \x1b[2J \x07 \x00 \x7f \x9b31m \u202e \u2066 \u2028" + STARTS[0]
    + "\u2029 <script>alert(1)</script> \"] ``` | end"
)
# Folder names cannot hold NUL or '/'.
FOLDER = "-x\r\n" + STARTS[0] + "\n```\n" + STARTS[1] + "\x1b]52;c;aW5qZWN0ZWQ=\x07\x9b\u202e\u2028\"]<script>"
# Keys whose values are prose, names or lists of words.
TEXT_KEYS = {
    "acceptance", "activity", "answer", "channel", "conditions", "csat_followup", "customer", "customer_attendees",
    "description", "descripton", "evidence", "industry", "mitigation", "name", "next_steps", "note", "notes",
    "question", "reason", "requested_by", "retrospective", "signed_by", "source", "summary", "tags", "text",
    "title", "lesson", "lessons", "impact",
}
BAD_CHARS = re.compile("[\x00-\x08\x0a-\x1f\x7f\x80-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class Loader(yaml.SafeLoader):  # dates stay text: the examples hold an impossible one on purpose
    pass


class Dumper(yaml.SafeDumper):
    pass


for cls, base in ((Loader, yaml.SafeLoader), (Dumper, yaml.SafeDumper)):
    cls.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
        for k, v in base.yaml_implicit_resolvers.items()
    }
    cls.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile("^(?:true|false)$"), list("tf"))


def poison(node, key, renames):
    if isinstance(node, dict):
        return {poison(k, None, renames) if isinstance(k, str) and k in renames else k: poison(v, k, renames)
                for k, v in node.items()}
    if isinstance(node, list):
        return [poison(v, key, renames) for v in node]
    if isinstance(node, str):
        if node in renames:
            return renames[node]
        if key in TEXT_KEYS or key == "email":
            return node + PAYLOAD
    return node


def make_workspace(examples, ws):
    shutil.copytree(examples, ws)
    git(ws, "init", "-q")
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "examples")
    registry = yaml.load(open(os.path.join(ws, "handoff.yaml"), encoding="utf-8"), Loader)
    # Persons the project records name (owner, made_by, team...): the registry refuses such ids.
    people = {p["id"]: p["id"] + PAYLOAD for p in registry["people"]}
    renames = {}
    # An active project and a closed one of its reference class get hostile folder names (and ids).
    for project in ("acme-mes", "tyrell-mes"):
        renames[project] = project + FOLDER
        os.rename(os.path.join(ws, "projects", project), os.path.join(ws, "projects", renames[project]))
    for folder, _, files in os.walk(ws):
        for name in files:
            if name.endswith(".yaml") and ".git" not in folder:
                path = os.path.join(folder, name)
                data = yaml.load(open(path, encoding="utf-8"), Loader)
                data = poison(data, None, renames if name == "handoff.yaml" else {**people, **renames})
                with open(path, "w", encoding="utf-8") as out:
                    yaml.dump(data, out, Dumper=Dumper, allow_unicode=True, sort_keys=False)
    # A folder whose name is not UTF-8.
    shutil.copytree(os.path.join(ws, "projects", "globex-crm"), os.path.join(ws, "projects", os.fsdecode(b"bad\xffname")))
    git(ws, "add", "-A")
    git(ws, "-c", "user.name=Mallory" + PAYLOAD.replace("\x00", ""), "commit", "-qm",
        "records" + PAYLOAD.replace("\x00", ""))
    return renames


def git(ws, *args):
    subprocess.run(["git", "-C", ws, *args], check=True, capture_output=True)


def set_language(ws, language):
    path = os.path.join(ws, "handoff.yaml")
    data = yaml.load(open(path, encoding="utf-8"), Loader)
    data["language"] = language
    with open(path, "w", encoding="utf-8") as out:
        yaml.dump(data, out, Dumper=Dumper, allow_unicode=True, sort_keys=False)


def commands(renames):
    acme, tyrell = renames["acme-mes"], renames["tyrell-mes"]
    projects = [acme, tyrell, "cyberdyne-analytics", "umbrella-wms"]
    out = [["check", "--format", f] for f in ("text", "github", "junit", "sarif", "json")]
    out += [["status"], ["status", "--format", "json"], ["status", acme], ["todo"], ["todo", "--format", "json"],
            ["report", "--portfolio"], ["report", "--portfolio", "--format", "json"],
            ["status", "no-such" + FOLDER], ["todo", "--person", "nobody" + FOLDER]]
    for project in projects:
        out += [["forecast", project], ["forecast", project, "--format", "json"]]
        for template in ("brief", "feasibility", "plan", "changes", "status", "acceptance"):
            out.append(["report", project, "--template", template])
        out += [["report", project, "--audience", "customer"], ["report", project, "--format", "json"]]
    for project in (acme, "umbrella-wms"):
        out += [["log", project], ["log", project, "--format", "json"],
                ["diff", project, "HEAD~1"], ["diff", project, "HEAD~1", "--format", "json"]]
    out.append(["report", "cyberdyne-analytics", "--template", "visit", "--activity", "A-1"])
    return out


def problems_of(argv, text, stream):
    """Returns what is wrong with one output (stdout or stderr)."""
    found = []
    try:
        decoded = text.decode("utf-8")
    except UnicodeDecodeError as e:
        return [f"invalid UTF-8 at byte {e.start}"]
    bad = BAD_CHARS.findall(decoded.replace("\n", ""))
    if bad:
        found.append(f"{len(bad)} raw control characters ({', '.join(sorted({repr(c) for c in bad}))})")
    lines = decoded.split("\n")
    for line in lines:
        if any(line.lstrip().startswith(s) for s in STARTS):
            found.append(f"injected line: {line[:80]!r}")
    if stream == "stderr":
        pass
    elif "json" in argv or "sarif" in argv:
        try:
            json.loads(decoded)
        except ValueError as e:
            found.append(f"not JSON: {e}")
    elif "junit" in argv:
        try:
            ET.fromstring(text)
        except ET.ParseError as e:
            found.append(f"not XML: {e}")
    elif argv[0] == "report":
        fences = [line for line in lines if re.match(r"^ {0,3}(```|~~~)", line)]
        if len(fences) % 2 or any(f not in ("```", "```mermaid") for f in fences):
            found.append(f"code fences do not pair up: {fences}")
        inside = False
        for line in lines:
            if line in ("```", "```mermaid"):
                inside = not inside
            elif not inside and re.search(r"(?<!\\)<script", line):
                found.append(f"raw HTML: {line[:80]!r}")
    return found


def main():
    examples, work = sys.argv[1], sys.argv[2]
    ws = os.path.join(work, "ws")
    renames = make_workspace(examples, ws)
    env = dict(os.environ, NO_COLOR="1")
    runs = 0
    failures = []
    for language in ("en", "zh-CN"):
        set_language(ws, language)
        for argv in commands(renames):
            result = subprocess.run(["handoff", "-C", ws, *argv], capture_output=True, env=env, timeout=60)
            runs += 1
            if result.returncode == 3 or b"internal error" in result.stderr:
                failures.append((language, argv, f"exit {result.returncode}: {result.stderr[:200]!r}"))
            for stream, text in (("stdout", result.stdout), ("stderr", result.stderr)):
                for problem in problems_of(argv, text, stream):
                    failures.append((language, argv, f"{stream}: {problem}"))
    shown = lambda argv: " ".join(a.encode("unicode_escape").decode()[:40] for a in argv)
    for language, argv, problem in failures:
        print(f"[{language}] handoff {shown(argv)}: {problem}")
    print(f"{runs} runs in en and zh-CN: {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
