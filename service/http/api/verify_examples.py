"""OpenAPI examples for the verify, batch and check endpoints: real answers on the seed article.

They were produced by the running service (matches cut to the best one to keep them short) and
are kept in service/data/verify_examples.json, so the documentation shows what the service
says, word for word.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

_DATA: dict[str, Any] = json.loads((files("service") / "data" / "verify_examples.json").read_text(encoding="utf-8"))

CHECK_ID: str = _DATA["check_id"]
VERIFY_JSON: dict[str, Any] = _DATA["verify"]
CHECK: dict[str, Any] = _DATA["check"]
CLAIMREVIEW: dict[str, Any] = _DATA["claimreview"]
BATCH: dict[str, Any] = _DATA["batch"]
BATCH_NDJSON_IN = "".join(line + "\n" for line in _DATA["batch_ndjson_in"])
BATCH_NDJSON = "".join(line + "\n" for line in _DATA["batch_ndjson"])
