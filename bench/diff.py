#!/usr/bin/env python3
"""Measure `handoff diff` of an acceptance.yaml of K results against its committed version.

Usage: python3 bench/diff.py [--results 16000,100000] [--runs 5] [--build DIR] [--work DIR] [HANDOFF ...]

For each K, generates a one-project workspace with `generate.py --acceptance-results K`, commits
it (git), then edits the working tree: every 50th failed run gets new evidence, every 100th
retest becomes failed, every 1,000th requirement loses its results and 20 new requirements get
one. Runs `handoff diff ID HEAD` --runs times under GNU time for each binary given (default:
the Release build's) and prints a Markdown table of the lowest CPU time (user + sys) and
peak memory; the machine is shared, so CPU time, not wall time, is the measure. Also checks
that every binary prints the same output.
"""

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run  # noqa: E402  (build, loadavg)


def edit(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    out = []
    requirement = 0
    nth = 0  # results of `requirement` so far
    for line in lines:
        if line.startswith("  - requirement: REQ-"):
            number = int(line.rsplit("-", 1)[1])
            nth = nth + 1 if number == requirement else 1
            requirement = number
        dropped = requirement % 1000 == 0
        if dropped and (line.startswith("  - ") or line.startswith("    ")):
            continue
        if line.startswith("    evidence: run ") and int(line.rsplit(" ", 1)[1]) % 50 == 0:
            line += " (re-dated)"
        if line == "    result: passed" and requirement % 100 == 0 and nth == 2:
            line = "    result: failed"
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    for k in range(20):
        out += [f"  - requirement: NEW-{k + 1:03d}", "    result: passed"]
    open(path, "w", encoding="utf-8").write("\n".join(out) + "\n")


def workspace(work, k):
    path = os.path.join(work, f"diff-{k}")
    if not os.path.exists(os.path.join(path, ".complete")):
        shutil.rmtree(path, ignore_errors=True)
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), path, "1", "--seed", "1",
                        "--acceptance-results", str(k)], check=True)
        env = dict(os.environ, GIT_AUTHOR_DATE="2026-11-20T10:00:00Z", GIT_COMMITTER_DATE="2026-11-20T10:00:00Z")
        git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com"]
        subprocess.run(git + ["init", "-q"], cwd=path, check=True)
        subprocess.run(git + ["add", "-A"], cwd=path, check=True)
        subprocess.run(git + ["commit", "-qm", "records"], cwd=path, check=True, env=env)
        project = sorted(os.listdir(os.path.join(path, "projects")))[0]
        edit(os.path.join(path, "projects", project, "acceptance.yaml"))
        open(os.path.join(path, ".git", "info", "exclude"), "a").write(".complete\n")
        open(os.path.join(path, ".complete"), "w").close()
    return path, sorted(os.listdir(os.path.join(path, "projects")))[0]


def measure(argv, cwd, runs):
    """Returns (cpu s, peak MiB, load before, sha256 of stdout) of the run with the least CPU."""
    best = None
    digest = None
    for _ in range(runs):
        load = run.loadavg()
        with tempfile.NamedTemporaryFile("r") as stats:
            proc = subprocess.run(["/usr/bin/time", "-o", stats.name, "-f", "%U %S %M"] + argv, cwd=cwd,
                                  capture_output=True)
            if proc.returncode != 0:
                sys.exit(f"diff.py: {' '.join(argv)} exited {proc.returncode}: {proc.stderr.decode()[-500:]}")
            user, system, rss_kb = stats.read().split()[-3:]
        digest = hashlib.sha256(proc.stdout).hexdigest()
        row = (float(user) + float(system), int(rss_kb) / 1024, load, digest, proc.stdout.count(b"\n"))
        if best is None or row[0] < best[0]:
            best = row
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", default="16000,100000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--build", default=os.path.join(run.REPO, "build-bench"))
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "handoff-bench"))
    parser.add_argument("binaries", nargs="*", help="handoff binaries to compare (default: the Release build's)")
    args = parser.parse_args()
    binaries = args.binaries or [run.build(os.path.abspath(args.build))[0]]
    os.makedirs(args.work, exist_ok=True)
    print("| results | acceptance.yaml | binary | CPU s (user+sys) | peak MiB | output lines | load avg |")
    print("|---:|---:|---|---:|---:|---:|---|")
    for k in [int(s) for s in args.results.split(",")]:
        path, project = workspace(args.work, k)
        size = os.path.getsize(os.path.join(path, "projects", project, "acceptance.yaml"))
        digests = set()
        for binary in binaries:
            cpu, rss, load, digest, lines = measure([os.path.abspath(binary), "diff", project, "HEAD"], path, args.runs)
            digests.add(digest)
            print(f"| {k:,} | {size / 1e6:.1f} MB | {binary} | {cpu:.2f} | {rss:.1f} | {lines:,} | {load} |",
                  flush=True)
        if len(digests) != 1:
            sys.exit(f"diff.py: the binaries print different diffs for {k} results")


if __name__ == "__main__":
    main()
