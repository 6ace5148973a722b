import pytest

from jobbro.matching.holder import get_holder

from .helpers import World, build_world


@pytest.fixture(autouse=True)
def fresh_holder():
    """Each test has its own database: the process's index must not carry over."""
    get_holder().clear()
    yield
    get_holder().clear()


@pytest.fixture
def world(job_centre, other_job_centre) -> World:
    return build_world(job_centre, other_job_centre)
