"""The JSON API, /api/v1/ (django-ninja): see `main` and docs/api.md.

`urls` is built when first asked for (jobbro/urls.py), not when the app registry loads
this package: the routers import the models of every app.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    if name == "urls":
        from .main import build_urls

        value = build_urls()
        globals()["urls"] = value
        return value
    raise AttributeError(name)
