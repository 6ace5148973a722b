"""Settings shared by every environment; environment files override what differs."""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from jobbro.accounts.conf import OIDC_BACKEND, env_flag, oidc_settings

SRC_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = SRC_DIR.parent.parent
VAR_DIR = Path(os.environ.get("JOBBRO_VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "jobbro.organisations",
    "jobbro.accounts",
    "jobbro.taxonomy",
    "jobbro.companies",
    "jobbro.candidates",
    "jobbro.joborders",
    "jobbro.matching",
    "jobbro.pools",
    "jobbro.sharing",
    "jobbro.case_imports",
    "jobbro.screening",
    "jobbro.candidate_requests",
    "jobbro.searches",
    "jobbro.accesslog",
    "jobbro.privacy",
    "jobbro.notifications",
    "jobbro.intake",
    "jobbro.surveys",
    "jobbro.events",
    "jobbro.upskilling",
    "jobbro.guarantees",
    "jobbro.kpis",
    "jobbro.foresight",
    "jobbro.board",
    "jobbro.kkr",
    "jobbro.core",
    "jobbro.api",
    # Only for its static files: the API's docs page (Swagger UI) is served from here.
    "ninja",
]

MIDDLEWARE = [
    # First: probes answer before the host check, the HTTPS redirect and the login.
    "jobbro.core.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jobbro.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "jobbro.accounts.middleware.IdleTimeoutMiddleware",
    "jobbro.accounts.middleware.TwoFactorMiddleware",
    "jobbro.organisations.access.AccessMiddleware",
    # Last, as django-axes requires: it turns a failed login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jobbro.urls"
WSGI_APPLICATION = "jobbro.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jobbro.organisations.context_processors.membership",
                "jobbro.core.context_processors.navigation",
                "jobbro.accounts.context_processors.two_factor",
            ],
        },
    },
]

