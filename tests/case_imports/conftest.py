from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from jobbro.organisations.models import JobCentre, Municipality, Role, User
from jobbro.taxonomy.suggest.index import clear_cache
from tests.factories import JobCentreFactory, staff
from tests.taxonomy.esco_subset import write_subset

LABELS = ("carpenter", "warehouse worker", "chef", "head chef", "bus driver")


@pytest.fixture(scope="session")
def esco_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_subset(tmp_path_factory.mktemp("esco-imports"), LABELS)


@pytest.fixture
def esco(db: None, esco_dir: Path) -> Iterator[None]:
    call_command("load_taxonomy", "--dir", str(esco_dir), stdout=StringIO())
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def herlev(db: None) -> JobCentre:
    return JobCentreFactory(
        name="Jobcenter Herlev", municipalities=[Municipality.objects.get(name="Herlev")]
    )


@pytest.fixture
def gladsaxe(herlev: JobCentre) -> JobCentre:
    return JobCentreFactory(
        name="Jobcenter Gladsaxe",
        cooperation=herlev.cooperation,
        municipalities=[Municipality.objects.get(name="Gladsaxe")],
    )


@pytest.fixture
def consultant(herlev: JobCentre) -> User:
    return staff(Role.JOB_CONSULTANT, herlev)
