"""Limits that keep one hostile or broken file from exhausting the machine: per file, the deadline, and
the evaluation budget.

Defaults are generous for real code (the largest .tf in the public corpora is about 100 KB) and can
be changed in the configuration under `limits:`. A file over a limit becomes a SOV000 "skipped: …"
finding; the scan goes on. The evaluation of Terraform shares one `Budget` per scan (module
instances, expression steps, value sizes, time), checked before anything is built.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, NamedTuple, TypeVar

from sovlint.errors import ParseError


class Limits(NamedTuple):
    max_file_mb: float = 20.0  # any file
    max_hcl_mb: float = 2.0  # HCL files: python-hcl2's parser needs ~300 bytes of memory per byte
    max_line_kb: float = 512.0  # one line of HCL (a 10 MB line would cost gigabytes to parse)
    timeout_s: float = 30.0  # per file, parsing included; per root module, evaluation included
    module_instances: int = 4096  # module instances expanded per root module
    eval_steps: int = 500_000  # expression evaluation steps per root module (a few seconds; real code: < 2,000)
    value_size: int = 1_000_000  # characters of a string, elements of a list or map, bits of a number

    @classmethod
    def checked(cls, **values: Any) -> Limits:
        """Limits as a configuration sets them; ValueError names one that is not a finite number above 0."""
        limits = cls(**values)
        for name, value in limits._asdict().items():
            if not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ValueError(f"{name}: {value!r} is not a finite number")
            if value < 0 or (value == 0 and name != "timeout_s"):  # a timeout of 0 is documented as none
                raise ValueError(f"{name}: {value!r} is not above 0")
        return limits


DEFAULT = Limits()


def check_size(size: int, limits: Limits, hcl: bool) -> None:
    cap = limits.max_hcl_mb if hcl else limits.max_file_mb
    if size > cap * 1024 * 1024:
        kind = "HCL " if hcl else ""
        raise ParseError(f"skipped: the file is {size / 1048576:.1f} MB, over the {cap:g} MB limit for {kind}files")


def read_bounded(stream: Any, cap: int) -> bytes:
    """At most cap + 1 bytes of a stream (one more than allowed says it is over), a megabyte at a time."""
    chunks: list[bytes] = []
    size = 0
    while size <= cap:
        chunk = stream.read(min(1 << 20, cap + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def check_lines(text: str, limits: Limits) -> None:
    """ParseError when a line of `text` is longer than the limit (measured in C first: most files pass)."""
    cap = limits.max_line_kb * 1024
    if len(text) <= cap or max(map(len, text.split("\n"))) <= cap:
        return
    longest, line = 0, 0
    start = 0
    for number, end in enumerate(_newlines(text), 1):
        if end - start > longest:
            longest, line = end - start, number
        start = end + 1
    if longest > limits.max_line_kb * 1024:
        raise ParseError(
            f"skipped: line {line} is {longest // 1024} KB long, over the {limits.max_line_kb:g} KB limit", line
        )


def _newlines(text: str) -> Iterator[int]:
    position = text.find("\n")
    while position != -1:
        yield position
        position = text.find("\n", position + 1)
    yield len(text)


T = TypeVar("T")


class TimedOut(ParseError):
    """A parse cut by the time limit: reported, never cached (the next run may finish it)."""


class Expired(BaseException):  # not an Exception: parsers that catch Exception must not swallow it
    """The deadline's signal, raised wherever Python runs, at the line of the file that reading had reached (see
    `reached`); a parse that knows where it was sets `line` more precisely."""

    def __init__(self) -> None:
        super().__init__()
        self.line = _Reached.line


class _Reached:
    line = 1


def reached(line: int) -> None:
    """Note the line of the file being read that reading has reached: a deadline that expires now names it. Also
    where a parse stopped, so that the deadline's signal, which repeats while the stop is carried out, names it too."""
    _Reached.line = line


class _Held:
    """How many `held()` blocks the running code is in, and whether the deadline expired in one of them."""

    depth = 0
    due = False


@contextmanager
def held() -> Iterator[Callable[[], bool]]:
    """Within it the deadline's signal is noted, not raised: for C code that calls back into Python and cannot carry an
    exception out of its callback (tree-sitter leaves it set, and the next call into Python fails with a SystemError).
    The callback asks the function this yields whether time is up and makes the C code stop; the expiry is raised as
    the block ends (and as its exception, if the block ends with one)."""
    outermost = _Held.depth == 0
    if outermost:
        _Held.due = False
    _Held.depth += 1
    try:
        yield lambda: _Held.due
    finally:
        _Held.depth -= 1
        if outermost and _Held.due:
            _Held.due = False
            raise Expired()


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise ParseError when the block runs longer than `seconds` (main thread on POSIX; else no limit)."""
    import signal  # imported when a file is parsed: a run whose files are all cached parses none
    import threading

    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    armed, raised = [True], [False]
    _Reached.line = 1

    def expire(signum: int, frame: object) -> None:
        if armed[0]:
            if _Held.depth:
                _Held.due = True
            else:
                raised[0] = True
                raise Expired()

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        try:
            # It fires again every 50 ms: an expiry raised inside a garbage-collector callback or
            # a __del__ is swallowed by Python, and must not let the parse run on unbounded.
            signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)
            yield
            if raised[0]:  # swallowed so, and the block ended before the next: it still ran out of time
                raise Expired()
        finally:
            armed[0] = False  # a signal that lands from here on is ignored
            signal.setitimer(signal.ITIMER_REAL, 0)
    except Expired as stop:
        raise TimedOut(f"skipped: parsing took longer than the {seconds:g} s limit", stop.line) from None
    finally:
        signal.signal(signal.SIGALRM, previous)


def within(seconds: float, work: Callable[[], T]) -> T:
    """work() under `deadline(seconds)`. A signal that lands as the work ends is handled when Python next
    calls a function: in the context manager's exit, outside its own try. It is still a timeout here."""
    try:
        with deadline(seconds):
            return work()
    except Expired as stop:
        raise TimedOut(f"skipped: parsing took longer than the {seconds:g} s limit", stop.line) from None


