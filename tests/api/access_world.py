"""Objects for the access matrix: an API client of the world's job centre, to revoke."""

from __future__ import annotations

from typing import Any

from jobbro.api.models import Scope
from jobbro.api.services import client_issue
from jobbro.organisations.models import Role
from tests.factories import staff


def extend(base: Any) -> dict[str, Any]:
    secretariat = staff(Role.SECRETARIAT, base.centre)
    client, _token = client_issue(
        actor=secretariat, name="Sagssystem", job_centre=base.centre, scope=Scope.READ
    )
    return {"api_clients": client.pk}
