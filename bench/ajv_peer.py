#!/usr/bin/env python3
"""The ajv-cli peer of bench/run.py: validates every record file below projects/ (in the current
folder) against handoff's JSON Schema (`handoff schema --out SCHEMA_DIR`) with ajv-cli, one
process per batch of files of one kind, JOBS processes at a time.

Usage: ajv_peer.py AJV FORMATS_MODULE SCHEMA_DIR JOBS [BATCH]

ajv-cli exits at the first file it cannot parse as YAML and leaves the rest of its batch
unvalidated; this driver then starts ajv-cli again on the files after that one, so every file
is either validated or counted as unparsable. Prints ajv-cli's output, then one last line:
"ajv-peer: V valid, I invalid, U unparsable, P ajv-cli processes".
"""

import os
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor

KINDS = ["project", "requirements", "feasibility", "plan", "risks", "changes"]


def main():
    ajv, formats, schemas, jobs = sys.argv[1:5]
    batch = int(sys.argv[5]) if len(sys.argv) > 5 else 200
    files = {kind: [] for kind in KINDS}
    for root, _, names in os.walk("projects"):
        for name in names:
            kind = name[:-len(".yaml")] if name.endswith(".yaml") else None
            if kind in files:
                files[kind].append(os.path.join(root, name))
    work = []
    for kind in KINDS:
        names = sorted(files[kind])
        work += [(kind, names[i:i + batch]) for i in range(0, len(names), batch)]

    lock = threading.Lock()
    totals = {"valid": 0, "invalid": 0, "unparsable": 0, "processes": 0}

    def run(kind, names):
        while names:
            argv = [ajv, "validate", "--spec=draft2020", "--allow-union-types", "--all-errors", "-c", formats,
                    "--errors=line", "-s", os.path.join(schemas, f"{kind}.schema.json")]
            for name in names:
                argv += ["-d", name]
            # Into a file, not a pipe: node writes to files synchronously, while a long write to a
            # pipe can still be pending when ajv-cli calls process.exit on a parse error.
            with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as out:
                proc = subprocess.run(argv, stdout=out, stderr=subprocess.STDOUT)
                out.seek(0)
                text = out.read()
            reported = {"valid": 0, "invalid": 0}
            for line in text.splitlines():
                if line.endswith(" invalid"):
                    reported["invalid"] += 1
                elif line.endswith(" valid"):
                    reported["valid"] += 1
            done = reported["valid"] + reported["invalid"]
            with lock:
                sys.stdout.write(text)
                totals["processes"] += 1
                totals["valid"] += reported["valid"]
                totals["invalid"] += reported["invalid"]
                if proc.returncode not in (0, 1) and done < len(names):
                    totals["unparsable"] += 1  # the file after the last one reported
            names = names[done + 1:] if proc.returncode not in (0, 1) else []

    with ThreadPoolExecutor(max_workers=int(jobs)) as pool:
        for future in [pool.submit(run, kind, names) for kind, names in work]:
            future.result()
    print(f"ajv-peer: {totals['valid']} valid, {totals['invalid']} invalid, {totals['unparsable']} unparsable, "
          f"{totals['processes']} ajv-cli processes")


if __name__ == "__main__":
    main()
