"""Time sovlint as a user runs it: whole processes, medians of several runs.

    python benchmarks/run.py [--runs 5] [--corpus ../shared/corpus] [--json results.json]

For each target it prints the median wall time of `sovlint --format json --fail-on never TARGET`
and, beside it, the parsing floor: bare python-hcl2 `parses` plus PyYAML `load_all` (C loader)
over the same files in one process. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def wall(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def parse_floor(target: Path) -> float:
    """Seconds for bare hcl2 + yaml parsing of the files sovlint would read (one process)."""
    code = (
        "import sys, time, hcl2, yaml\n"
        "from sovlint.discover import discover\n"
        "files, _ = discover([sys.argv[1]])\n"
        "t = time.perf_counter()\n"
        "for f in files:\n"
        "    text = open(f.real, encoding='utf-8', errors='replace').read()\n"
        "    try:\n"
        "        if f.kind in ('terraform', 'tfvars') and not f.real.endswith('.json'):\n"
        "            hcl2.parses(text)\n"
        "        elif f.kind == 'yaml':\n"
        "            list(yaml.load_all(text, Loader=getattr(yaml, 'CSafeLoader', yaml.SafeLoader)))\n"
        "    except Exception:\n"
        "        pass\n"
        "print(time.perf_counter() - t)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(target)], capture_output=True, text=True, check=False)
    return float(out.stdout.strip() or "nan")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args()
    targets = [("one .tf file (pre-commit)", REPO / "fixtures" / "demo" / "terraform" / "main.tf")]
    if args.corpus.is_dir():
        targets += [(p.name, p) for p in sorted(args.corpus.iterdir()) if p.is_dir()]
        targets.append(("whole corpus", args.corpus))
    rows = []
    print(f"{'target':<40} {'sovlint s':>10} {'parse floor s':>14} {'ratio':>6}")
    for name, path in targets:
        cmd = [sys.executable, "-m", "sovlint", "--format", "json", "--fail-on", "never", str(path)]
        seconds = wall(cmd, args.runs)
        floor = parse_floor(path)
        ratio = seconds / floor if floor and floor == floor and floor > 0.001 else float("nan")
        rows.append({"target": name, "seconds": round(seconds, 3), "parse_floor": round(floor, 3)})
        print(f"{name:<40} {seconds:>10.3f} {floor:>14.3f} {ratio:>6.2f}")
    if args.json:
        meta = {"python": sys.version.split()[0], "cpus": os.cpu_count(), "runs": args.runs}
        args.json.write_text(json.dumps({"meta": meta, "results": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
