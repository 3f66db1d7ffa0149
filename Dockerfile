# Quote verification service: SQLite on the /data volume by default, PostgreSQL via DATABASE_URL.

FROM python:3.11-slim-bookworm AS builder
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /opt/venv
# The pip bundled with the base image treats an extra of a locked package ("lxml[html_clean]", asked for by
# justext) as a new, unpinned requirement in hash-checking mode once a newer release of that package exists;
# a current pip resolves it to the locked pin.
RUN /opt/venv/bin/pip install --no-cache-dir --upgrade pip==26.3
COPY requirements.lock ./
# The locked runtime dependencies, checked against their hashes; the service itself runs from
# /app, beside its migrations.
RUN /opt/venv/bin/pip install --no-cache-dir --require-hashes -r requirements.lock

FROM python:3.11-slim-bookworm
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DATABASE_URL=sqlite:////data/quotes.db
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app \
    && mkdir -p /data \
    && chown app:app /data
COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
COPY alembic.ini ./
COPY migrations ./migrations
COPY service ./service
USER 10001:10001
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"]
# `serve`: uvicorn with a graceful shutdown within 5 s (inside Docker's 10 s stop timeout) that exits 0,
# and a concurrency cap that sheds load with 503s.
CMD ["python", "-m", "service", "serve", "--host", "0.0.0.0", "--port", "8000"]
