#!/usr/bin/env python3
"""Generate a realistic handoff workspace for the benchmark.

Usage: generate.py OUT_DIR N [--seed S] [--defects FRACTION] [--acceptance-results K]
                   [--closed-copies M]

Each project has about 30 requirements, their feasibility assessments, 8 milestones, a RACI of
6 activities, 10 risks and 10 change requests: about 25 KB of YAML. A fraction of projects
(default 0.2) carry defects a user would make: a missing acceptance criterion, a reference to
an unknown id, a duplicate id, a promise later than the estimate, a wrong date, a vague
criterion and, rarely, a YAML syntax error.

With --acceptance-results K, the first project also gets an acceptance.yaml of K results (the
`diff` scenario of run.py: K results, every tenth requirement failed once and retested).

With --closed-copies M, M closed projects follow the N generated ones (folders
c00000-close, c00001-close, ...), each holding only a copy of the project card and feasibility
report of the first generated closed project under its own id: the workspace of "one project
beside many closed ones" (HF308 reads the reference class; see RESULTS.md).

The output is a function of (seed, project index) only: project 42 is the same file whatever N
is, on any machine and any Python 3 version (string seeds are hashed with SHA-512).
"""

import argparse
import datetime
import os
import random
import sys

PEOPLE = [
    ("li.wei", "Li Wei", ["sales"]),
    ("sarah.miller", "Sarah Miller", ["sales"]),
    ("chen.jie", "Chen Jie", ["presales"]),
    ("david.novak", "David Novak", ["presales", "implementation"]),
    ("zhang.min", "Zhang Min", ["implementation"]),
    ("wang.lei", "Wang Lei", ["pm", "implementation"]),
    ("emma.schmidt", "Emma Schmidt", ["pm"]),
    ("liu.yang", "Liu Yang", ["product"]),
]
SALES = ["li.wei", "sarah.miller"]
PRESALES = ["chen.jie", "david.novak"]
IMPL = ["zhang.min", "wang.lei", "david.novak"]
PM = ["wang.lei", "emma.schmidt"]

# Stages weighted so that most projects run most gates.
STAGES = [("contracted", 10), ("handoff", 15), ("delivery", 55), ("acceptance", 12), ("closed", 8)]

NOUNS = ["production order", "batch", "work centre", "inspection lot", "customer invoice", "sales lead",
         "purchase requisition", "warehouse bin", "shipment", "maintenance order", "price list", "contract",
         "service ticket", "material master", "routing", "quality notification", "label", "pallet"]
VERBS = ["tracks", "releases", "reconciles", "approves", "imports", "exports", "prints", "schedules",
         "archives", "reports", "escalates", "validates"]
SYSTEMS = ["SAP ECC", "SAP S/4HANA", "Oracle EBS", "Salesforce", "Dynamics 365", "the legacy Access tool",
           "the PLC gateway", "the label printers", "the customer portal", "the data warehouse"]
INDUSTRIES = ["manufacturing", "retail", "logistics", "utilities", "healthcare", "banking"]
CONTACTS = ["Wang Fang", "Zhou Hao", "Sun Li", "Maria Garcia", "John Smith", "Anna Kowalski",
            "Kenji Sato", "Laura Chen", "Peter Brown", "Olga Ivanova"]
ACTIVITIES = ["Requirement clarification", "Feasibility assessment and estimate",
              "Project plan and milestones", "Solution configuration and integration",
              "Change request assessment", "User acceptance test and go-live"]


# The benchmark runs with --today 2026-11-20; delivery milestones due before it are done.
TODAY = datetime.date(2026, 11, 20)


def d(date):
    return date.isoformat()


class Gen:
    def __init__(self, seed, index, defects):
        self.r = random.Random(f"handoff-bench:{seed}:{index}")
        self.index = index
        self.defective = self.r.random() < defects
        # Which defects this project carries, when it is defective.
        kinds = ["no_acceptance", "unknown_ref", "duplicate_id", "late_promise", "bad_date", "vague",
                 "uncovered_must", "no_owner"]
        self.defects = set(self.r.sample(kinds, 2)) if self.defective else set()
        if self.defective and self.r.random() < 0.1:
            self.defects.add("syntax")

    def pick(self, seq):
        return self.r.choice(seq)

    def sentence(self, words):
        return " ".join(self.pick(NOUNS) if w == "N" else self.pick(VERBS) if w == "V" else
                        self.pick(SYSTEMS) if w == "S" else w for w in words)


