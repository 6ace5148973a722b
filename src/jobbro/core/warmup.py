"""A web worker made ready before its first request (gunicorn's `post_worker_init`).

Each worker otherwise paid on its first requests for what it loads once: the URL
configuration with every view module (about 1 s), the templates it compiles, the
translations and the search index's snapshot (0.3 s at national scale). Under load those
were the slowest requests of a run, and they recur: workers are recycled every 2,000
requests (gunicorn.conf.py).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from django.conf import settings
from django.template import engines
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation

from jobbro.matching.holder import get_holder

logger = logging.getLogger(__name__)


def warm() -> None:
    """Never fails: a worker that cannot warm (the database restarting, say) starts cold
    and loads the rest on demand, as before; a failed start would stop the server."""
    try:
        _warm()
    except Exception:
        logger.exception("worker not warmed; it loads what it needs on its first requests")


def _warm() -> None:
    started = time.monotonic()
    get_resolver().url_patterns  # noqa: B018 - imports every view module
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            translation.gettext("Jobbro")  # loads the language's catalogues
    templates = _compile_templates()
    index = get_holder().warm()
    logger.info(
        "worker warmed in %.1f s: %d templates, search index %s",
        time.monotonic() - started,
        templates,
        "mapped" if index else "left for the first search",
    )


def _compile_templates() -> int:
    """Compile every template of the project's template directories (the cached loader
    keeps them); a name shadowed by another directory compiles the one Django uses."""
    names: set[str] = set()
    for engine in engines.all():
        for directory in engine.template_dirs:
            root = Path(directory)
            if root == settings.SRC_DIR or settings.SRC_DIR in root.parents:
                names.update(str(p.relative_to(root)) for p in root.rglob("*.html"))
    for name in names:
        get_template(name)
    return len(names)
