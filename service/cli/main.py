"""python -m service migrate | import FILE | verify TEXT... | extract FILE | ingest FILE... |
backup PATH | restore PATH | index build|status | serve | keys | openapi | settings

Each command is a thin module of its own on the same use cases as the API.
"""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Sequence

from service.cli import (
    article_commands,
    database_commands,
    import_command,
    index_commands,
    key_commands,
    verify_command,
)
from service.settings import get_settings, settings_table


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m service", description=__doc__.split("\n\n")[0])
    sub = root.add_subparsers(dest="command", required=True)
    database_commands.add_parsers(sub)
    import_command.add_parser(sub)
    index_commands.add_parser(sub)
    verify_command.add_parser(sub)
    article_commands.add_parsers(sub)
    key_commands.add_parser(sub)
    sub.add_parser("openapi", help="print the OpenAPI document (python -m service openapi > docs/openapi.json)")
    sub.add_parser("settings", help="print the settings as the markdown table of docs/configuration.md")
    p_serve = sub.add_parser("serve", help="run the service; SIGTERM finishes requests in flight and exits 0")
    p_serve.add_argument("--host", default="127.0.0.1")
    p_serve.add_argument("--port", type=int, default=8000)
    p_serve.add_argument(
        "--workers", type=int, default=None, help="worker processes (default: WEB_CONCURRENCY, else 1)"
    )
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = get_settings()
    if args.command == "keys":
        return key_commands.run(args)
    if args.command == "openapi":
        from service.app import create_app

        print(json.dumps(create_app(settings).openapi(), indent=2, ensure_ascii=False))
        return 0
    if args.command == "settings":
        print(settings_table(), end="")
        return 0
    if args.command == "serve":
        from service.http.server import serve

        return serve(host=args.host, port=args.port, workers=args.workers or settings.web_concurrency)
    if args.command in ("migrate", "backup", "restore"):
        return database_commands.run(args, settings)
    if args.command == "import":
        return import_command.run(args, settings)
    if args.command == "index":
        return index_commands.run(args, settings)
    if args.command in ("extract", "ingest"):
        return article_commands.run(args, settings)
    return verify_command.run(args, settings)
