"""Inputs built to exhaust time or memory: each scan runs in a process capped at 1 GB and 60 s, and must
end on its own, with the budget it hit reported at the place that caused it."""

import json
import os
import resource
import signal
import subprocess
import sys
import time

import pytest

from conftest import REPO, write_tree

MEMORY = 1024**3
SECONDS = 60


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def children_cpu() -> float:
    """CPU seconds of the child processes ended so far: a bound on work that a loaded machine does not change."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def capped(root, *args, stdin=None, fmt="json"):
    """Run sovlint on `root` in a child process under the memory cap and SECONDS; (status, report, stderr)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "sovlint", "--no-cache", "--format", fmt, *args],
        cwd=root,
        env=env,
        stdin=stdin,
        capture_output=True,
        preexec_fn=_cap,
        timeout=SECONDS,
    )
    err = done.stderr.decode("utf-8", "replace")
    assert "internal error" not in err and "MemoryError" not in err, err
    report = json.loads(done.stdout) if fmt == "json" and done.returncode in (0, 1) else None
    return done.returncode, report, err


def _found(report):
    return [(f["rule_id"], f["file"], f["line"], f["message"]) for f in report["findings"]]


MODULE = 'resource "aws_s3_bucket" "b" {\n  region = "us-east-1"\n}\n'
PROVIDER = 'provider "aws" {\n  region = "eu-west-1"\n}\n'  # a root module: unresolved locations are reported


def test_a_huge_count_is_never_built(tmp_path):
    write_tree(tmp_path, {"main.tf": 'module "m" {\n  source = "./m"\n  count  = 100000000\n}\n', "m/main.tf": MODULE})
    status, report, _ = capped(tmp_path, ".")
    found = _found(report)
    assert status == 1
    assert (
        "SOV000",
        "main.tf",
        1,
        "could not evaluate: module.m has more than 64 instances; only the first 64 are evaluated",
    ) in found
    assert 1 <= sum(rule == "SOV101" for rule, *_ in found) <= 64


def _nested(depth: int, calls: int, count: str = "") -> dict[str, str]:
    files = {}
    for level in range(depth):
        here = "." if level == 0 else "/".join(["m"] * level)
        blocks = "".join(f'module "c{i}" {{\n  source = "./m"\n{count}}}\n' for i in range(calls))
        files[f"{here}/main.tf"] = blocks + MODULE
    files["/".join(["m"] * depth) + "/main.tf"] = MODULE
    return files


@pytest.mark.parametrize(
    "tree",
    [
        pytest.param(_nested(4, 1, "  count = 64\n"), id="count-64-four-deep"),
        pytest.param(_nested(12, 3), id="three-calls-twelve-deep"),
    ],
)
def test_module_instances_have_one_budget(tmp_path, tree):
    write_tree(tmp_path, tree)
    status, report, _ = capped(tmp_path, ".")
    budget = [f for f in _found(report) if f[0] == "SOV000"]
    assert status == 1
    assert len(budget) == 1 and "budget of 4,096 module instances" in budget[0][3], budget
    assert any(rule == "SOV101" and file == "main.tf" for rule, file, *_ in _found(report))


def test_locals_are_evaluated_once(tmp_path):
    chain = ['  a0 = "us-east-1"\n'] + [
        f'  a{i} = local.a{i - 1} == "" ? local.a{i - 1} : local.a{i - 1}\n' for i in range(1, 61)
    ]
    write_tree(
        tmp_path,
        {"main.tf": "locals {\n" + "".join(chain) + '}\nresource "aws_s3_bucket" "b" {\n  region = local.a60\n}\n'},
    )
    started = children_cpu()
    status, report, _ = capped(tmp_path, ".")
    assert children_cpu() - started < 15
    assert sorted(f[0] for f in _found(report)) == ["SOV101", "SOV201"]


