#!/usr/bin/env python3
"""Measure handoff check, status, todo and report --portfolio against the read and parse floors and two peers; write bench/RESULTS.md.

Usage: python3 bench/run.py [--sizes 10,100,1000] [--runs 3] [--build DIR] [--work DIR] [--out FILE]

Builds a Release tree with the benchmark helpers (unless --build names one that has them),
generates one workspace per size with bench/generate.py (seed 1), and runs every command
--runs times under GNU time, keeping the run with the lowest wall time. Each row records the
load average of the machine just before its best run, because other work on the machine makes
timings noisy. Nothing is timed inside the test suite: this script is the only place that
measures speed.

Peers, on the same workspace and cores: yamllint (Debian package; YAML syntax only) when it is
installed, and ajv-cli validating every record file against `handoff schema` (installed with
npm into the work folder, pinned versions; bench/ajv_peer.py drives it) when npm is available.
--peers-max N measures them only up to N projects. Other YAML parsers (libyaml, libfyaml), when
parse_floor was built with them, are measured as floors: what a faster parser would give.
"""

import argparse
import datetime
import os
import platform
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
TODAY = "2026-11-20"
AJV_PACKAGES = ["ajv-cli@5.0.0", "ajv-formats@2.1.1"]


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw).stdout


def build(build_dir):
    if not os.path.exists(os.path.join(build_dir, "build.ninja")):
        subprocess.run(["cmake", "-S", REPO, "-B", build_dir, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
                        "-DHANDOFF_TESTS=OFF", "-DHANDOFF_BENCH=ON"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["ninja", "-C", build_dir, "-j2", "handoff", "parse_floor"], check=True, stdout=subprocess.DEVNULL)
    return os.path.join(build_dir, "cli", "handoff"), os.path.join(build_dir, "bench", "parse_floor")


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def measure(argv, cwd, runs):
    """Returns (wall s, cpu s, peak RSS MiB, load average before the run) of the fastest run."""
    best = None
    for _ in range(runs):
        load = loadavg()
        with tempfile.NamedTemporaryFile("r") as stats:
            proc = subprocess.run(["/usr/bin/time", "-o", stats.name, "-f", "%e %U %S %M"] + argv, cwd=cwd,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if proc.returncode not in (0, 1):  # check exits 1 on findings
                sys.exit(f"run.py: {' '.join(argv)} exited {proc.returncode}")
            wall, user, system, rss_kb = stats.read().split()[-4:]
        row = (float(wall), float(user) + float(system), int(rss_kb) / 1024, load)
        if best is None or row[0] < best[0]:
            best = row
    return best


def workspace(work, n):
    path = os.path.join(work, f"ws-{n}")
    if not os.path.exists(os.path.join(path, ".complete")):
        shutil.rmtree(path, ignore_errors=True)
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), path, str(n), "--seed", "1"], check=True)
        open(os.path.join(path, ".complete"), "w").close()
    size = 0
    files = 0
    for root, _, names in os.walk(os.path.join(path, "projects")):
        for name in names:
            size += os.path.getsize(os.path.join(root, name))
            files += 1
    return path, size, files


