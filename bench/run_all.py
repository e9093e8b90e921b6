"""Run every `bench/bench_*.py` script in its own process and print its output.

`make bench` calls this. Each benchmark configures what it needs itself (its own
database, settings); one failing benchmark does not stop the others, but makes the
exit status non-zero. At the end it prints every judged figure again (the lines
`<name>: <value> (goal <goal>) MET|MISSED` that bench/common.py's `figure` prints), as
one summary.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent


def main(argv: list[str]) -> int:
    scripts = sorted(BENCH_DIR.glob("bench_*.py"))
    if argv:
        # `run_all.py case_list` runs only the scripts whose name contains a given word.
        scripts = [s for s in scripts if any(word in s.stem for word in argv)]
    if not scripts:
        print("No benchmarks found.", file=sys.stderr)
        return 1
    failed = []
    figures: list[tuple[str, str]] = []
    for script in scripts:
        print(f"=== {script.name} ===", flush=True)
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-u", str(script)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for line in process.stdout:
            print(line, end="", flush=True)
            if line.rstrip().endswith((") MET", ") MISSED")):
                figures.append((script.stem, line.rstrip()))
        returncode = process.wait()
        print(f"=== {script.name}: exit {returncode}, {time.perf_counter() - started:.0f} s\n")
        if returncode != 0:
            failed.append(script.name)
    missed = sum(1 for _s, line in figures if line.endswith("MISSED"))
    print(f"=== Summary: {len(figures)} figures, {len(figures) - missed} MET, {missed} MISSED")
    for stem, line in figures:
        print(f"[{stem}] {line}")
    if failed:
        print(f"Failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
