"""Token-bucket rate limiting, one bucket per client (API key, or IP address without one).

The buckets live in this process's memory: with several uvicorn workers or replicas each keeps
its own, so a client may get up to (processes × limit) per minute in total. That bounds abuse of
one process cheaply; an exact global limit belongs in the load balancer or a shared store.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

# Buckets kept at most; the least recently used goes first. 100,000 buckets are about 20 MB, and
# a dropped bucket was idle the longest, so it had refilled (or nearly) anyway.
MAX_BUCKETS = 100_000


@dataclass(frozen=True)
class Decision:
    allowed: bool
    limit: int
    remaining: int
    # Seconds until the bucket is full again (RateLimit-Reset).
    reset: int
    # Seconds until one request is allowed again (Retry-After); 0 when allowed.
    retry_after: int


class TokenBuckets:
    """`per_minute` requests a minute per client, in bursts of up to `per_minute`.

    >>> now = [0.0]
    >>> buckets = TokenBuckets(2, clock=lambda: now[0])
    >>> [buckets.take("a").allowed for _ in range(3)]
    [True, True, False]
    >>> now[0] = 30.0  # half a minute refills one token
    >>> buckets.take("a").allowed, buckets.take("b").allowed
    (True, True)
    """

    def __init__(self, per_minute: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = per_minute
        self.rate = per_minute / 60.0  # tokens per second
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # client -> (tokens, at)
        self._lock = threading.Lock()

    def take(self, client: str) -> Decision:
        """Spend one token of `client`'s bucket if there is one."""
        with self._lock:
            now = self.clock()
            tokens, at = self._buckets.pop(client, (float(self.capacity), now))
            tokens = min(float(self.capacity), tokens + (now - at) * self.rate)
            allowed = tokens >= 1.0
            if allowed:
                tokens -= 1.0
            self._buckets[client] = (tokens, now)
            if len(self._buckets) > MAX_BUCKETS:
                self._buckets.popitem(last=False)
        reset = math.ceil((self.capacity - tokens) / self.rate)
        retry_after = 0 if allowed else max(1, math.ceil((1.0 - tokens) / self.rate))
        return Decision(allowed, self.capacity, int(tokens), reset, retry_after)