def test_values_are_bounded_before_they_are_built(tmp_path):
    doubling = ['  s0 = "us-east-1"\n'] + [f'  s{i} = "${{local.s{i - 1}}}${{local.s{i - 1}}}"\n' for i in range(1, 50)]
    write_tree(
        tmp_path,
        {
            "main.tf": "locals {\n"
            + "".join(doubling)
            + '}\nresource "aws_s3_bucket" "b" {\n  region = local.s49\n}\n'
            + 'resource "aws_s3_bucket" "c" {\n  region = "${"a" * 30000000000}"\n}\n'
            + PROVIDER
        },
    )
    status, report, _ = capped(tmp_path, ".")
    messages = {(f[0], f[2]): f[3] for f in _found(report)}
    assert status == 1
    assert messages[("SOV000", 53)] == (
        "could not evaluate: aws_s3_bucket.b: a value of 1,179,648 characters, over the budget of 1,000,000"
    )
    assert "could not evaluate" in messages[("SOV102", 54)]
    assert "operator *: 'a' is not a number" in messages[("SOV102", 57)]  # Terraform rejects string * number


def _output_chain(extra: dict[str, str] | None = None) -> dict[str, str]:
    # each module's output reads its child's four times: 4^14 evaluations through module outputs
    use = 'module.n.o == module.n.o && module.n.o != "" ? module.n.o : "x"'
    files = {
        "main.tf": PROVIDER
        + 'module "n" {\n  source = "./m"\n}\nresource "aws_s3_bucket" "b" {\n  region = '
        + use
        + "\n}\n",
        **(extra or {}),
    }
    for depth in range(1, 14):
        files["/".join(["m"] * depth) + "/main.tf"] = (
            'module "n" {\n  source = "./m"\n}\noutput "o" {\n  value = ' + use + "\n}\n"
        )
    files["/".join(["m"] * 14) + "/main.tf"] = 'output "o" {\n  value = "us-east-1"\n}\n'
    return files


def test_expression_steps_have_a_budget(tmp_path):
    write_tree(tmp_path, _output_chain())
    status, report, _ = capped(tmp_path, ".")
    found = {(f[0], f[2]): f[3] for f in _found(report) if f[1] == "main.tf"}
    assert status == 1
    assert found[("SOV000", 7)] == (
        "could not evaluate: aws_s3_bucket.b: over the budget of 500,000 evaluation steps per root module"
    )
    assert "could not evaluate: over the budget" in found[("SOV102", 8)]


def test_evaluation_has_the_time_limit_of_a_root_module(tmp_path):
    # Steps enough for minutes of evaluation: the time limit stops it, however fast the machine
    write_tree(tmp_path, _output_chain({".sovlint.yaml": "limits: {timeout_s: 0.5, eval_steps: 100000000}\n"}))
    started = children_cpu()
    status, report, _ = capped(tmp_path, ".")
    assert children_cpu() - started < 10
    found = {(f[0], f[2]): f[3] for f in _found(report) if f[1] == "main.tf"}
    assert found[("SOV000", 7)] == (
        "could not evaluate: aws_s3_bucket.b: over the 0.5 s limit for evaluating a root module"
    )


def test_yaml_aliases_are_bounded_across_list_items(tmp_path):
    containers = "".join(f"      - {{name: c{i}, image: gcr.io/p/i{i}}}\n" for i in range(40))
    head = f"apiVersion: v1\nkind: List\nitems:\n  - &p\n    apiVersion: v1\n    kind: Pod\n    metadata: {{name: p}}\n    spec:\n      containers:\n{containers}"
    document = head + "  - *p\n" * 3000  # 540,000 nodes once expanded: under a per-document limit
    write_tree(tmp_path, {"bomb.yaml": document + "---\n" + document})
    status, report, _ = capped(tmp_path, ".")
    assert status == 1
    (only,) = _found(report)
    assert only[:3] == ("SOV000", "bomb.yaml", 1) and "aliases" in only[3]


def test_an_alias_bomb_in_the_config(tmp_path):
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    write_tree(tmp_path, {".sovlint.yaml": bomb + "exclude: *i\n", "main.tf": MODULE})
    status, _, err = capped(tmp_path, ".")
    assert status == 2
    assert ".sovlint.yaml: more than 100000 values once its aliases are expanded" in err


LOOP = "an alias refers to the node that contains it, so its value would never end"
POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx\n"


