"""Gunicorn for production (docs/operations.md): `gunicorn -c gunicorn.conf.py`.

Several worker processes per host (WEB_CONCURRENCY, default two per core plus one), each
with a few threads for the requests that wait on the database. A worker is recycled after
a number of requests (with jitter, so they do not all restart at once) to bound memory.
"""

import multiprocessing
import os

wsgi_app = "jobbro.wsgi:application"
bind = os.environ.get("JOBBRO_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("JOBBRO_THREADS", "4"))
timeout = int(os.environ.get("JOBBRO_REQUEST_TIMEOUT", "60"))
graceful_timeout = 30
max_requests = 2000
max_requests_jitter = 200
# The HTTPS proxy in front sets X-Forwarded-Proto; trust it only from the given addresses.
forwarded_allow_ips = os.environ.get("JOBBRO_PROXY_IPS", "127.0.0.1")
# Access lines as JSON on standard output, beside the application's JSON logs.
accesslog = "-"
access_log_format = (
    '{"time": "%(t)s", "logger": "access", "method": "%(m)s", "path": "%(U)s", '
    '"status": %(s)s, "bytes": "%(B)s", "duration_us": %(D)s, "pid": "%(p)s"}'
)


def post_worker_init(worker: object) -> None:
    """Ready each worker before its first request (jobbro.core.warmup)."""
    from jobbro.core.warmup import warm

    warm()