def ajv_peer(work, handoff):
    """Installs ajv-cli into WORK/npm (once) and writes handoff's schemas into WORK/schema.
    Returns (ajv binary, ajv-formats module, schema folder, version text), or None without npm."""
    prefix = os.path.join(work, "npm")
    ajv = os.path.join(prefix, "node_modules", ".bin", "ajv")
    if not os.path.exists(ajv):
        if not shutil.which("npm"):
            return None
        subprocess.run(["npm", "install", "--prefix", prefix, "--no-audit", "--no-fund", "--silent"] + AJV_PACKAGES,
                       check=True, stdout=subprocess.DEVNULL)
    schemas = os.path.join(work, "schema")
    subprocess.run([handoff, "schema", "--out", schemas, "--force"], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    node = sh(["node", "--version"]).strip()
    return ajv, os.path.join(prefix, "node_modules", "ajv-formats"), schemas, f"{' '.join(AJV_PACKAGES)}, node {node}"


def ajv_summary(output):
    """The counts from the last line of bench/ajv_peer.py's output."""
    with open(output, encoding="utf-8", errors="replace") as f:
        last = f.read().rstrip("\n").rsplit("\n", 1)[-1]
    if not last.startswith("ajv-peer: "):
        sys.exit(f"run.py: bench/ajv_peer.py did not finish; see {output}")
    return last[len("ajv-peer: "):]


def built_parsers(parse_floor):
    """The parsers other than yaml-cpp that parse_floor was built with (its usage lists them)."""
    usage = subprocess.run([parse_floor], text=True, capture_output=True).stderr
    listed = usage.rsplit("parsers built in:", 1)[-1].split()
    return [name for name in listed if not name.startswith("yaml-cpp")]


def cpu_model():
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--build", default=os.path.join(REPO, "build-bench"))
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "handoff-bench"))
    parser.add_argument("--out", default=os.path.join(HERE, "RESULTS.md"))
    parser.add_argument("--only", default="",
                        help="measure only the rows whose label contains one of these |-separated texts")
    parser.add_argument("--serial-max", type=int, default=1000,
                        help="measure `check -j 1` only up to this many projects (it shows the parallel speed-up)")
    parser.add_argument("--peers-max", type=int, default=10000,
                        help="measure the peers only up to this many projects (yamllint is slow)")
    parser.add_argument("--peer-runs", type=int, default=1,
                        help="runs of each peer (default 1: they are slow, and far from handoff's times)")
    args = parser.parse_args()
    handoff, parse_floor = build(os.path.abspath(args.build))
    cores = os.cpu_count() or 1
    os.makedirs(args.work, exist_ok=True)
    ajv = ajv_peer(args.work, handoff)
    peers = []
    if shutil.which("yamllint"):
        peers.append("yamllint " + sh(["yamllint", "--version"]).split()[-1])
    if ajv:
        peers.append(ajv[3])
    notes = {}
    other_parsers = built_parsers(parse_floor)

    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        path, size, files = workspace(args.work, n)
        first = sorted(os.listdir(os.path.join(path, "projects")))[0]
        commands = [
            ("read floor: cat every file", ["sh", "-c", "find projects -type f -exec cat {} + > /dev/null"]),
            (f"parse floor: YAML::Load, -j {cores}", [parse_floor, "-j", str(cores), "projects"]),
            (f"parse floor: yaml-cpp events, -j {cores}",
             [parse_floor, "-j", str(cores), "--parser", "yaml-cpp-events", "projects"]),
        ] + [
            (f"other parser: {name} events, -j {cores}",
             [parse_floor, "-j", str(cores), "--parser", name, "projects"]) for name in other_parsers
        ] + [
            (f"handoff check, -j {cores} (default)", [handoff, "check", "--today", TODAY]),
            ("handoff check -j 1", [handoff, "check", "-j", "1", "--today", TODAY] if n <= args.serial_max else None),
            ("handoff check --format sarif", [handoff, "check", "--format", "sarif", "--today", TODAY]),
            (f"handoff status, -j {cores} (default)", [handoff, "status", "--today", TODAY]),
            (f"handoff todo, -j {cores} (default)", [handoff, "todo", "--today", TODAY]),
            ("handoff check of one project", [handoff, "check", first, "--today", TODAY]),
            (f"handoff forecast of one project, -j {cores} (default)", [handoff, "forecast", first]),
            (f"handoff report --portfolio, -j {cores} (default)",
             [handoff, "report", "--portfolio", "--today", TODAY]),
        ]
        peer_labels = set()
        if shutil.which("yamllint") and n <= args.peers_max:
            # A peer: YAML syntax only (no rules enabled), on the same cores; it exits 1 on the
            # planted syntax errors, hence the `true`.
            label = "peer: yamllint, syntax only, xargs -P %d" % cores
            peer_labels.add(label)
            commands.append((label, ["sh", "-c",
                             "find projects -name '*.yaml' -print0 | xargs -0 -P %d -n 300 "
                             "yamllint -f parsable -d '{rules: {}}' > /dev/null; true" % cores]))
        ajv_output = os.path.join(args.work, f"ajv-{n}.out")
        ajv_label = "peer: ajv-cli, JSON Schema, %d at a time" % cores
        if ajv and n <= args.peers_max:
            peer_labels.add(ajv_label)
            commands.append((ajv_label, ["sh", "-c", '"$@" > "%s" 2>&1' % ajv_output, "ajv-peer", sys.executable,
                                         os.path.join(HERE, "ajv_peer.py"), ajv[0], ajv[1], ajv[2], str(cores)]))
        measured = {}
        for label, argv in commands:
            if argv is None or not any(part in label for part in args.only.split("|")):
                continue
            measured[label] = measure(argv, path, args.peer_runs if label in peer_labels else args.runs)
            if label == ajv_label:
                notes[n] = f"ajv-cli at N = {n}, {6 * n} record files: {ajv_summary(ajv_output)}."
            wall, cpu, rss, load = measured[label]
            print(f"N={n:>6} {label:<40} wall {wall:7.2f} s  cpu {cpu:7.2f} s  peak {rss:7.1f} MiB  load {load}",
                  flush=True)
        rows.append((n, size, files, measured))

    write_results(args, cores, rows, peers, notes)
    print(f"wrote {args.out}")


