"""What a scan is asked to do: the engine's options, apart from the engine, so that a run whose outcome is
kept (replay.py) names them without importing the engine, the readers or the rules."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from sovlint.limits import DEFAULT, Limits
from sovlint.model import Profile

if TYPE_CHECKING:
    import datetime

    from sovlint import baseline as baseline_mod
    from sovlint.parsing.parser import Parser


class Options(NamedTuple):
    profile: Profile
    var_files: tuple[str, ...] = ()
    variables: tuple[tuple[str, str], ...] = ()  # from --var NAME=VALUE, in order
    use_env: bool = False  # read TF_VAR_* from the environment
    helm_render: bool = False  # render Helm charts with a helm binary on PATH
    baseline: tuple[baseline_mod.Entry, ...] | None = None  # accepted findings (--baseline)
    today: datetime.date | None = None  # for suppression expiry; default: the real date
    roots: tuple[str, ...] = ()  # real paths of the scanned trees; default: the working directory
    targets: tuple[str, ...] = ()  # the paths named, from the repository root: their results are kept together
    limits: Limits = DEFAULT
    cache_dir: Path | None = None  # parsed files by content hash; None: no cache
    inline_suppressions: bool = True  # False: sovlint:ignore comments do not suppress, their findings count

    def tf_vars(self) -> dict[str, str]:
        """The `TF_VAR_*` values of the environment by variable name, with --use-env; none without it."""
        if not self.use_env:
            return {}
        return {k[len("TF_VAR_") :]: v for k, v in os.environ.items() if k.startswith("TF_VAR_")}

    def parser(self) -> Parser:
        """The reader of a scan's files, shared by the check of a kept outcome (replay.py) and the engine, so that
        each file is read and hashed once per run: its cache, limits and the suppression marker it notes."""
        from sovlint.parsing.cache import Cache
        from sovlint.parsing.parser import Parser
        from sovlint.suppress import MARKER

        return Parser(self.limits, Cache(self.cache_dir, self.roots), mark=MARKER)
