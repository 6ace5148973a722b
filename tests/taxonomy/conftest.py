from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from jobbro.taxonomy.suggest.index import clear_cache

from .esco_subset import write_subset

# Real ESCO occupations (and their skills) for the suggestion pages and the API.
PAGE_LABELS = (
    "carpenter",
    "bricklayer",
    "forklift operator",
    "warehouse worker",
    "roofer",
    "bus driver",
)


@pytest.fixture(autouse=True)
def fresh_indexes() -> Iterator[None]:
    """Each test sees its own taxonomy: the per-process suggestion indexes start empty."""
    clear_cache()
    yield
    clear_cache()


@pytest.fixture(scope="module")
def page_subset_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_subset(tmp_path_factory.mktemp("esco-pages"), PAGE_LABELS)


@pytest.fixture
def esco(db: None, page_subset_dir: Path) -> None:
    call_command("load_taxonomy", "--dir", str(page_subset_dir), stdout=StringIO())
    clear_cache()
