"""What operators see: one log line per request, Prometheus metrics, and traces when configured."""

from __future__ import annotations

import http.server
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from prometheus_client.parser import text_string_to_metric_families

from service.app import create_app
from tests.factories import fresh_sqlite_url, make_settings

SELLAL = {"text": "We will allow any threat to harm our nation", "speaker": "Sellal"}


def json_lines(err: str) -> list[dict]:
    return [json.loads(line) for line in err.splitlines() if line.startswith("{")]


def samples(exposition: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of a Prometheus exposition, keyed by name and sorted labels."""
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(exposition)
        for s in family.samples
    }


def test_one_json_line_per_request_with_route_status_duration_and_verdict(
    sqlite_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = create_app(make_settings(fresh_sqlite_url(sqlite_template, tmp_path), log_format="json"))
    with TestClient(app) as client:
        capsys.readouterr()
        r = client.post("/v1/verify", json=SELLAL, headers={"X-Request-ID": "check-42"})
        assert r.json()["verdict"] == "altered"
        quote_id = r.json()["matches"][0]["quote"]["id"]
        client.get(f"/v1/quotes/{quote_id}")
        client.get("/v1/quotes/quo_missing")
    lines = [line for line in json_lines(capsys.readouterr().err) if line["logger"] == "service.access"]
    assert len(lines) == 3
    verify, found, missing = lines
    assert verify["request_id"] == "check-42" and verify["verdict"] == "altered"
    assert (verify["method"], verify["route"], verify["status"]) == ("POST", "/v1/verify", 200)
    assert verify["duration_ms"] > 0
    # The route template, not the raw path: one route, whatever the id.
    assert found["route"] == missing["route"] == "/v1/quotes/{quote_id}"
    assert (found["status"], missing["status"]) == (200, 404)
    assert missing["path"] == "/v1/quotes/quo_missing" and "verdict" not in missing
    assert len({line["request_id"] for line in lines}) == 3


def test_text_logs_carry_the_request_id(
    sqlite_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = create_app(make_settings(fresh_sqlite_url(sqlite_template, tmp_path), log_format="text"))
    with TestClient(app) as client:
        client.get("/v1/speakers", headers={"X-Request-ID": "people-7"})
    err = capsys.readouterr().err
    assert re.search(r"INFO service\.access \[people-7\] GET /v1/speakers 200 [\d.]+ ms", err), err


def test_metrics_count_requests_latencies_and_verdicts_by_route_template(sqlite_template: Path, tmp_path: Path) -> None:
    with TestClient(create_app(make_settings(fresh_sqlite_url(sqlite_template, tmp_path)))) as client:
        for _ in range(3):
            client.post("/v1/verify", json=SELLAL)
        client.post("/v1/verify", json={"text": "We won't allow any threat to harm our nation"})
        client.get("/v1/speakers/spk_a")
        client.get("/v1/speakers/spk_b")
        client.get("/v1/nowhere/at/all")
        r = client.get("/metrics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    got = samples(r.text)
    verify = (("method", "POST"), ("route", "/v1/verify"), ("status", "200"))
    assert got[("http_requests_total", verify)] == 4
    assert got[("http_request_duration_seconds_count", verify)] == 4
    assert got[("http_request_duration_seconds_sum", verify)] > 0
    assert got[("http_request_duration_seconds_bucket", tuple(sorted((*verify, ("le", "+Inf")))))] == 4
    speaker = (("method", "GET"), ("route", "/v1/speakers/{speaker_id}"), ("status", "404"))
    assert got[("http_requests_total", speaker)] == 2
    assert got[("http_requests_total", (("method", "GET"), ("route", "unmatched"), ("status", "404")))] == 1
    assert got[("quotes_verdicts_total", (("verdict", "altered"),))] == 3
    assert got[("quotes_verdicts_total", (("verdict", "verified"),))] == 1
    assert "/metrics" not in client.get("/openapi.json").text


def test_tracing_is_off_without_an_endpoint(sqlite_template: Path, tmp_path: Path) -> None:
    exporter = InMemorySpanExporter()
    app = create_app(make_settings(fresh_sqlite_url(sqlite_template, tmp_path)), span_exporter=exporter)
    with TestClient(app) as client:
        client.post("/v1/verify", json=SELLAL)
    assert app.state.tracer_provider is None
    assert exporter.get_finished_spans() == ()


def test_tracing_exports_a_span_per_request_with_the_route_and_request_id(
    sqlite_template: Path, tmp_path: Path
) -> None:
    exporter = InMemorySpanExporter()
    settings = make_settings(
        fresh_sqlite_url(sqlite_template, tmp_path), otel_exporter_otlp_endpoint="http://127.0.0.1:4318"
    )
    app = create_app(settings, span_exporter=exporter)
    with TestClient(app) as client:
        client.post("/v1/verify", json=SELLAL, headers={"X-Request-ID": "trace-me"})
        client.get("/healthz")
    servers = [s for s in exporter.get_finished_spans() if s.kind.name == "SERVER"]
    assert len(servers) == 1  # probes are not traced
    span = servers[0]
    assert span.attributes is not None
    assert span.attributes["http.route"] == "/v1/verify"
    assert span.attributes["http.request_id"] == "trace-me"
    assert span.resource.attributes["service.name"] == "quote-verification-service"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_two_uvicorn_workers_report_all_requests_in_multiprocess_mode(sqlite_template: Path, tmp_path: Path) -> None:
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    env = {
        **os.environ,
        "DATABASE_URL": fresh_sqlite_url(sqlite_template, tmp_path),
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
        "LOG_FORMAT": "json",
    }
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "uvicorn", "service.main:app", "--port", str(port), "--workers", "2"]
    with tempfile.TemporaryFile(mode="w+") as log:
        proc = subprocess.Popen([*command, "--no-access-log"], env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline and proc.poll() is None, "uvicorn did not start"
                time.sleep(0.2)
            for _ in range(30):  # a new connection each time, so both workers answer some
                assert httpx.post(f"{base}/v1/verify", json=SELLAL, timeout=10).status_code == 200
            exposition = httpx.get(f"{base}/metrics", timeout=10).text
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        log.seek(0)
        lines = json_lines(log.read())
    # Both workers counted requests (one file each), and /metrics, answered by one of them, sums both.
    assert len(list(metrics_dir.glob("counter_*.db"))) == 2
    verify = (("method", "POST"), ("route", "/v1/verify"), ("status", "200"))
    assert samples(exposition)[("http_requests_total", verify)] == 30
    assert samples(exposition)[("quotes_verdicts_total", (("verdict", "altered"),))] == 30
    access = [line for line in lines if line.get("logger") == "service.access" and line["route"] == "/v1/verify"]
    assert len(access) == 30
    assert len({line["request_id"] for line in access}) == 30


def test_spans_reach_a_real_otlp_http_receiver(sqlite_template: Path, tmp_path: Path) -> None:
    """The endpoint setting is a base URL, as everywhere in OpenTelemetry: spans are posted to /v1/traces."""
    received: list[tuple[str, str, int]] = []

    class Receiver(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.path, self.headers["Content-Type"], len(body)))
            self.send_response(200)
            self.send_header("Content-Type", "application/x-protobuf")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return None

    server = http.server.HTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        endpoint = f"http://127.0.0.1:{server.server_port}/"
        settings = make_settings(fresh_sqlite_url(sqlite_template, tmp_path), otel_exporter_otlp_endpoint=endpoint)
        with TestClient(create_app(settings)) as client:
            client.post("/v1/verify", json=SELLAL)
        # Leaving the app shut its tracer provider down, which sends the queued spans.
    finally:
        server.shutdown()
        server.server_close()
    assert received and received[0][:2] == ("/v1/traces", "application/x-protobuf") and received[0][2] > 0
