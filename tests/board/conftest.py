from __future__ import annotations

from types import SimpleNamespace

import pytest

from .world import build


@pytest.fixture
def world(db) -> SimpleNamespace:  # type: ignore[no-untyped-def]
    """The constructed week of `world.py`."""
    return build()