@pytest.mark.parametrize(
    ("files", "where"),
    [
        (
            {"cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  loop: &l [*l]\n"},
            ("cm.yaml", 6),
        ),
        (
            {"k/kustomization.yaml": "resources: [pod.yaml]\nx: &l {a: *l}\n", "k/pod.yaml": POD},
            ("k/kustomization.yaml", 2),
        ),
        ({"k/kustomization.yaml": "resources: [pod.yaml]\n", "k/pod.yaml": POD + "x: &l [[*l]]\n"}, ("k/pod.yaml", 9)),
        (
            {"c/Chart.yaml": "apiVersion: v2\nname: c\nversion: 1.0.0\n", "c/values.yaml": "a:\n  b: &l {c: *l}\n"},
            ("c/values.yaml", 2),
        ),
        ({"compose.yaml": "services:\n  web:\n    image: nginx\n    x: &l [*l]\n"}, ("compose.yaml", 4)),
    ],
)
def test_an_alias_inside_its_own_anchor_is_an_error_at_its_line(tmp_path, files, where):
    write_tree(tmp_path, {**files, "main.tf": MODULE})
    started = children_cpu()
    status, report, _ = capped(tmp_path, ".")
    assert children_cpu() - started < 10  # it used to run into the 30 s limit and take gigabytes
    found = _found(report)
    assert ("SOV000", *where, f"invalid YAML: {LOOP}") in found
    assert ("SOV101", "main.tf") in [f[:2] for f in found]  # the rest of the scan goes on


def test_an_alias_inside_its_own_anchor_in_the_config(tmp_path):
    write_tree(tmp_path, {".sovlint.yaml": "exclude: []\nrules: &r\n  SOV201: *r\n", "main.tf": MODULE})
    status, _, err = capped(tmp_path, ".")
    assert status == 2
    assert f".sovlint.yaml:2: invalid YAML: {LOOP}" in err, err


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("limits: {timeout_s: .nan}\n", "limits.timeout_s: nan is not a finite number"),
        ("limits: {max_file_mb: .inf}\n", "limits.max_file_mb: inf is not a finite number"),
    ],
)
def test_config_values_that_would_switch_limits_off(tmp_path, config, message):
    write_tree(tmp_path, {".sovlint.yaml": config, "main.tf": MODULE})
    status, _, err = capped(tmp_path, ".")
    assert status == 2 and message in err, err


def test_a_baseline_that_is_not_a_file_is_refused(tmp_path):
    write_tree(tmp_path, {"main.tf": MODULE})
    os.mkfifo(tmp_path / "fifo.json")
    for target in ("/dev/zero", "fifo.json"):
        status, _, err = capped(tmp_path, "--baseline", target, ".")
        assert status == 2 and f"{target}: not a regular file; a baseline is a JSON file" in err