class BudgetExceeded(Exception):
    """An evaluation that would go over the budget: what was evaluated becomes unknown, and is reported."""


class Budget:
    """What the evaluation of one scan may spend: per root module (`root()` starts one) and, at
    SCAN_ROOTS times that, per scan.

    `exceeded` holds the budget hit since it was last reported, so that a SOV000 is given at the
    place that caused it, once per root. `memo` keeps evaluated values (locals, variables) per instance.
    """

    __slots__ = (
        "limits",
        "steps",
        "instances",
        "total_steps",
        "total_instances",
        "ends",
        "exceeded",
        "spent",
        "spent_scan",
        "said",
        "cycles",
        "memo",
    )

    def __init__(
        self,
        limits: Limits = DEFAULT,
        steps: int = 0,
        instances: int = 0,
        total_steps: int = 0,
        total_instances: int = 0,
        ends: float = math.inf,
        exceeded: str = "",
        spent: str = "",
        spent_scan: str = "",
        cycles: int = 0,
    ) -> None:
        self.limits = limits
        self.steps = steps
        self.instances = instances
        self.total_steps = total_steps
        self.total_instances = total_instances
        self.ends = ends  # monotonic time at which the current root's evaluation stops
        self.exceeded = exceeded
        self.spent = spent  # why the current root may evaluate nothing more
        self.spent_scan = spent_scan  # why the scan may evaluate nothing more
        self.said: set[str] = set()  # budget hits reported in this root
        self.cycles = cycles  # reference cycles met: a value computed across one is not memoised
        self.memo: dict[Any, Any] = {}

    def root(self) -> None:
        self.steps = self.instances = 0
        self.said.clear()
        self.spent = self.spent_scan
        self.ends = time.monotonic() + self.limits.timeout_s if self.limits.timeout_s else math.inf

    def step(self) -> None:
        self.steps += 1
        self.total_steps += 1
        if self.spent:  # once spent, every further step of this root stops at once
            self._over(self.spent)
        if self.steps > self.limits.eval_steps:
            self._stop(f"over the budget of {self.limits.eval_steps:,} evaluation steps per root module")
        if self.total_steps > self.limits.eval_steps * SCAN_ROOTS:
            self.spent_scan = f"over the budget of {self.limits.eval_steps * SCAN_ROOTS:,} evaluation steps per scan"
            self._stop(self.spent_scan)
        if not self.steps & 0xFFF:
            self.check_time()

    def check_time(self) -> None:
        """Stop the root's evaluation when its time is up (an expression's parse checks it as it goes)."""
        if time.monotonic() > self.ends:
            self._stop(f"over the {self.limits.timeout_s:g} s limit for evaluating a root module")

    def _stop(self, why: str) -> None:
        self.spent = why
        self._over(why)

    def size(self, size: int, what: str = "characters") -> None:
        """Refuse a value of `size` before it is built."""
        if size > self.limits.value_size:
            self._over(f"a value of {size:,} {what}, over the budget of {self.limits.value_size:,}")

    def instance(self) -> str:
        """Count one module instance: '' while the budget lasts, else why not."""
        self.instances += 1
        self.total_instances += 1
        if self.instances > self.limits.module_instances:
            return f"over the budget of {self.limits.module_instances:,} module instances per root module"
        if self.total_instances > self.limits.module_instances * SCAN_ROOTS:
            return f"over the budget of {self.limits.module_instances * SCAN_ROOTS:,} module instances per scan"
        return ""

    def _over(self, why: str) -> None:
        self.exceeded = self.exceeded or why
        raise BudgetExceeded(why)

    def reported(self) -> str:
        """The budget hit since the last call, the first time it happens in this root; else ''."""
        why, self.exceeded = self.exceeded, ""
        if why in self.said:
            return ""
        if why:
            self.said.add(why)
        return why


SCAN_ROOTS = 8  # a scan may spend the budget of this many root modules

_BUDGET: ContextVar[Budget | None] = ContextVar("sovlint_budget", default=None)
_UNBOUNDED = Budget(Limits(module_instances=2**62, eval_steps=2**62, timeout_s=1e12))


def budget() -> Budget:
    """The budget of the scan under way (outside a scan: unbounded counts, bounded sizes)."""
    return _BUDGET.get() or _UNBOUNDED


@contextmanager
def evaluation(spend: Budget) -> Iterator[Budget]:
    """Make `spend` the budget of what runs inside the block."""
    token = _BUDGET.set(spend)
    try:
        yield spend
    finally:
        _BUDGET.reset(token)
