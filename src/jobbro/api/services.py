"""Issuing and revoking the API's client tokens; finding the client a token names."""

from __future__ import annotations

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from jobbro.organisations.models import JobCentre, Membership, Role, User

from . import selectors
from .models import ApiClient, Scope

TOKEN_PREFIX = "jbo"  # noqa: S105 - the visible start of every token, no secret
_HASH_SALT = "jobbro.api.token"
# The roles a client's service account holds at its job centre: reading as a recruitment
# consultant does (companies, job orders, its centre's candidates and the consenting ones
# of the cooperation); writing as the centre's job and business consultants do.
SCOPE_ROLES: dict[str, tuple[Role, ...]] = {
    Scope.READ: (Role.RECRUITMENT_CONSULTANT,),
    Scope.WRITE: (Role.JOB_CONSULTANT, Role.BUSINESS_CONSULTANT),
}


def hash_secret(secret: str) -> str:
    """A keyed SHA-256 of the secret (the project's SECRET_KEY): a stolen table opens nothing."""
    return salted_hmac(_HASH_SALT, secret, algorithm="sha256").hexdigest()


def split_token(token: str) -> tuple[str, str] | None:
    parts = token.split("_")
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


def client_for_token(token: str) -> ApiClient | None:
    """The unrevoked client whose token this is, or None."""
    parts = split_token(token)
    if parts is None:
        return None
    prefix, secret = parts
    client = (
        ApiClient.objects.select_related("user", "job_centre")
        .filter(prefix=prefix, revoked_at__isnull=True)
        .first()
    )
    if client is None or not constant_time_compare(client.secret_hash, hash_secret(secret)):
        return None
    return client


def touch(client: ApiClient) -> None:
    """Note when the client was last seen; at most once a minute, to spare the database."""
    now = timezone.now()
    if client.last_used_at is None or (now - client.last_used_at).total_seconds() > 60:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        client.last_used_at = now


@transaction.atomic
def client_issue(
    *, actor: User, name: str, job_centre: JobCentre, scope: str
) -> tuple[ApiClient, str]:
    """A new client with its service account; returns the token, which is never stored."""
    if not selectors.may_manage_clients(actor, job_centre.cooperation_id):
        raise PermissionDenied
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the client a name.")})
    if scope not in SCOPE_ROLES:
        raise ValidationError({"scope": _("Choose read or write.")})
    prefix = secrets.token_hex(4)
    while ApiClient.objects.filter(prefix=prefix).exists():  # pragma: no cover - 2^32
        prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32).replace("_", "-")
    user = User(
        username=f"api-client-{prefix}",
        first_name=name[:150],
        last_name="(API)",
        # A service account never signs in: no password, and inactive for the login.
        is_active=False,
    )
    user.set_unusable_password()
    user.save()
    Membership.objects.bulk_create(
        Membership(user=user, job_centre=job_centre, role=role) for role in SCOPE_ROLES[scope]
    )
    client = ApiClient.objects.create(
        name=name,
        job_centre=job_centre,
        scope=scope,
        user=user,
        prefix=prefix,
        secret_hash=hash_secret(secret),
        created_by=actor,
    )
    return client, f"{TOKEN_PREFIX}_{prefix}_{secret}"


@transaction.atomic
def client_revoke(*, actor: User, client: ApiClient) -> ApiClient:
    """The token stops working at once; the client and its account stay for the record."""
    locked = ApiClient.objects.select_for_update().get(pk=client.pk)
    if not selectors.may_manage_clients(actor, locked.job_centre.cooperation_id):
        raise PermissionDenied
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.revoked_by = actor
        locked.save(update_fields=["revoked_at", "revoked_by"])
    return locked
