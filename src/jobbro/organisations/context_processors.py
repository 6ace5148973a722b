from typing import Any

from django.http import HttpRequest

from .access import user_roles


def membership(request: HttpRequest) -> dict[str, Any]:
    """The signed-in user's roles, so templates show only the links they may follow."""
    return {"user_roles": user_roles(request.user)}
