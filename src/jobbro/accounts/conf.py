"""Settings helpers that read the environment; imported by the settings modules.

Nothing here may import models: the settings are loaded before the app registry.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ImproperlyConfigured

OIDC_BACKEND = "jobbro.accounts.oidc.JobbroOIDCBackend"

# Environment variable → setting; all required once OIDC_RP_CLIENT_ID is set.
_OIDC_REQUIRED = (
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
)


def env_flag(environ: Mapping[str, str], name: str, *, default: bool) -> bool:
    value = environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def oidc_settings(environ: Mapping[str, str]) -> dict[str, Any]:
    """The OpenID Connect settings when the environment configures an IdP, else {}.

    Single sign-on is off unless OIDC_RP_CLIENT_ID is set; a half-configured IdP fails at
    start-up rather than at the first login.
    """
    client_id = environ.get("OIDC_RP_CLIENT_ID", "")
    if not client_id:
        return {}
    missing = [name for name in _OIDC_REQUIRED if not environ.get(name)]
    if missing:
        raise ImproperlyConfigured(
            f"OIDC_RP_CLIENT_ID is set, so single sign-on also needs: {', '.join(missing)}."
        )
    return {
        "OIDC_RP_CLIENT_ID": client_id,
        **{name: environ[name] for name in _OIDC_REQUIRED},
        "OIDC_RP_SIGN_ALGO": environ.get("OIDC_RP_SIGN_ALGO", "RS256"),
        "OIDC_RP_SCOPES": "openid email profile",
        "OIDC_USE_PKCE": True,
        "OIDC_CREATE_USER": False,
        "OIDC_TIMEOUT": 10,
        # Shown on the login button, "Log in with <name>"; empty: a generic label.
        "JOBBRO_OIDC_PROVIDER_NAME": environ.get("JOBBRO_OIDC_PROVIDER_NAME", ""),
        # Municipal IdPs enforce their own MFA; set false to ask for the TOTP code as well.
        "JOBBRO_OIDC_SATISFIES_2FA": env_flag(environ, "JOBBRO_OIDC_SATISFIES_2FA", default=True),
    }
