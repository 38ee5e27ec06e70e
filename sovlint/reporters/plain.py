"""What rich prints for plain text and for a simple table, without importing rich.

A console report to a pipe or a file (pre-commit, CI) has no colour, and importing rich takes longer than
a cached one-file scan. Without colour, `Console` writes lines as they are and prints a table as rich's
`box.SIMPLE_HEAD` table does, byte for byte (tests/reporters compares them). Whatever it cannot print
exactly as rich would (a tab, a character of another width, a cell rich would trim, a table wider than
the console) it leaves to a rich console on the same buffer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import IO, Any

WIDTH = 100  # the console reporter's width


class Console:
    """Prints into `file` as a rich Console without colour would; `rich()` is the console for the rest."""

    def __init__(self, file: IO[str], rich: Callable[[], Any]) -> None:
        self.file = file
        self._rich = rich
        self._made: Any = None

    def rich(self) -> Any:
        if self._made is None:
            self._made = self._rich()
        return self._made

    def print(self, text: str = "") -> None:
        if text.isascii() and text.isprintable():
            self.file.write(text + "\n")
        else:
            self.rich().print(text)

    def table(self, title: str, columns: Sequence[tuple[str, bool]], rows: Sequence[Sequence[str]]) -> bool:
        """Print a table (columns: header and whether it is right-justified); False when it cannot be exact."""
        cells = [[name for name, _ in columns], *rows]
        if not all(cell.isascii() and cell.isprintable() and cell == cell.strip() for row in cells for cell in row):
            return False
        widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
        total = sum(widths) + 3 * (len(widths) - 1) + 2  # a space of padding either side of each divider, edges
        if total > WIDTH or not title.isascii() or not title.isprintable():
            return False
        lines = [title, " " * total]
        for n, row in enumerate(cells):
            justified = [
                cell.rjust(width) if right else cell.ljust(width)
                for cell, width, (_, right) in zip(row, widths, columns, strict=True)
            ]
            lines.append(" " + "   ".join(justified) + " ")
            if n == 0:
                lines.append(" " + "─" * (total - 2) + " ")
        lines.append(" " * total)
        self.file.write("".join(line + "\n" for line in lines))
        return True
