"""Production: every secret and host from the environment, PostgreSQL, HTTPS only.

Start-up fails with a clear message when the secret key or the host names are missing;
`manage.py check --deploy` is clean (tests/accounts/test_production_settings.py).
"""

import os

from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

from .base import *  # noqa: F403

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or os.environ.get("SECRET_KEY") or ""
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "Set DJANGO_SECRET_KEY (or SECRET_KEY) to a long random value for production."
    )
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "Set DJANGO_ALLOWED_HOSTS to the comma-separated host names Jobbro answers to."
    )

# PostgreSQL only: base.py's SQLite fallback is the embedded default for development, and
# its per-file locking and per-process state are no production database.
if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    raise ImproperlyConfigured(
        "Set DATABASE_URL to the PostgreSQL database, e.g. "
        "postgres://jobbro:PASSWORD@db.example.dk:5432/jobbro; production runs on PostgreSQL only."
    )
# A connection PostgreSQL dropped (a restart, a failover) is replaced before the request uses it,
# and a new connection waits for a database that is restarting (jobbro/db_backends).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
DATABASES["default"]["ENGINE"] = "jobbro.db_backends.postgresql"  # noqa: F405
DATABASES["default"]["CONNECT_RETRY_SECONDS"] = float(  # type: ignore[typeddict-unknown-key]  # noqa: F405
    os.environ.get("JOBBRO_DB_CONNECT_RETRY_SECONDS", "10")
)

# CPR numbers at rest (docs/data-protection.md): two different keys, kept outside the database.
for _name in ("JOBBRO_CPR_KEY", "JOBBRO_CPR_HASH_KEY"):
    if not os.environ.get(_name):
        raise ImproperlyConfigured(
            f"Set {_name} (generate with: python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())'); the two keys must differ."
        )
if os.environ["JOBBRO_CPR_KEY"] == os.environ["JOBBRO_CPR_HASH_KEY"]:
    raise ImproperlyConfigured(
        "JOBBRO_CPR_KEY and JOBBRO_CPR_HASH_KEY are the same: generate a separate key for each, "
        "so that the key that finds a CPR number cannot also read it."
    )

# The shared cache: the rate limits, the login lockout's counters and one-time values must
# count across every web process and host, which a per-process cache cannot.
REDIS_URL = os.environ.get("REDIS_URL", "")
if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(
        "Set REDIS_URL to the shared Redis cache, e.g. redis://cache.example.dk:6379/0; "
        "rate limits and the login lockout must count across all web processes."
    )
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "jobbro",
    }
}

# Static files from the web processes themselves (WhiteNoise): compressed, with hashed names
# cached for a year; `manage.py collectstatic` writes them at install (docs/operations.md).
_after = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1  # noqa: F405
MIDDLEWARE.insert(_after, "whitenoise.middleware.WhiteNoiseMiddleware")  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# The front-end packages ship sources, source maps and desktop fonts that no page asks for;
# compressing them (Brotli at its slowest, best level) made collectstatic take minutes.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (
    *Compressor.SKIP_COMPRESS_EXTENSIONS,
    *("map", "scss", "ts", "cjs", "md", "otf", "ttf"),
)

# One JSON object per line on standard error, for the log collector; CPR numbers redacted.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_cpr": {"()": "jobbro.privacy.logging.RedactCprFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["no_cpr"], "formatter": "json"}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("JOBBRO_LOG_LEVEL", "INFO")},
}

DEBUG = False
JOBBRO_REQUIRE_2FA = True

SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# __Host- cookies are only accepted over HTTPS, for this exact host and path /.
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_NAME = "__Host-csrftoken"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Behind the HTTPS proxy the client's address is the proxy's last X-Forwarded-For entry.
JOBBRO_TRUSTED_PROXY_COUNT = int(os.environ.get("JOBBRO_TRUSTED_PROXY_COUNT", "1"))
