#!/usr/bin/env python3
"""Differential test: every command judges a project the same way.

From the example workspace, builds seeded variants, each a copy of one example project with
one field changed (a date, a status, a score, the stage, the outcome, a sign-off entry, an
approval), all side by side in one workspace. Then runs `check`, `check --next`, `status`,
`advance --dry-run`, the report of each project (its health and gate lines), `todo` and the
portfolio, and fails on any disagreement about a project's findings, readiness or facts.
Last, it advances every project that was said to be ready and checks it again: a project that
was ready must not fail a gate of the stage it moved to.

Usage: run.py HANDOFF_BIN [--variants N] [--seed S]
A failing variant is named with its seed: `run.py BIN --variants 1 --seed SEED` rebuilds it.
"""

import argparse
import concurrent.futures
import copy
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

STAGES = ["opportunity", "presales", "contracted", "handoff", "delivery", "acceptance", "closed"]
TODAY = "2026-11-20"
HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "..", "examples")


class Dumper(yaml.SafeDumper):
    pass


def date_repr(dumper, value):
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


Dumper.add_representer(__import__("datetime").date, date_repr)


class Loader(yaml.SafeLoader):
    pass


def tolerant_timestamp(loader, node):
    """A date the records get wrong on purpose (2026-02-30) stays the text it is."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


Loader.add_constructor("tag:yaml.org,2002:timestamp", tolerant_timestamp)


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=Loader)


def dump(path, data):
    with open(path, "w", encoding="utf-8") as f:
        yaml.dump(data, f, Dumper=Dumper, allow_unicode=True, sort_keys=False)


def shift(value, days):
    import datetime

    if isinstance(value, datetime.date):
        return value + datetime.timedelta(days=days)
    return value


def leaves(node, path=()):
    """Yields (path, value) for every scalar in a YAML document."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from leaves(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from leaves(v, path + (i,))
    else:
        yield path, node


def set_at(node, path, value):
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = value


STATUS_VALUES = {
    "status": ["planned", "in_progress", "done", "accepted", "open", "closed", "mitigated", "occurred",
               "proposed", "assessed", "approved", "rejected", "implemented", "confirmed", "draft", "answered"],
    "priority": ["must", "should", "could", "wont"],
    "verdict": ["standard", "configuration", "customization", "infeasible"],
    "recommendation": ["go", "go_with_conditions", "no_go"],
    "classification": ["in_scope", "out_of_scope", "value_added"],
    "result": ["passed", "failed", "waived"],
    "role": ["sales", "implementation", "customer", "pm"],
}


