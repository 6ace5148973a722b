"""A web worker is made ready before its first request (gunicorn's post_worker_init)."""

from __future__ import annotations

import logging

import pytest
from django.template import engines

from jobbro.core import warmup
from jobbro.matching.holder import IndexHolder

pytestmark = pytest.mark.django_db


def test_every_template_of_the_project_is_compiled() -> None:
    loader = engines["django"].engine.template_loaders[0]  # type: ignore[attr-defined]
    loader.reset()  # what other tests rendered before this one
    count = warmup._compile_templates()
    assert count > 100
    cached = {key.split("-")[0] for key in loader.get_template_cache}
    assert {"core/home.html", "sharing/ranked.html", "base.html"} <= cached
    assert not any(name.startswith("admin/") for name in cached)  # Django's own: on demand


def test_a_worker_that_cannot_warm_starts_cold(monkeypatch, caplog) -> None:
    """A failure (the database restarting) is logged; a raised error would stop gunicorn."""

    def restarting(self: IndexHolder) -> bool:
        raise ConnectionError("the database system is starting up")

    monkeypatch.setattr(IndexHolder, "warm", restarting)
    with caplog.at_level(logging.ERROR, logger="jobbro.core.warmup"):
        warmup.warm()
    assert "worker not warmed" in caplog.text


def test_warming_maps_a_snapshot_but_never_builds(settings, tmp_path) -> None:
    settings.MATCHING_INDEX_DIR = str(tmp_path)  # an empty directory: no snapshot yet
    holder = IndexHolder()
    assert holder.warm() is False
    assert holder._state is None  # the first search builds, as before
