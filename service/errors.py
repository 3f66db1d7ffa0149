"""Domain errors, each rendered once as an RFC 9457 problem (application/problem+json).

ServiceError
├── InvalidInputError      422  well-formed, but the values cannot be accepted
│   └── EmptyTextError     422  text with nothing to match
├── UnauthorizedError      401  no API key
├── ForbiddenError         403  a key that is not accepted, or writes disabled
├── NotFoundError          404  an unknown id
├── ConflictError          409  the write contradicts what is stored
├── PayloadTooLargeError   413  the body is over the limit
├── RateLimitedError       429  the client's request budget is spent for now
└── UnavailableError       503  the database cannot be reached or is busy

Field errors name the field of the input they are about, as a dotted path ("text", "quotes.0.start",
"pageToken"), never where it travelled: the HTTP layer turns that into a location (`["body", "text"]`,
`["query", "pageToken"]`), a batch into the item's, the command line into the argument's.
"""

from __future__ import annotations

from typing import Any


def field_error(field: str, msg: str) -> dict[str, str]:
    """One entry of a ServiceError's `errors`: what is wrong with which field."""
    return {"field": field, "msg": msg}


class ServiceError(Exception):
    status = 500
    title = "Internal Server Error"
    type = "about:blank"

    def __init__(
        self, detail: str, *, errors: list[dict[str, Any]] | None = None, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.headers = headers


class InvalidInputError(ServiceError):
    status, title, type = 422, "Unprocessable Content", "/problems/invalid-input"


class EmptyTextError(InvalidInputError):
    status, title, type = 422, "Nothing to match", "/problems/empty-text"


class UnauthorizedError(ServiceError):
    status, title, type = 401, "Unauthorized", "/problems/unauthorized"


class ForbiddenError(ServiceError):
    status, title, type = 403, "Forbidden", "/problems/forbidden"


class NotFoundError(ServiceError):
    status, title, type = 404, "Not Found", "/problems/not-found"


class ConflictError(ServiceError):
    status, title, type = 409, "Conflict", "/problems/conflict"


class PayloadTooLargeError(ServiceError):
    status, title, type = 413, "Payload Too Large", "/problems/payload-too-large"


class RateLimitedError(ServiceError):
    status, title, type = 429, "Too Many Requests", "/problems/rate-limited"


class UnavailableError(ServiceError):
    status, title, type = 503, "Service Unavailable", "/problems/unavailable"
