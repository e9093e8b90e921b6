"""Run every `bench/bench_*.py` script in its own process and print its output.

`make bench` calls this. Each benchmark configures what it needs itself (its own
database, settings); one failing benchmark does not stop the others, but makes the
exit status non-zero.
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
    for script in scripts:
        print(f"=== {script.name} ===", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(script)], cwd=ROOT, check=False)
        print(
            f"=== {script.name}: exit {result.returncode}, {time.perf_counter() - started:.0f} s\n"
        )
        if result.returncode != 0:
            failed.append(script.name)
    if failed:
        print(f"Failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