def write_results(args, cores, rows, peers, notes):
    labels = list(rows[0][3])
    check_label = next((k for k in labels if k.startswith("handoff check, -j")), None)
    load_label = next((k for k in labels if k.startswith("parse floor: YAML::Load")), None)
    events_label = next((k for k in labels if k.startswith("parse floor: yaml-cpp events")), None)
    out = []
    out.append("# Benchmark results")
    out.append("")
    out.append("Written by `python3 bench/run.py` (see bench/README.md); every number below is its output.")
    out.append("")
    out.append(f"- Date: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}")
    out.append(f"- Machine: {cpu_model()}, {cores} cores (nproc), Linux {platform.release()}")
    out.append(f"- Commit: {sh(['git', '-C', REPO, 'rev-parse', '--short', 'HEAD']).strip()}"
               f"{' (with uncommitted changes)' if sh(['git', '-C', REPO, 'status', '--porcelain', '--untracked-files=no']).strip() else ''}")
    out.append(f"- Build: Release; best (lowest wall time) of {args.runs} runs per row"
               f" ({args.peer_runs} for the peers)")
    out.append(f"- Peers: {'; '.join(peers) if peers else 'none installed'}")
    out.append("- Load: the machine is shared (other builds run on it), so the 1/5/15-minute load average read"
               " just before each row's best run is shown next to it. With a load above the core count, wall"
               " times are inflated; CPU times are the steadier measure.")
    out.append("")
    out.append("| N | YAML | what | wall s | CPU s | peak MiB | load avg |")
    out.append("|---:|---:|---|---:|---:|---:|---|")
    for n, size, files, measured in rows:
        for label, (wall, cpu, rss, load) in measured.items():
            out.append(f"| {n} | {size / 1e6:.1f} MB / {files} files | {label} | {wall:.2f} | {cpu:.2f} | {rss:.1f} | {load} |")
    out.append("")
    if check_label and load_label and events_label:
        ratios(out, rows, check_label, load_label, events_label)
    for n in sorted(notes):
        out.append("- " + notes[n])
    if notes:
        out.append("")
    # Keep the hand-written notes (profiles, explanations) that follow the measured tables.
    if os.path.exists(args.out):
        with open(args.out, encoding="utf-8") as f:
            old = f.read()
        if "\n## Notes" in old:
            out.append(old[old.index("\n## Notes") + 1:].rstrip("\n"))
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def ratios(out, rows, check_label, load_label, events_label):
    out.append("## check against the parse floor")
    out.append("")
    out.append("| N | check wall / YAML::Load wall | check CPU / YAML::Load CPU | check CPU / events CPU |")
    out.append("|---:|---:|---:|---:|")
    for n, _, _, m in rows:
        c, f, e = m[check_label], m[load_label], m[events_label]
        out.append(f"| {n} | {c[0] / f[0]:.2f}x | {c[1] / f[1]:.2f}x | {c[1] / e[1]:.2f}x |")
    out.append("")


if __name__ == "__main__":
    main()
