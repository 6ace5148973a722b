"""The test suite: fast hashing, SQLite in memory unless DATABASE_URL names PostgreSQL."""

from jobbro.crypto import dev_key

from .base import *  # noqa: F403
from .base import VAR_DIR

SECRET_KEY = "test-only-not-secret-jobbro"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
VAR_DIR.mkdir(parents=True, exist_ok=True)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Off so the suite logs in with force_login; tests/accounts turn it on to prove the gate.
JOBBRO_REQUIRE_2FA = False

JOBBRO_CPR_KEY = dev_key("cpr")
JOBBRO_CPR_HASH_KEY = dev_key("cpr-hash")
# The test runner empties the database between transactional tests (privacy.db).
JOBBRO_ACCESS_LOG_PURGEABLE = True

# Tasks run when enqueued and mail lands in django.core.mail.outbox; the loopback test of
# the worker and SMTP (tests/notifications) switches both to the real thing.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
