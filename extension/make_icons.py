"""Draw the extension's icons (a white check mark on a blue disc) as PNG files, without an image library.

    python extension/make_icons.py      # writes extension/icon-16.png ... icon-128.png

Each pixel is the share of 4x4 sub-samples inside the shape, so the edges are anti-aliased at
every size. The PNG files are committed; run this again only to change the drawing.
"""

from __future__ import annotations

import math
import struct
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = (16, 32, 48, 128)
BLUE = (11, 87, 208)
WHITE = (255, 255, 255)
SUBSAMPLES = 4
# The check mark's two strokes, in units of the icon's side, and their half-width.
STROKES = (((0.28, 0.52), (0.44, 0.68)), ((0.44, 0.68), (0.73, 0.34)))
HALF_WIDTH = 0.075


def _distance_to_segment(x: float, y: float, a: tuple[float, float], b: tuple[float, float]) -> float:
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (ax + t * dx), y - (ay + t * dy))


def _pixel(px: int, py: int, size: int) -> tuple[int, int, int, int]:
    disc = mark = 0
    for sx in range(SUBSAMPLES):
        for sy in range(SUBSAMPLES):
            x = (px + (sx + 0.5) / SUBSAMPLES) / size
            y = (py + (sy + 0.5) / SUBSAMPLES) / size
            if math.hypot(x - 0.5, y - 0.5) <= 0.48:
                disc += 1
                if any(_distance_to_segment(x, y, a, b) <= HALF_WIDTH for a, b in STROKES):
                    mark += 1
    if not disc:
        return 0, 0, 0, 0
    share = mark / disc
    rgb = tuple(round(w * share + b * (1 - share)) for w, b in zip(WHITE, BLUE, strict=True))
    return (*rgb, round(255 * disc / SUBSAMPLES**2))  # type: ignore[return-value]


def png(size: int) -> bytes:
    rows = b"".join(b"\x00" + b"".join(bytes(_pixel(px, py, size)) for px in range(size)) for py in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    for size in SIZES:
        (HERE / f"icon-{size}.png").write_bytes(png(size))
        print(HERE / f"icon-{size}.png")
