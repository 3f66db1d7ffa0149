"""`python -m service keys create | list | revoke`: manage the API keys stored in the database."""

from __future__ import annotations

import argparse
import sys

from service.core import api_keys
from service.errors import NotFoundError
from service.settings import get_settings
from service.storage import key_store, migrate
from service.storage.database import make_engine, unit_of_work


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p_keys = sub.add_parser("keys", help="create, list or revoke API keys (stored hashed in the database)")
    actions = p_keys.add_subparsers(dest="action", required=True)
    p_create = actions.add_parser("create", help="create a key and print it, once")
    p_create.add_argument("--name", required=True, help="who or what holds the key")
    p_create.add_argument("--scopes", default="read,write", help="comma-separated: read, write, admin")
    actions.add_parser("list", help="list keys (ids, names, scopes; never the keys)")
    p_revoke = actions.add_parser("revoke", help="revoke a key by its id")
    p_revoke.add_argument("id", help="the key id, as `keys list` shows it")


def run(args: argparse.Namespace) -> int:
    try:
        scopes = api_keys.parse_scopes(args.scopes) if args.action == "create" else frozenset()
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.action == "create" and not 0 < len(args.name.strip()) <= 100:
        print("error: --name must have 1 to 100 characters", file=sys.stderr)
        return 2
    engine = make_engine(get_settings().database_url)
    migrate.upgrade(engine)
    try:
        with unit_of_work(engine) as session:
            if args.action == "create":
                row, key = api_keys.create_key(session, name=args.name.strip(), scopes=scopes)
                print(key)
                print(f"id {row.id}, scopes {row.scopes}: store the key now, it is not shown again", file=sys.stderr)
            elif args.action == "list":
                for row in key_store.list_keys(session):
                    state = f"revoked {row.revoked_at:%Y-%m-%d %H:%M}" if row.revoked_at else "active"
                    print(f"{row.id}  {row.scopes:<16} {state:<24} {row.name}")
            else:
                row = key_store.revoke_key(session, args.id)
                print(f"revoked {row.id} ({row.name})")
    except NotFoundError as exc:
        print(f"error: {exc.detail}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0
