"""Package the browser extension as a zip that Chromium and Firefox install.

    python extension/pack.py [OUT_DIR]      # writes OUT_DIR/quote-check-<version>.zip (default dist/)

The zip holds the files the extension runs (manifest.json at its root) and nothing else; entries
are sorted and dated 1980-01-01, so the same sources always give the same bytes. Nothing is built:
the extension is plain JavaScript modules, HTML and CSS.
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
# What the extension loads; this script and anything else in the folder stay out.
SHIPPED_SUFFIXES = {".json", ".js", ".html", ".css", ".png"}
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def shipped_files() -> list[Path]:
    return sorted(p for p in HERE.iterdir() if p.is_file() and p.suffix in SHIPPED_SUFFIXES)


def pack(out_dir: Path) -> Path:
    version = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))["version"]
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"quote-check-{version}.zip"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in shipped_files():
            entry = zipfile.ZipInfo(path.name, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, path.read_bytes())
    return target


if __name__ == "__main__":
    print(pack(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("dist")))
