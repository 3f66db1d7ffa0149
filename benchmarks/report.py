"""Write a benchmark's tables into docs/benchmarks.md, each in a section of its own.

Why: figures are written by the scripts that measure them, never by hand. A section sits between
`<!-- NAME:start -->` and `<!-- NAME:end -->`; rewriting it leaves the others alone, and every
section says when, on which commit and on what machine it was measured, and the command that
printed it.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS_MD = ROOT / "docs" / "benchmarks.md"
HEADER = "# Benchmarks\n\nEach section is written by the script that measured it; do not edit them by hand.\n"


def provenance(command: str) -> str:
    """When, on which commit and on what machine; and the command that printed the figures."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", ".", ":!docs/benchmarks.md"],  # the figures written so far aside
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if dirty.stdout.strip():
        commit += " with uncommitted changes"
    cpu = platform.processor() or platform.machine()
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"
    return f"Measured {when}, commit {commit or 'unknown'}, {machine}.\n\n    {command}\n"


def write_section(name: str, title: str, body: str, *, command: str, path: Path = BENCHMARKS_MD) -> None:
    """Replace (or append) the section `name` of the benchmarks document."""
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    section = f"{start}\n## {title}\n\n{provenance(command)}\n{body.strip()}\n{end}"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        text = before + section + rest.split(end, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")


class Recording:
    """What a script prints, kept as well as shown: `with recording() as out: ...; out.text`."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._stdout = sys.stdout

    def write(self, text: str) -> int:
        self._parts.append(text)
        return self._stdout.write(text)

    def flush(self) -> None:
        self._stdout.flush()

    @property
    def text(self) -> str:
        return "".join(self._parts)


@contextmanager
def recording() -> Iterator[Recording]:
    out = Recording()
    sys.stdout = out  # type: ignore[assignment]
    try:
        yield out
    finally:
        sys.stdout = out._stdout


def write_printed(name: str, title: str, printed: str, *, argv: list[str]) -> None:
    """A script's printed figures, as they were printed, into its section of docs/benchmarks.md."""
    command = "python " + " ".join(argv)
    write_section(name, title, "```\n" + printed.rstrip() + "\n```\n", command=command)


def run(main: Callable[[], int | None], name: str, title: str) -> int:
    """Run a benchmark's `main`; with `--write` among the arguments, its printed figures also go
    into the section `name` of docs/benchmarks.md (only when it succeeded)."""
    write = "--write" in sys.argv
    if write:
        sys.argv.remove("--write")
    argv = [f"benchmarks/{Path(sys.argv[0]).name}", *sys.argv[1:]]
    with recording() as out:
        code = main() or 0
    if write and code == 0:
        write_printed(name, title, out.text, argv=[*argv, "--write"])
    return code
