from __future__ import annotations

from django.http import HttpRequest

from . import state


def two_factor(request: HttpRequest) -> dict[str, bool]:
    """Between password and code the menu stays hidden: none of it is reachable yet."""
    user = getattr(request, "user", None)  # none when refused before authentication
    pending = (
        user is not None
        and user.is_authenticated
        and state.two_factor_needed(request)
        and not state.two_factor_done(request)
    )
    return {"two_factor_pending": pending}
