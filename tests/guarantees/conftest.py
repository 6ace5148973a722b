import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """Services' messages in English, as the assertions read them."""
    with translation.override("en"):
        yield
