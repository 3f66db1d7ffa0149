"""What kind of document an upload is: binary, an HTML page, or plain text.

Sniffing looks only at bytes and at how a document opens; reading an HTML page is left to
:mod:`.html_text`. Shared by the API (request bodies) and the command line (article files).
"""

from __future__ import annotations

# How far into a document the HTML sniffing looks: a doctype or <html> comes first in every real page,
# after at most a byte-order mark, whitespace and an XML declaration or comment.
SNIFF_CHARS = 1024
_HTML_OPENINGS = ("<!doctype html", "<html")
# File names that say "web page" even when the page opens with something else (a fragment, a comment).
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


def binary_problem(data: bytes) -> str | None:
    """Why ``data`` is not text (a NUL byte or invalid UTF-8, with the offset), or None when it is.

    >>> binary_problem(b'{"text": "ok"}') is None
    True
    >>> binary_problem(b'{"text": "\\xff"}')
    'invalid UTF-8 at byte 10'
    >>> binary_problem(b"PK\\x03\\x04\\x00")
    'a NUL byte at byte 4'
    """
    nul = data.find(b"\x00")
    if nul >= 0:
        return f"a NUL byte at byte {nul}"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"invalid UTF-8 at byte {exc.start}"
    return None


def looks_like_html(document: str) -> bool:
    """True when ``document`` opens as an HTML page (a doctype or an ``<html>`` element).

    >>> looks_like_html("\\ufeff<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html("Harbour opens\\n\\nThe mayor said <b> is a tag.")
    False
    """
    head = document[:SNIFF_CHARS].lstrip("\ufeff \t\r\n").lower()
    if head.startswith("<?xml"):
        head = head[head.find("?>") + 2 :].lstrip()
    while head.startswith("<!--") and "-->" in head:
        head = head[head.find("-->") + 3 :].lstrip()
    return head.startswith(_HTML_OPENINGS)
