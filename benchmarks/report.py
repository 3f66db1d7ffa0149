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
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, check=False)
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
