"""What the service tells its operators: logs, Prometheus metrics and OpenTelemetry traces.

- Logs: every record of the `service` loggers carries the request id of the request it was
  written for; LOG_FORMAT=json writes one JSON object a line, text writes for people. The
  middleware writes one `service.access` line per request.
- Metrics: request counts and latencies by method, route template (never the raw path, whose ids
  would make a series per quote) and status, and verdict counts, exposed at GET /metrics. Each
  process counts its own requests; with several uvicorn workers set PROMETHEUS_MULTIPROC_DIR to an
  empty directory and /metrics sums all workers (prometheus-client's multiprocess mode).
- Traces: with OTEL_EXPORTER_OTLP_ENDPOINT set, every request is a span sent over OTLP/HTTP.
"""

from __future__ import annotations

import contextvars
import json
import logging
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

from service.settings import Settings

if TYPE_CHECKING:
    from fastapi import FastAPI
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SpanExporter

# The id of the request being served, for every log record written while serving it (the
# threadpool that runs sync routes copies the context, so they see it too).
request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)

# Seconds. Verification answers in 5 to 35 ms at every measured scale and writes take longer;
# the buckets resolve that range finely and still place a slow outlier (up to 10 s).
LATENCY_BUCKETS = (0.002, 0.005, 0.01, 0.02, 0.035, 0.05, 0.075, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0)
# Fields the access line carries, in the order a reader wants them.
ACCESS_FIELDS = ("request_id", "method", "route", "path", "status", "duration_ms", "verdict", "caller", "client")
_OUR_HANDLER = "_service_handler"


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, the request fields, the exception."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in ACCESS_FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                line[name] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def configure_logging(settings: Settings) -> None:
    """Send the `service` loggers to stderr in the configured format (once, however many apps)."""
    logger = logging.getLogger("service")
    for old in [h for h in logger.handlers if getattr(h, _OUR_HANDLER, False)]:
        logger.removeHandler(old)
    handler = logging.StreamHandler(sys.stderr)
    setattr(handler, _OUR_HANDLER, True)
    handler.addFilter(RequestIdFilter())
    if settings.log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(settings.log_level.upper())
    # Our handler writes each line once; the root logger (often unconfigured) would repeat it.
    logger.propagate = False


class Metrics:
    """The service's Prometheus metrics, in a registry of its own (one per app)."""

    def __init__(self, *, multiprocess_dir: str = "") -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.multiprocess_dir = multiprocess_dir
        labels = ("method", "route", "status")
        self.requests = Counter("http_requests", "HTTP requests answered.", labels, registry=self.registry)
        self.latency = Histogram(
            "http_request_duration_seconds",
            "Time from the request's arrival to the end of its response.",
            labels,
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.verdicts = Counter(
            "quotes_verdicts", "Verification verdicts answered.", ("verdict",), registry=self.registry
        )

    def observe(self, *, method: str, route: str, status: int, seconds: float, verdict: str | None) -> None:
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route, str(status)).observe(seconds)
        if verdict is not None:
            self.verdicts.labels(verdict).inc()

    def exposition(self) -> bytes:
        """The text format Prometheus scrapes; every worker's counts in multiprocess mode."""
        if self.multiprocess_dir:
            registry = CollectorRegistry()
            MultiProcessCollector(registry, path=self.multiprocess_dir)
            return generate_latest(registry)
        return generate_latest(self.registry)


def install_tracing(app: FastAPI, settings: Settings, *, exporter: SpanExporter | None = None) -> TracerProvider | None:
    """Trace every request when an OTLP endpoint is configured; None (and nothing loaded) otherwise.

    `exporter` replaces the OTLP exporter (the SDK's in-memory exporter, in tests).
    """
    if not settings.otel_exporter_otlp_endpoint:
        return None
    from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor

    provider = TracerProvider(resource=Resource.create({"service.name": settings.otel_service_name}))
    if exporter is None:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        # The setting is the base URL, as OTEL_EXPORTER_OTLP_ENDPOINT is everywhere; traces go to /v1/traces.
        endpoint = settings.otel_exporter_otlp_endpoint.rstrip("/") + "/v1/traces"
        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=endpoint)))
    else:
        provider.add_span_processor(SimpleSpanProcessor(exporter))
    FastAPIInstrumentor.instrument_app(app, tracer_provider=provider, excluded_urls="healthz,readyz,metrics")
    return provider


def annotate_span(request_id_value: str) -> None:
    """Put the request id on the current span, so a trace and a log line can be joined."""
    from opentelemetry import trace

    span = trace.get_current_span()
    if span.is_recording():
        span.set_attribute("http.request_id", request_id_value)