DATABASES = {
    # An empty DATABASE_URL counts as none (the embedded default), not as a broken setting.
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'jobbro.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves a few users and the mail worker at once. Write-ahead
    # logging lets readers go on while one writes; a transaction takes the write lock when
    # it begins (IMMEDIATE), so one that read first never fails to upgrade ("database is
    # locked" at once, without waiting); the busy timeout makes writers queue instead.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )

elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: the key figures' aggregate queries over a national cooperation's
    # years cost enough to trigger it, and compiling took longer than it saved (a quarter's
    # figures 4.2–5.4 s without, 10.6–11.4 s with, docs/performance.md).
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organisations.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
FORMAT_MODULE_PATH = ["jobbro.formats"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("dkfds", NODE_MODULES / "dkfds" / "dist"),
    ("htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("chartjs", NODE_MODULES / "chart.js" / "dist"),
]

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie.
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# Login security (jobbro.accounts). Sessions end after JOBBRO_SESSION_IDLE_SECONDS without a
# request (the accounts middleware, which also says why on the login page) and when the
# browser closes. SESSION_COOKIE_AGE only lets the database forget abandoned sessions; it is
# longer than the idle limit so the middleware, not a silent expiry, ends them.
JOBBRO_SESSION_IDLE_SECONDS = int(os.environ.get("JOBBRO_SESSION_IDLE_MINUTES", "30")) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 12 * 60 * 60

# Two-factor authentication with a TOTP app: a user with a confirmed device always enters a
# code; when required, a user without one enrols right after the password.
JOBBRO_REQUIRE_2FA = env_flag(os.environ, "JOBBRO_REQUIRE_2FA", default=False)
OTP_TOTP_ISSUER = "Jobbro"
OTP_TOTP_THROTTLE_FACTOR = 1  # wrong codes double the wait: 1 s, 2 s, 4 s …
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin never shows a device's secret key

# Lockout: 5 wrong passwords for one username from one address lock that pair for 30 minutes
# (each further try restarts the wait); an administrator unlocks in the user admin.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first, so locked-out credentials are not checked
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "jobbro.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "jobbro.client.client_ip"
# Proxies in front of the app that append to X-Forwarded-For; 0 trusts only REMOTE_ADDR.
JOBBRO_TRUSTED_PROXY_COUNT = int(os.environ.get("JOBBRO_TRUSTED_PROXY_COUNT", "0"))

# Single sign-on with the municipality's OpenID Connect IdP, only when the environment
# configures one (see jobbro.accounts.conf); IdP users map to existing users by e-mail.
OIDC_RP_CLIENT_ID = ""
JOBBRO_OIDC_PROVIDER_NAME = ""
JOBBRO_OIDC_SATISFIES_2FA = True
_oidc = oidc_settings(os.environ)
if _oidc:
    globals().update(_oidc)
    AUTHENTICATION_BACKENDS.append(OIDC_BACKEND)

# Content security policy: everything from our own origin, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# The API's per-client rate limit (django-ratelimit's "count/period", in the cache).
JOBBRO_API_RATE_LIMIT = os.environ.get("JOBBRO_API_RATE_LIMIT", "600/m")
# Idempotency keys are kept this long (`manage.py prune_idempotency_keys`).
JOBBRO_API_IDEMPOTENCY_DAYS = int(os.environ.get("JOBBRO_API_IDEMPOTENCY_DAYS", "7"))

# Personal data (jobbro.privacy, docs/data-protection.md). CPR numbers are encrypted with
# JOBBRO_CPR_KEY (Fernet; comma-separated for rotation, first encrypts) and found by an
# HMAC keyed with JOBBRO_CPR_HASH_KEY; production.py requires both from the environment.
JOBBRO_CPR_KEY = os.environ.get("JOBBRO_CPR_KEY", "")
JOBBRO_CPR_HASH_KEY = os.environ.get("JOBBRO_CPR_HASH_KEY", "")
# Candidates without activity for this long are anonymised by `manage.py anonymise_inactive`.
JOBBRO_RETENTION_INACTIVE_DAYS = int(os.environ.get("JOBBRO_RETENTION_INACTIVE_DAYS", "730"))
# Shared-line inquiries with no activity for this long (closed, answered or left) lose the
# caller's details, subject and message (`manage.py anonymise_inquiries`); the statistics
# keep the rest.
JOBBRO_INQUIRY_RETENTION_DAYS = int(os.environ.get("JOBBRO_INQUIRY_RETENTION_DAYS", "365"))
JOBBRO_ACCESS_LOG_PURGEABLE = False  # only the test settings, to empty the test database
DEFAULT_EXCEPTION_REPORTER_FILTER = "jobbro.privacy.logging.CprSafeExceptionReporterFilter"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_cpr": {"()": "jobbro.privacy.logging.RedactCprFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["no_cpr"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Background work (django-tasks with its database backend): `manage.py db_worker` runs what
# the web processes enqueue, so a mail waits for no request and survives a restart.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Mail. A deployment sets EMAIL_HOST and friends; links in mails start with JOBBRO_BASE_URL.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag(os.environ, "EMAIL_USE_TLS", default=False)
# Seconds: a hung mail server must not hang a worker.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Jobbro <noreply@jobbro.example>")
JOBBRO_BASE_URL = os.environ.get("JOBBRO_BASE_URL", "http://127.0.0.1:8000")

# The Central Business Register (CVR) fills a new company's name, address and industry.
# The default is a recorded sample (companies/data/cvr_sample.json), so the demo and the
# tests need no network; a deployment sets "jobbro.companies.cvr.http.HttpCvrSource", which
# reads the register's address and login from JOBBRO_CVR_URL, JOBBRO_CVR_USER,
# JOBBRO_CVR_PASSWORD and JOBBRO_CVR_TIMEOUT in the environment (Virk's CVR distribution).
JOBBRO_CVR_SOURCE = os.environ.get(
    "JOBBRO_CVR_SOURCE", "jobbro.companies.cvr.sample.RecordedSample"
)
