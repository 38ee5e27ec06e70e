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
