from typing import Any

from django.http import HttpRequest

from .access import request_roles


def membership(request: HttpRequest) -> dict[str, Any]:
    """The signed-in user's roles, so templates show only the links they may follow."""
    return {"user_roles": request_roles(request)}
