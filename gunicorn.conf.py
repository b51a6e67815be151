"""gunicorn's configuration: the one the Dockerfile, docker-compose.yml and the README start.

    gunicorn -c gunicorn.conf.py zen.wsgi

Read from the environment (docs/operations.md, .env.example):
- GUNICORN_BIND         where to listen (127.0.0.1:8000; the container listens on 0.0.0.0:8000)
- WEB_CONCURRENCY       sync worker processes (3); about two per core
- GUNICORN_TIMEOUT      seconds a request may take before its worker is replaced (30)
- FORWARDED_ALLOW_IPS   the address(es) of the TLS proxy in front, the only peers whose
                        X-Forwarded-Proto and SCRIPT_NAME headers are believed (127.0.0.1,::1:
                        a proxy on the same machine). Never "*" unless nothing else can reach
                        gunicorn's port.

Forwarded headers. gunicorn marks a request https (`wsgi.url_scheme`) only when the peer is
a trusted proxy *and* it sends `X-Forwarded-Proto: https`, so Django's `request.is_secure()`,
the HTTPS redirect and secure cookies follow the proxy and no one else (leave Django's
SECURE_PROXY_SSL_HEADER off: Django would believe that header from anyone). The one other
header a proxy may set is `SCRIPT_NAME`, to mount the site under a sub-path; from any other
peer gunicorn drops it, as it drops every header with an underscore in its name.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: every request is short and the database is the bottleneck (docs/benchmarks.md).
worker_class = "sync"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30  # a deploy lets requests in flight finish
keepalive = 5  # behind a proxy that reuses its connections
# Recycle workers now and then, staggered, so that no slow leak grows for ever.
max_requests = 2000
max_requests_jitter = 200

forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
forwarder_headers = "SCRIPT_NAME"
header_map = "drop"

# Heartbeat files on memory, not on the container's overlay disk, where a slow write stalls a worker.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"
# No control socket: it lives in $HOME, which instances on one machine would share.
control_socket_disable = True

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The request id (zen/web/logs.py) ends each access line, to find a request's application logs.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s" %({x-request-id}o)s'
if os.environ.get("LOG_FORMAT") == "json":
    # One JSON object a line, like the application's own logs.
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            }
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
        "loggers": {
            "gunicorn.error": {"handlers": ["console"], "level": loglevel.upper(), "propagate": False},
            "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
        },
    }
