"""OpenAPI examples for the verify, batch and check endpoints, taken from real answers on the seed article."""

from __future__ import annotations

from typing import Any

CHECK_ID = "chk_example"
VERIFY_JSON: dict[str, Any] = {}
CHECK: dict[str, Any] = {}
CLAIMREVIEW: dict[str, Any] = {}
BATCH: dict[str, Any] = {}
BATCH_NDJSON = ""
BATCH_NDJSON_IN = ""
