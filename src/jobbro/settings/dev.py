"""`make run`: SQLite in var/, debug pages, a fixed development key."""

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = True
SECRET_KEY = "dev-only-not-secret-jobbro"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
VAR_DIR.mkdir(parents=True, exist_ok=True)
# JOBBRO_REQUIRE_2FA stays off (base.py) so demo logins need only the password;
# `JOBBRO_REQUIRE_2FA=1 make run` tries the TOTP steps.
