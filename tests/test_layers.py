"""The layers stay one-way: the engines are libraries, storage knows no use case, the use cases no HTTP.

Every module of `service/` is read (its imports, not run) and each import is checked against the
rule of the layer it sits in. The layers, bottom up:

- engines: `matching/` and `extraction/`, pure (the standard library, numpy, rapidfuzz; trafilatura
  for reading HTML pages), and independent of each other;
- `storage/`: tables, sessions, repositories; it may use `matching.normalise` for the text form its
  ids are derived from, and nothing above it;
- `core/`: the use cases, on the engines and storage; no HTTP, no command line;
- `http/` and `cli/`: on top.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SERVICE = ROOT / "service"
STDLIB = sys.stdlib_module_names
ENGINE_LIBRARIES = {"numpy", "rapidfuzz"}

# layer -> (service packages it may import, third-party packages it may import; None: any)
RULES: dict[str, tuple[set[str], set[str] | None]] = {
    "matching": ({"matching"}, ENGINE_LIBRARIES),
    "extraction": ({"extraction"}, {"trafilatura", "lxml_html_clean", "lxml"}),
    "storage": ({"storage", "errors", "settings", "matching.normalise", "data"}, None),
    "core": ({"core", "matching", "extraction", "storage", "errors", "settings"}, {"sqlalchemy", "sqlmodel"}),
}
WEB = {"fastapi", "starlette", "uvicorn", "jinja2", "httpx"}


def imports_of(path: Path) -> list[str]:
    """Every module a file imports, absolute, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            found.append(module)
            found += [f"{module}.{a.name}" for a in node.names]  # `from service.matching import normalise`
    return found


def layer_of(path: Path) -> str | None:
    parts = path.relative_to(SERVICE).parts
    return parts[0] if len(parts) > 1 and parts[0] in RULES else None


def violations() -> list[str]:
    out = []
    for path in sorted(SERVICE.rglob("*.py")):
        layer = layer_of(path)
        if layer is None:
            continue
        allowed_service, allowed_third = RULES[layer]
        for module in imports_of(path):
            top = module.split(".")[0]
            if top == "__future__" or top in STDLIB:
                continue
            if top == "service":
                inside = module.removeprefix("service.")
                if inside == "service" or any(inside == a or inside.startswith(a + ".") for a in allowed_service):
                    continue
                if "." not in inside and any(a.startswith(inside + ".") for a in allowed_service):
                    continue  # `from service import matching` on the way to an allowed submodule
                out.append(f"{path.relative_to(ROOT)} imports {module}")
            elif top in WEB or (allowed_third is not None and top not in allowed_third):
                out.append(f"{path.relative_to(ROOT)} imports {module}")
    return out


def test_each_layer_imports_only_what_is_below_it() -> None:
    assert violations() == []


def test_the_html_reader_is_the_only_engine_module_that_needs_trafilatura() -> None:
    users = {
        p.name
        for p in (SERVICE / "extraction").rglob("*.py")
        if any(m.split(".")[0] in {"trafilatura", "lxml_html_clean"} for m in imports_of(p))
    }
    assert users <= {"html_text.py"}


@pytest.mark.parametrize("package", ["tests.matching", "tests.extraction"])
def test_engine_tests_run_without_the_web_stack(package: str) -> None:
    modules = sorted(
        p.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".")
        for p in (ROOT / package.replace(".", "/")).glob("test_*.py")
    )
    code = (
        "import importlib, sys\n"
        "importlib.import_module('tests.conftest')\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"loaded = sorted(n for n in sys.modules if n.split('.')[0] in {sorted(WEB)!r})\n"
        "print(','.join(loaded))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