def test_a_huge_baseline_is_refused(tmp_path):
    write_tree(tmp_path, {"main.tf": MODULE})
    with open(tmp_path / "base.json", "wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: costs no disk
    status, _, err = capped(tmp_path, "--baseline", "base.json", ".")
    assert status == 2 and "base.json: the baseline is 200.0 MB, over the 64 MB limit" in err


def test_stdin_is_bounded_like_a_file(tmp_path):
    with open("/dev/zero", "rb") as zero:
        status, report, _ = capped(tmp_path, "-", "--stdin-filename", "in.yaml", stdin=zero)
    assert status == 1
    assert _found(report) == [("SOV000", "in.yaml", 1, "skipped: the input is over the 20 MB limit for files")]


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    return out


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc") or (os.cpu_count() or 1) < 2, reason="needs /proc and two cores")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_workers_die_with_their_parent(tmp_path, sig):
    slow = "".join(f'resource "aws_s3_bucket" "b{i}" {{\n  region = "eu-west-{i % 3 + 1}"\n}}\n' for i in range(2000))
    write_tree(tmp_path, {f"d{i}/main.tf": slow for i in range(40)})
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    parent = subprocess.Popen(
        [sys.executable, "-m", "sovlint", "--no-cache", "--format", "json", "."],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        workers: list[int] = []
        while not workers and time.monotonic() < deadline and parent.poll() is None:
            time.sleep(0.05)
            workers = _children(parent.pid)
        assert workers, "the scan started no worker"
        parent.send_signal(sig)
        parent.wait(10)
        deadline = time.monotonic() + 30  # they end at once; a worker left behind would wait for tasks for ever
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_alive(w) for w in workers)
    finally:
        if parent.poll() is None:
            parent.kill()


def test_an_expiry_as_the_work_ends_is_a_timeout_never_an_escape():
    """The time limit's signal may land just as the work returns, when Python next calls a function: in
    the context manager's exit. It must still come out as a TimedOut (a SOV000), never as a crash."""
    import time

    from sovlint.limits import TimedOut, within

    def work(seconds: float) -> int:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            pass
        return 1

    outcomes = set()
    for i in range(400):  # durations on both sides of the 2 ms limit, so some expiries land at the end
        try:
            outcomes.add(within(0.002, lambda i=i: work(0.0015 + (i % 10) * 0.0001)))
        except TimedOut:
            outcomes.add("timed out")
    assert outcomes <= {1, "timed out"}


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_an_expiry_swallowed_by_a_finalizer_is_still_a_timeout():
    """Python swallows an exception raised in a __del__ or a garbage-collector callback: work that had run out of time,
    and ended before the deadline's signal came again 50 ms later, was taken as done in time."""
    from sovlint.limits import TimedOut, within

    class Finalized:
        def __del__(self) -> None:
            end = time.perf_counter() + 30
            while time.perf_counter() < end:  # until the deadline's signal lands here, and is swallowed
                pass

    def work() -> str:
        Finalized()  # freed at once: its __del__ runs until the deadline expires
        return "done"

    with pytest.raises(TimedOut, match=r"longer than the 0\.01 s limit"):
        within(0.01, work)


HANDED_OK = (
    'resource "kubectl_manifest" "ok" {\n  yaml_body = "apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: p\\n'
    'spec:\\n  containers:\\n    - name: a\\n      image: docker.io/nginx:1\\n"\n}\n'
)
BIG = 'locals {\n  big = join("", [for i in range(99): "' + "x" * 100 + '"])\n}\n'  # 9,900 of the 10,000 characters


@pytest.mark.parametrize(
    ("body", "files"),
    [
        ("yamlencode([for i in range(400): local.big])", {}),  # copies of one large value, encoded
        ("<<EOT\n" + "".join(f"x{i}: ${{local.big}}\n" for i in range(500)) + "EOT", {}),  # a heredoc
        ('templatefile("t.tpl", { a = local.big })', {"t.tpl": "".join(f"x{i}: ${{a}}\n" for i in range(150))}),
        ('[for i in range(60): file("big.txt")][0]', {"big.txt": "a: " + "x" * 20_000 + "\n"}),  # a file over it
    ],
)
def test_a_text_handed_to_kubernetes_is_held_to_the_value_budget(tmp_path, body, files):
    config = ".sovlint.yaml"
    write_tree(
        tmp_path,
        {
            config: "limits: {value_size: 10000}\n",
            **files,
            "main.tf": BIG + f'resource "kubectl_manifest" "m" {{\n  yaml_body = {body}\n}}\n' + HANDED_OK,
        },
    )
    status, report, _ = capped(tmp_path, ".")
    found = _found(report)
    (refused,) = [f for f in found if f[0] == "SOV000"]
    assert refused[1:3] == ("main.tf", 4) and "could not evaluate: kubectl_manifest.m: a value of" in refused[3]
    assert "over the budget of 10,000" in refused[3]
    assert [f[:2] for f in found if f[0] == "SOV203"] == [("SOV203", "main.tf")]  # the other resource is judged


def test_manifests_handed_to_kubernetes_are_read_within_the_time_of_a_root_module(tmp_path):
    containers = "".join(f"    - name: c{i}\n      image: docker.io/x/i{i}:1\n" for i in range(3000))
    pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n" + containers
    blocks = "".join(f'resource "kubectl_manifest" "m{i}" {{\n  yaml_body = file("pod.txt")\n}}\n' for i in range(400))
    write_tree(tmp_path, {".sovlint.yaml": "limits: {timeout_s: 1}\n", "pod.txt": pod, "main.tf": blocks})
    started = children_cpu()
    status, report, _ = capped(tmp_path, ".")
    assert children_cpu() - started < 30  # each block reads 3,000 images: minutes without the limit
    messages = [f[3] for f in _found(report) if f[0] == "SOV000"]
    assert messages and all("over the 1 s limit for evaluating a root module" in m for m in messages)
