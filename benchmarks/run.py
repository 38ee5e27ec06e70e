"""Time sovlint as users run it: whole processes, medians of several runs, cold and warm cache.

    python benchmarks/run.py [--runs 5] [--corpus ../shared/corpus] [--monorepo 2000] [--big 20000]
                             [--hcl2] [--only TEXT] [--json out.json] [--peer checkov]

For each target it prints the median wall time and peak memory of
`sovlint --format json --fail-on never TARGET` with an empty cache (cold) and a filled one (warm),
and beside them the parsing floor: bare tree-sitter parsing and a walk of every node of the syntax
tree, plus PyYAML `load_all` (C loader), over the same files in one process, and the ratio
cold / floor. `--hcl2` also times bare python-hcl2 `parses` on the same files (the parser sovlint
used before). `--monorepo N` generates a repository of N mixed Terraform and Kubernetes files,
`--big N` one .tf file of N resources. `--peer checkov` installs checkov in a throw-away virtual
environment and times it on the same targets. Not part of the test suite.

sovlint is timed as users run it: installed first (`pip install --no-deps --target`, into a temporary
directory, from this source tree), so its modules are compiled to bytecode and its package data built
as an install does, and then run from there. A run from the source tree under
`PYTHONDONTWRITEBYTECODE=1` would instead compile every module on every run, which no installed copy does.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def install(work: Path) -> dict[str, str]:
    """Install this source tree into `work/site` as pip installs it (bytecode compiled, package data built).

    Returns the environment that runs that copy: `python -m sovlint` from `work`, with `work/site` on the path.
    """
    site = work / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(site),
            str(REPO),
        ],
        check=True,
        cwd=work,
    )
    return {**os.environ, "PYTHONPATH": str(site)}


def measure(cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    _, _, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    children = usage.ru_maxrss / 1024  # KB on Linux
    return wall, children


def median_run(
    cmd: list[str], runs: int, before: object = None, env: dict[str, str] | None = None, cwd: Path | None = None
) -> tuple[float, float]:
    walls, peaks = [], []
    for _ in range(runs):
        if callable(before):
            before()
        wall, peak = measure(cmd, env, cwd)
        walls.append(wall)
        peaks.append(peak)
    return statistics.median(walls), max(peaks)


FLOOR = """
import sys, time, yaml
from sovlint.discover import discover
files, _ = discover([sys.argv[1]])
how = sys.argv[2]
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
if how == "tree-sitter":
    import tree_sitter_hcl
    from tree_sitter import Language, Parser
    parser = Parser(Language(tree_sitter_hcl.language()))

    def hcl(text):
        stack = [parser.parse(text.encode()).root_node]
        while stack:  # visit every node, as a reader of the tree must
            stack.extend(stack.pop().children)
else:
    import hcl2

    def hcl(text):
        hcl2.parses(text)
start = time.perf_counter()
for f in files:
    try:
        text = open(f.real, encoding="utf-8").read()
        if f.kind in ("terraform", "tfvars") and not f.real.endswith(".json"):
            hcl(text)
        elif f.kind == "yaml":
            list(yaml.load_all(text, Loader=loader))
    except Exception:
        pass
print(time.perf_counter() - start)
"""


def parse_floor(target: Path, how: str = "tree-sitter") -> float:
    """Seconds to parse the target's files in one process: bare tree-sitter (and a walk of every node) or python-hcl2."""
    out = subprocess.run(
        [sys.executable, "-c", FLOOR, str(target), how], capture_output=True, text=True, check=False, cwd=REPO
    )
    try:
        return float(out.stdout.strip())
    except ValueError:
        return float("nan")


def generate_big_file(root: Path, resources: int) -> Path:
    """One .tf file of many buckets, the last one in us-east-1: its finding must not be lost."""
    root.mkdir(parents=True, exist_ok=True)
    body = 'provider "aws" {\n  region = "eu-west-1"\n}\n'
    body += "".join(
        f'resource "aws_s3_bucket" "b{i}" {{\n  bucket = "bucket-{i}"\n  tags = {{ n = "{i}" }}\n}}\n'
        for i in range(resources - 1)
    )
    body += 'resource "aws_s3_bucket" "last" {\n  bucket = "last"\n  region = "us-east-1"\n}\n'
    (root / "main.tf").write_text(body)
    return root / "main.tf"


