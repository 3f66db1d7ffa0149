"""The extension's zip: everything the manifest and its pages load is inside, and nothing else."""

from __future__ import annotations

import json
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "extension"))
from pack import pack  # type: ignore[import-not-found]  # noqa: E402

sys.path.pop(0)


def _loaded_by(archive: zipfile.ZipFile) -> set[str]:
    manifest = json.loads(archive.read("manifest.json"))
    named = {manifest["background"]["service_worker"], *manifest["background"]["scripts"]}
    named |= {manifest["action"]["default_popup"], manifest["options_ui"]["page"], "result.html"}
    named |= set(manifest["icons"].values()) | set(manifest["action"]["default_icon"].values())
    pending = [n for n in named if n.endswith((".html", ".js"))]
    present = set(archive.namelist())
    while pending:  # the pages' scripts and styles, and the modules those import
        page = pending.pop()
        if page not in present:
            continue  # reported missing by the caller
        source = archive.read(page).decode("utf-8")
        for found in re.findall(r'(?:src|href)="([\w.-]+\.(?:js|css))"|from "\./([\w.-]+\.js)"', source):
            name = found[0] or found[1]
            if name not in named:
                named.add(name)
                if name.endswith(".js"):
                    pending.append(name)
    return named


def test_the_zip_holds_every_file_the_extension_loads_and_no_other(tmp_path: Path) -> None:
    with zipfile.ZipFile(pack(tmp_path)) as archive:
        names = set(archive.namelist())
        assert "manifest.json" in names  # at the root, where browsers look for it
        loaded = _loaded_by(archive)
        assert loaded <= names, f"missing from the zip: {sorted(loaded - names)}"
        assert names - loaded == {"manifest.json"}, f"shipped but never loaded: {sorted(names - loaded)}"


def test_packing_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    first = pack(tmp_path / "a").read_bytes()
    assert pack(tmp_path / "b").read_bytes() == first
