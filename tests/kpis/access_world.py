"""Objects for the access matrix: the drill-down of the hires."""

from __future__ import annotations

from typing import Any


def extend(base: Any) -> dict[str, Any]:
    return {"kpis:items": {"key": "hires"}}