def project_files(seed, index, defects):
    g = Gen(seed, index, defects)
    r = g.r
    pid = f"p{index:05d}-{g.pick(INDUSTRIES)[:5]}"
    stage = r.choices([s for s, _ in STAGES], weights=[w for _, w in STAGES])[0]
    signed = datetime.date(2026, 1, 5) + datetime.timedelta(days=r.randrange(0, 300))
    start = signed + datetime.timedelta(days=7)
    weeks = r.randrange(16, 40)
    go_live = start + datetime.timedelta(weeks=weeks + r.randrange(1, 6))
    if "late_promise" in g.defects:
        go_live = start + datetime.timedelta(weeks=weeks - 3)
    sales, presales, impl, pm = g.pick(SALES), g.pick(PRESALES), g.pick(IMPL), g.pick(PM)
    n_req, n_ms, n_risk, n_cr = 30, 8, 10, 10
    req_ids = [f"REQ-{i:03d}" for i in range(1, n_req + 1)]
    ms_ids = [f"M{i}" for i in range(1, n_ms + 1)]
    items = [f"L{i}" for i in range(1, 5)]
    files = {}

    # project.yaml
    lines = [f"id: {pid}", f"name: {g.pick(INDUSTRIES).title()} rollout {index}", f"stage: {stage}",
             "customer:", f"  name: Customer {index} Ltd", f"  industry: {g.pick(INDUSTRIES)}", "  contacts:"]
    for k, name in enumerate(r.sample(CONTACTS, 3)):
        lines += [f"    - name: {name}", f"      title: {'CIO' if k == 0 else 'Manager'}",
                  f"      decision_maker: {'true' if k == 0 else 'false'}"]
    lines += ["team:", f"  sales: {sales}", f"  presales: {presales}", f"  implementation: {impl}", f"  pm: {pm}",
              "  product: liu.yang", "contract:", f"  signed: {d(signed)}", f"  start: {d(start)}",
              f"  go_live: {d(go_live)}", f"  value: {r.randrange(200, 3000) * 1000}", "  currency: CNY", "  items:"]
    for item in items:
        lines += [f"    - id: {item}", f"      title: {g.sentence(['N', 'module for', 'S'])}",
                  f"      price: {r.randrange(50, 800) * 1000}"]
    lines += ["commitments:"]
    for k in range(1, 4):
        ref = g.pick(req_ids) if k != 1 else ms_ids[-1]
        if "unknown_ref" in g.defects and k == 2:
            ref = "REQ-999"
        lines += [f"  - id: C-{k}", f"    text: {g.sentence(['The system', 'V', 'every', 'N', 'by go-live'])}",
                  f"    made_by: {sales}", f"    date: {d(signed - datetime.timedelta(days=10))}", f"    refs: [{ref}]"]
    if stage == "closed":
        lines += ["closure:", f"  accepted: {d(go_live + datetime.timedelta(days=20))}", "  csat: 4",
                  "  retrospective: |", "    Blueprint workshops paid off; master data came late; plan data cleansing earlier."]
    lines += [f"tags: [{g.pick(INDUSTRIES)}, bench]"]
    files["project.yaml"] = lines

    # requirements.yaml
    musts = []
    lines = ["# Requirement Clarification Form (generated for the benchmark).", "requirements:"]
    for k, rid in enumerate(req_ids):
        prio = r.choices(["must", "should", "could", "wont"], weights=[45, 30, 20, 5])[0]
        if prio == "must":
            musts.append(rid)
        shown_id = req_ids[0] if ("duplicate_id" in g.defects and k == 5) else rid
        lines += [f"  - id: {shown_id}", f"    title: {g.sentence(['N', 'V', 'N'])}",
                  f"    description: The {g.pick(NOUNS)} data from {g.pick(SYSTEMS)} {g.pick(VERBS)} each {g.pick(NOUNS)} without re-keying",
                  f"    source: RFP section {r.randrange(1, 9)}.{r.randrange(1, 20)}; workshop {d(signed - datetime.timedelta(days=r.randrange(10, 40)))}",
                  f"    priority: {prio}", f"    type: {g.pick(['functional', 'integration', 'data', 'report', 'nonfunctional'])}",
                  f"    contract_item: {g.pick(items)}"]
        if not ("no_acceptance" in g.defects and k == 3):
            if "vague" in g.defects and k == 4:
                lines += ["    acceptance: The screen is fast and user-friendly"]
            else:
                lines += [f"    acceptance: Given a {g.pick(NOUNS)} in {g.pick(SYSTEMS)}, when it is sent, then it shows within {r.randrange(1, 10)} s"]
        lines += [f"    status: {'confirmed' if stage != 'contracted' or r.random() < 0.8 else 'clarified'}"]
        if r.random() < 0.1:
            lines += ["    questions:", f"      - text: Which {g.pick(SYSTEMS)} release is in production?",
                      "        status: answered", f"        owner: {sales}",
                      f"        asked: {d(signed - datetime.timedelta(days=20))}",
                      f"        answer: The {g.pick(NOUNS)} interface runs on release {r.randrange(4, 9)}.{r.randrange(0, 9)}"]
    files["requirements.yaml"] = lines

    # feasibility.yaml
    effort = r.randrange(100, 600)
    if stage == "closed":
        # What the project really took, from a stream of its own so the other records stay as
        # they were: most projects overrun their estimate a little, some a lot.
        a = random.Random(f"{seed}-{index}-actuals")
        closure = files["project.yaml"].index("  csat: 4")
        ratio = round(a.lognormvariate(0.12, 0.15), 3)
        files["project.yaml"][closure:closure] = [
            f"  went_live: {d(start + datetime.timedelta(days=round(weeks * 7 * ratio)))}",
            f"  actual_effort_days: {round(effort * a.lognormvariate(0.1, 0.2))}"]
    lines = [f"assessed_by: {impl}", f"date: {d(signed - datetime.timedelta(days=5))}", "estimate:",
             f"  duration_weeks: {weeks}", f"  effort_days: {effort}", "  confidence: medium",
             "recommendation: go_with_conditions", "conditions:",
             f"  - Customer provides a {g.pick(SYSTEMS)} test system before M3", "assessments:"]
    for rid in req_ids:
        verdict = r.choices(["standard", "configuration", "customization"], weights=[30, 50, 20])[0]
        lines += [f"  - requirement: {rid}", f"    verdict: {verdict}", f"    effort_days: {r.randrange(1, 15)}"]
        if verdict != "standard":
            lines += [f"    notes: {g.sentence(['S', 'needs a', 'N', 'mapping'])}"]
        if r.random() < 0.3:
            lines += [f"    risks: [R-{r.randrange(1, n_risk + 1)}]"]
    files["feasibility.yaml"] = lines

    # plan.yaml
    lines = ["milestones:"]
    step = max(1, (go_live - start).days // (n_ms + 1))
    uncovered = set(r.sample(musts, 1)) if ("uncovered_must" in g.defects and musts) else set()
    coverable = [x for x in req_ids if x not in uncovered]
    chunks = [coverable[k::n_ms - 1] for k in range(n_ms - 1)]
    for k, mid in enumerate(ms_ids):
        due = start + datetime.timedelta(days=step * (k + 1))
        if "bad_date" in g.defects and k == 2:
            due_text = f"{due.year}-02-30"
        else:
            due_text = d(due)
        done = stage in ("acceptance", "closed") or (stage == "delivery" and due < TODAY)
        lines += [f"  - id: {mid}", f"    name: {g.sentence(['N', 'and', 'N', 'ready'])}"]
        lines += [f"    due: {due_text}"]
        if not ("no_owner" in g.defects and k == 4):
            lines += [f"    owner: {g.pick([impl, pm])}"]
        if k > 0:
            lines += [f"    covers: [{', '.join(chunks[k - 1])}]", f"    depends_on: [{ms_ids[k - 1]}]"]
        lines += [f"    acceptance: {g.pick(CONTACTS)} confirms {r.randrange(20, 200)} test cases pass with 0 severity-1 defects",
                  f"    status: {'accepted' if done else 'planned'}"]
        if done:
            lines += [f"    done: {d(due)}"]
    lines += ["", "raci:"]
    roles = ["sales", "presales", "implementation", "pm", "product"]
    for act in ACTIVITIES:
        accountable, responsible = r.sample(roles, 2)
        lines += [f"  - activity: {act}", f"    {accountable}: A", f"    {responsible}: R"]
        for other in roles:
            if other not in (accountable, responsible):
                lines += [f"    {other}: {g.pick(['C', 'I'])}"]
    lines += ["", "reporting:", "  cadence_days: 14", "  last_report: 2026-11-16"]
    files["plan.yaml"] = lines

    # risks.yaml
    lines = ["risks:"]
    for k in range(1, n_risk + 1):
        lines += [f"  - id: R-{k}", f"    title: {g.sentence(['N', 'data from', 'S', 'is incomplete'])}",
                  f"    probability: {r.randrange(1, 5)}", f"    impact: {r.randrange(1, 5)}", f"    owner: {g.pick([impl, pm])}",
                  f"    response: {g.pick(['avoid', 'mitigate', 'transfer', 'accept'])}",
                  f"    mitigation: {g.sentence(['Customer cleans the', 'N', 'data; weekly review with', 'S', 'owners'])}",
                  f"    status: {g.pick(['open', 'mitigated', 'closed'])}", "    review_by: 2027-03-01",
                  f"    refs: [{g.pick(req_ids)}, {g.pick(ms_ids)}]"]
    files["risks.yaml"] = lines

    # changes.yaml
    lines = ["changes:"]
    for k in range(1, n_cr + 1):
        cr_date = start + datetime.timedelta(days=10 + k)
        done_stage = stage in ("acceptance", "closed")
        status = "implemented" if done_stage else g.pick(["approved", "implemented", "rejected"])
        cls = g.pick(["in_scope", "value_added", "out_of_scope"])
        lines += [f"  - id: CR-{k:03d}", f"    title: {g.sentence(['N', 'V', 'for', 'S'])}",
                  f"    requested_by: {g.pick(CONTACTS)} (customer)", f"    date: {d(cr_date)}",
                  f"    affects: [{g.pick(req_ids)}]", f"    classification: {cls}", "    impact:",
                  f"      effort_days: {r.randrange(1, 10)}", "      schedule_days: 0",
                  f"      cost: {r.randrange(5, 50) * 1000}", f"    status: {status}", "    approvals:",
                  "      - role: implementation", f"        by: {impl}", f"        date: {d(cr_date + datetime.timedelta(days=1))}",
                  "      - role: sales", f"        by: {sales}", f"        date: {d(cr_date + datetime.timedelta(days=2))}"]
        if cls == "out_of_scope":
            lines += ["      - role: customer", f"        by: {g.pick(CONTACTS)}", f"        date: {d(cr_date + datetime.timedelta(days=3))}"]
        if status == "implemented":
            lines += [f"    implemented: {d(cr_date + datetime.timedelta(days=9))}"]
    files["changes.yaml"] = lines

    if "syntax" in g.defects:
        victim = g.pick(["plan.yaml", "risks.yaml", "changes.yaml"])
        files[victim].insert(len(files[victim]) // 2, "  - id: [unclosed")
    return pid, files


def acceptance_lines(k):
    """An acceptance.yaml of k results: requirement i has one result, or, for every tenth
    requirement, a failed run and its retest (two results sharing the requirement id)."""
    lines = ["date: 2026-11-18", "signed_by: Wang Fang", "results:"]
    results = 0
    i = 0
    while results < k:
        rid = f"REQ-{i + 1:06d}"
        if i % 10 == 9 and results + 1 < k:
            lines += [f"  - requirement: {rid}", "    result: failed", f"    evidence: run {i + 1}"]
            results += 1
        lines += [f"  - requirement: {rid}", "    result: passed"]
        results += 1
        i += 1
    return lines


def write_config(out):
    lines = ["# Generated by bench/generate.py.", "version: 1", "projects: projects", "people:"]
    for pid, name, roles in PEOPLE:
        lines += [f"  - id: {pid}", f"    name: {name}", f"    email: {pid}@example.com", f"    roles: [{', '.join(roles)}]"]
    lines += ["roles: [sales, presales, implementation, pm, product, customer]", "history: off"]
    with open(os.path.join(out, "handoff.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--defects", type=float, default=0.2)
    parser.add_argument("--acceptance-results", type=int, default=0, metavar="K",
                        help="give the first project an acceptance.yaml of K results")
    parser.add_argument("--closed-copies", type=int, default=0, metavar="M",
                        help="add M closed projects, copies of the first closed one's card and feasibility report")
    args = parser.parse_args()
    if os.path.exists(args.out) and os.listdir(args.out):
        sys.exit(f"generate.py: {args.out} exists and is not empty")
    os.makedirs(os.path.join(args.out, "projects"), exist_ok=True)
    write_config(args.out)
    first_closed = None
    for i in range(args.n):
        pid, files = project_files(args.seed, i, args.defects)
        if first_closed is None and "stage: closed" in files["project.yaml"]:
            first_closed = (pid, files)
        if i == 0 and args.acceptance_results > 0:
            files["acceptance.yaml"] = acceptance_lines(args.acceptance_results)
        folder = os.path.join(args.out, "projects", pid)
        os.makedirs(folder)
        for name, lines in files.items():
            with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
    if args.closed_copies > 0:
        i = args.n
        while first_closed is None:  # the first closed project after the N generated ones
            pid, files = project_files(args.seed, i, args.defects)
            if "stage: closed" in files["project.yaml"]:
                first_closed = (pid, files)
            i += 1
        pid, files = first_closed
        for j in range(args.closed_copies):
            copy = f"c{j:05d}-close"
            folder = os.path.join(args.out, "projects", copy)
            os.makedirs(folder)
            for name in ("project.yaml", "feasibility.yaml"):
                lines = [line.replace(pid, copy) for line in files[name]]
                with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                    f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