def mutate(rng, project_dir):
    """Changes one field of one record of the project at `project_dir`; returns what changed."""
    import datetime

    kinds = ["date", "status", "score", "stage", "outcome", "signoff", "approval"]
    kind = rng.choice(kinds)
    records = sorted(f for f in os.listdir(project_dir) if f.endswith(".yaml"))
    if kind == "stage":
        path = os.path.join(project_dir, "project.yaml")
        data = load(path)
        data["stage"] = rng.choice(STAGES)
        dump(path, data)
        return f"project.yaml stage: {data['stage']}"
    if kind == "outcome":
        path = os.path.join(project_dir, "project.yaml")
        data = load(path)
        if "outcome" in data and rng.random() < 0.5:
            del data["outcome"]
            dump(path, data)
            return "project.yaml outcome: removed"
        status = rng.choice(["lost", "no_go", "cancelled"])
        data["outcome"] = {"status": status, "date": datetime.date(2026, 10, rng.randint(1, 30)),
                           "reason": "seeded variant"}
        if rng.random() < 0.3:
            del data["outcome"][rng.choice(["status", "date", "reason"])]
        dump(path, data)
        return f"project.yaml outcome: {data['outcome']}"
    if kind == "signoff":
        path = os.path.join(project_dir, "signoffs.yaml")
        if not os.path.exists(path):
            kind = "date"
        else:
            data = load(path)
            entries = data.get("signoffs") or []
            if not entries:
                kind = "date"
            else:
                i = rng.randrange(len(entries))
                choice = rng.choice(["drop", "role", "date", "person"])
                if choice == "drop":
                    del entries[i]
                elif choice == "role":
                    entries[i]["role"] = rng.choice(["sales", "implementation"])
                elif choice == "date":
                    entries[i]["date"] = shift(entries[i].get("date"), rng.randint(-30, 30))
                else:
                    entries[i]["person"] = rng.choice(["li.wei", "zhang.min", "chen.jie", "nobody"])
                dump(path, data)
                return f"signoffs.yaml entry {i}: {choice}"
    if kind == "approval":
        path = os.path.join(project_dir, "changes.yaml")
        data = load(path) if os.path.exists(path) else None
        changes = (data or {}).get("changes") or []
        if not changes:
            kind = "status"
        else:
            c = rng.choice(changes)
            approvals = c.setdefault("approvals", []) or []
            c["approvals"] = approvals
            if approvals and rng.random() < 0.5:
                del approvals[rng.randrange(len(approvals))]
                what = "removed"
            else:
                approvals.append({"role": rng.choice(["sales", "implementation", "customer"]),
                                  "by": rng.choice(["li.wei", "zhang.min", "Wang Fang"]),
                                  "date": datetime.date(2026, 11, rng.randint(1, 28))})
                what = "added"
            dump(path, data)
            return f"changes.yaml {c.get('id')}: approval {what}"
    # date, status, score: one scalar of one record.
    rng.shuffle(records)
    for name in records:
        path = os.path.join(project_dir, name)
        data = load(path)
        if data is None:
            continue
        found = []
        for p, v in leaves(data):
            key = p[-1] if p else None
            if kind == "date" and isinstance(v, datetime.date):
                found.append((p, v))
            elif kind == "status" and isinstance(key, str) and key in STATUS_VALUES:
                found.append((p, v))
            elif kind == "score" and key in ("probability", "impact", "csat", "duration_weeks", "effort_days",
                                              "schedule_days", "value", "price"):
                found.append((p, v))
        if not found:
            continue
        p, v = rng.choice(found)
        key = p[-1]
        if kind == "date":
            new = shift(v, rng.choice([-400, -60, -14, -1, 1, 14, 60, 400]))
        elif kind == "status":
            new = rng.choice(STATUS_VALUES[key])
        else:
            new = rng.choice([0, 1, 3, 5, 26.05, 120]) if key not in ("probability", "impact", "csat") \
                else rng.randint(1, 5)
        set_at(data, p, new)
        dump(path, data)
        return f"{name} {'.'.join(map(str, p))}: {v} -> {new}"
    return "nothing changed"


def run(bin_path, ws, *args):
    env = dict(os.environ, HANDOFF_TODAY=TODAY, NO_COLOR="1", LANG="C.UTF-8")
    r = subprocess.run([bin_path, "-C", ws, *args], capture_output=True, text=True, env=env, check=False)
    if r.returncode not in (0, 1):
        raise RuntimeError(f"handoff {' '.join(args)} exited {r.returncode}: {r.stderr}")
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--variants", type=int, default=500)
    ap.add_argument("--seed", type=int, default=20261120)
    ap.add_argument("--keep", action="store_true", help="keep the workspace and print where it is")
    args = ap.parse_args()
    bin_path = os.path.abspath(args.bin)

    failures = []
    total_ready = 0
    group = 40  # variants per workspace: a report reads every closed project of its workspace
    for first in range(0, args.variants, group):
        count = min(group, args.variants - first)
        ready = check_group(bin_path, args.seed + first, count, failures, args.keep)
        total_ready += ready
    print(f"{args.variants} variants (seeds {args.seed}..{args.seed + args.variants - 1}) of the example projects, "
          f"in workspaces of up to {group}; {total_ready} were ready and advanced")
    if failures:
        for f in failures[:50]:
            print("FAIL " + f)
        print(f"{len(failures)} disagreements")
        return 1
    return 0