def generate_monorepo(root: Path, files: int) -> Path:
    """A synthetic repository: modules of Terraform (several providers) and Kubernetes manifests."""
    regions = ["eu-west-1", "eu-central-1", "us-east-1", "eu-west-3"]
    for i in range(files):
        directory = root / f"team{i // 50:03d}" / f"svc{i % 50:02d}"
        directory.mkdir(parents=True, exist_ok=True)
        if i % 3 == 2:
            (directory / "deploy.yaml").write_text(
                "".join(
                    f"---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app{i}-{j}\n  namespace: t{i // 50}\n"
                    f"spec:\n  template:\n    spec:\n      containers:\n        - name: app\n"
                    f"          image: registry.example.eu/app{i}:{j}\n        - name: proxy\n          image: nginx:1.27\n"
                    for j in range(4)
                )
            )
        else:
            body = f'provider "aws" {{\n  region = var.region\n}}\nvariable "region" {{\n  default = "{regions[i % 4]}"\n}}\n'
            body += "".join(
                f'resource "aws_s3_bucket" "b{j}" {{\n  bucket = "svc{i}-{j}"\n  tags = {{ team = "t{i // 50}" }}\n}}\n'
                for j in range(8)
            )
            (directory / "main.tf").write_text(body)
    return root


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--monorepo", type=int, default=2000, help="files in the generated repository (0: none)")
    ap.add_argument("--big", type=int, default=20000, help="resources in one generated .tf file (0: none)")
    ap.add_argument("--hcl2", action="store_true", help="also time bare python-hcl2 on each target (slow)")
    ap.add_argument("--only", help="only the targets whose name contains this text")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    ap.add_argument("--peer", choices=["checkov"], help="also time a peer scanner, installed in a throw-away venv")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sovlint-bench-"))
    targets = [("one .tf file (pre-commit)", REPO / "fixtures" / "demo" / "terraform" / "main.tf")]
    if args.corpus.is_dir():
        targets += [(p.name, p) for p in sorted(args.corpus.iterdir()) if p.is_dir()]
        targets.append(("whole corpus", args.corpus))
    if args.monorepo:
        targets.append((f"generated monorepo ({args.monorepo} files)", generate_monorepo(work / "mono", args.monorepo)))
    if args.big:
        targets.append((f"{args.big} resources in one file", generate_big_file(work / "big", args.big)))
    if args.only:
        targets = [(name, path) for name, path in targets if args.only in name]
    installed = install(work)
    peer = _install_peer(work, args.peer) if args.peer else None
    rows = []
    header = f"{'target':<42} {'cold s':>7} {'warm s':>7} {'peak MB':>8} {'floor s':>8} {'cold/floor':>10}"
    header += f" {'hcl2 s':>8}" if args.hcl2 else ""
    print(header + (f" {args.peer + ' s':>10}" if peer else ""))
    for name, path in targets:
        cache = work / "cache"
        cmd = [
            sys.executable,
            "-m",
            "sovlint",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--cache-dir",
            str(cache),
            str(path),
        ]
        wipe = lambda c=cache: shutil.rmtree(c, ignore_errors=True)  # noqa: E731
        cold, peak = median_run(cmd, args.runs, before=wipe, env=installed, cwd=work)
        warm, _ = median_run(cmd, args.runs, env=installed, cwd=work)
        floor = parse_floor(path)
        row = {
            "target": name,
            "cold": round(cold, 3),
            "warm": round(warm, 3),
            "peak_mb": round(peak, 1),
            "floor": round(floor, 3),
        }
        line = f"{name:<42} {cold:>7.3f} {warm:>7.3f} {peak:>8.1f} {floor:>8.3f} {cold / floor if floor > 0.01 else float('nan'):>10.2f}"
        if args.hcl2:
            row["hcl2"] = round(parse_floor(path, "hcl2"), 3)
            line += f" {row['hcl2']:>8.3f}"
        if peer:
            flag = "-f" if path.is_file() else "-d"
            row["peer"] = round(median_run([*peer, flag, str(path)], max(1, args.runs // 2))[0], 3)
            line += f" {row['peer']:>10.3f}"
        rows.append(row)
        print(line, flush=True)
    if args.json:
        meta = {
            "python": sys.version.split()[0],
            "cpus": os.cpu_count(),
            "runs": args.runs,
            "date": time.strftime("%Y-%m-%d"),
        }
        args.json.write_text(json.dumps({"meta": meta, "results": rows}, indent=2) + "\n")
    shutil.rmtree(work, ignore_errors=True)
    return 0


def _install_peer(work: Path, name: str) -> list[str]:
    venv = work / f"{name}-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", name], check=True)
    return [str(venv / "bin" / "checkov"), "--quiet", "--compact", "-o", "json"]


if __name__ == "__main__":
    raise SystemExit(main())
