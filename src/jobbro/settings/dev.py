"""`make run`: SQLite in var/, debug pages, a fixed development key."""

from jobbro.crypto import dev_key

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = True
SECRET_KEY = "dev-only-not-secret-jobbro"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
VAR_DIR.mkdir(parents=True, exist_ok=True)
# JOBBRO_REQUIRE_2FA stays off (base.py) so demo logins need only the password;
# `JOBBRO_REQUIRE_2FA=1 make run` tries the TOTP steps.

# A fixed, public development key (jobbro.crypto.dev_key); never used in production.
JOBBRO_CPR_KEY = JOBBRO_CPR_KEY or dev_key("cpr")  # noqa: F405
JOBBRO_CPR_HASH_KEY = JOBBRO_CPR_HASH_KEY or dev_key("cpr-hash")  # noqa: F405

# Mails the worker sends land as files in var/mail/ to read, not on the network.
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = VAR_DIR / "mail"