def check_group(bin_path, first_seed, count, failures, keep):
    """Builds one workspace of `count` variants from `first_seed` on, runs every command and
    appends each disagreement to `failures`. Returns how many projects were ready."""
    tmp = tempfile.mkdtemp(prefix="handoff-diff-")
    ws = os.path.join(tmp, "ws")
    shutil.copytree(EXAMPLES, ws)
    base = sorted(os.listdir(os.path.join(ws, "projects")))
    seeds = {}  # variant project id -> (seed, what changed)
    for n in range(count):
        seed = first_seed + n
        rng = random.Random(seed)
        origin = rng.choice(base)
        vid = f"v{seed}-{origin}"
        vdir = os.path.join(ws, "projects", vid)
        shutil.copytree(os.path.join(ws, "projects", origin), vdir)
        # The variant's folder is its id; what follows it keeps following the original.
        card = load(os.path.join(vdir, "project.yaml"))
        card["id"] = vid
        dump(os.path.join(vdir, "project.yaml"), card)
        seeds[vid] = (seed, mutate(rng, vdir))
    ids = sorted(os.listdir(os.path.join(ws, "projects")))

    def fail(pid, message):
        seed, what = seeds.get(pid, (None, "the example itself"))
        failures.append(f"{pid} (seed {seed}: {what}): {message}")

    check = json.loads(run(bin_path, ws, "check", "--format", "json").stdout)
    check_next = json.loads(run(bin_path, ws, "check", "--next", "--format", "json").stdout)
    next_text = run(bin_path, ws, "check", "--next").stdout
    status = json.loads(run(bin_path, ws, "status", "--format", "json").stdout)
    portfolio = json.loads(run(bin_path, ws, "report", "--portfolio", "--format", "json").stdout)
    todo = json.loads(run(bin_path, ws, "todo", "--format", "json").stdout)

    def with_findings(doc):
        out = {p["id"]: dict(p, findings=[]) for p in doc["projects"]}
        for f in doc["findings"]:
            if f["project"] in out:
                out[f["project"]]["findings"].append(f)
        return out

    by_check = with_findings(check)
    by_next = with_findings(check_next)
    by_status = {p["id"]: p for p in status["projects"]}
    by_portfolio = {p["id"]: p for p in portfolio["projects"]}
    next_lines = {}
    for line in next_text.splitlines():
        m = re.match(r"^(\S+): (ready to move|not ready)", line)
        if m:
            next_lines[m.group(1)] = m.group(2) == "ready to move"

    def per_project(pid):
        dry = run(bin_path, ws, "advance", pid, "--dry-run")
        report = json.loads(run(bin_path, ws, "report", pid, "--template", "status", "--format", "json").stdout)
        fc = {}
        if pid not in seeds or seeds[pid][0] % 4 == 0:  # it reads every closed project: a sample
            fc = json.loads(run(bin_path, ws, "forecast", pid, "--format", "json").stdout)
        return pid, dry.returncode, report, fc

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        singles = {pid: (rc, rep, fc) for pid, rc, rep, fc in pool.map(per_project, ids)}

    def counts(findings):
        e = sum(1 for f in findings if f["severity"] == "error")
        return e, sum(1 for f in findings if f["severity"] == "warning")

    ready_ids = []
    for pid in ids:
        c, nx, st, pf = by_check[pid], by_next[pid], by_status[pid], by_portfolio[pid]
        rc, rep, fc = singles[pid]
        stage = c["stage"]
        card = rep.get("project", {})
        # Findings: check, status, the portfolio's health and the report's health agree.
        errors, warnings = counts(c["findings"])
        failing = sorted(g["gate"] for g in c["gates"] if g["status"] == "fail")
        for name, e, w in (("status", st["errors"], st["warnings"]),
                           ("portfolio health", pf["health"]["errors"], pf["health"]["warnings"]),
                           ("report health", rep["health"]["errors"], rep["health"]["warnings"])):
            if (e, w) != (errors, warnings):
                fail(pid, f"check has {errors} errors, {warnings} warnings; {name} {e}, {w}")
        if sorted(st["failing_gates"]) != failing:
            fail(pid, f"failing gates: check {failing}, status {st['failing_gates']}")
        if sorted(pf["failing_gates"]) != failing:
            fail(pid, f"failing gates: check {failing}, portfolio {pf['failing_gates']}")
        health = "off track" if errors else "at risk" if warnings else None
        if health and rep["health"]["verdict"] != health:
            fail(pid, f"report health {rep['health']['verdict']} with {errors} errors, {warnings} warnings")
        # Readiness: one verdict.
        ready_for = {c["ready_for"], st["ready_for"], pf["ready_for"], card.get("ready_for")}
        if len(ready_for) != 1:
            fail(pid, f"ready_for differs: check {c['ready_for']}, status {st['ready_for']}, "
                      f"portfolio {pf['ready_for']}, report {card.get('ready_for')}")
        rf = c["ready_for"]
        inactive = st.get("outcome") is not None
        if (stage == "closed" or inactive) and rf is not None:
            fail(pid, f"a {'closed' if stage == 'closed' else 'inactive'} project is ready for {rf}")
        ready = pid in next_lines and next_lines[pid]
        if pid not in next_lines:
            fail(pid, "check --next says nothing about readiness")
        if ready != (rc == 0):
            fail(pid, f"check --next says {'ready' if ready else 'not ready'}, advance --dry-run exits {rc}")
        by_stage = stage is not None and rf is not None and STAGES.index(rf) > STAGES.index(stage)
        if ready != by_stage:
            fail(pid, f"check --next says {'ready' if ready else 'not ready'}, ready_for is {rf} at {stage}")
        next_errors, _ = counts(nx["findings"])
        if ready and next_errors:
            fail(pid, f"ready, but check --next reports {next_errors} errors")
        if stage not in (None, "closed") and not inactive and not ready and next_errors == 0:
            fail(pid, "not ready, but check --next reports no error")
        # Facts: the top risk and the estimated go-live.
        top = st["top_risk"]["id"] if st["top_risk"] else None
        risks = rep.get("status", {}).get("top_risks") or []
        rep_top = risks[0]["id"] if risks and risks[0].get("score") is not None else None
        if top != rep_top:
            fail(pid, f"top risk: status {top}, status report {rep_top}")
        est = (rep.get("feasibility") or {}).get("promise", {}).get("estimated_go_live")
        fc_est = fc.get("schedule", {}).get("estimate_date")
        if est != fc_est and fc_est is not None:
            fail(pid, f"estimated go-live: report {est}, forecast {fc_est}")
        if ready:
            ready_ids.append((pid, STAGES[STAGES.index(stage) + 1]))
    # todo: nothing waits in a closed or inactive project; a finding it names is one check reports.
    for item in todo["items"]:
        pid = item["project"]
        st = by_status[pid]
        if st["stage"] == "closed" or st.get("outcome") is not None:
            fail(pid, f"todo lists {item['kind']} of a project that is ready for nothing")
        rules = {f["rule"] for f in by_check[pid]["findings"]}
        for rule in re.findall(r"\((HF\d{3})\)", item["message"]):
            if rule not in rules:
                fail(pid, f"todo names {rule}, which check does not report: {item['message']}")

    # A project said to be ready moves, and then passes the gates of the stage it moved to.
    for pid, to in ready_ids:
        if run(bin_path, ws, "advance", pid).returncode != 0:
            fail(pid, "ready, but advance refuses")
    if ready_ids:
        after = with_findings(json.loads(run(bin_path, ws, "check", *[p for p, _ in ready_ids], "--format",
                                             "json").stdout))
        for p in after.values():
            e, _ = counts(p["findings"])
            if e:
                rules = sorted({f["rule"] for f in p["findings"] if f["severity"] == "error"})
                fail(p["id"], f"was ready, moved, and now fails: {', '.join(rules)}")

    if keep:
        print(f"workspace kept in {ws}")
    else:
        shutil.rmtree(tmp)
    return len(ready_ids)


if __name__ == "__main__":
    sys.exit(main())
