"""The free search works in the sharing tests' world (tests/sharing/conftest.py)."""

from tests.sharing.conftest import (  # noqa: F401 - fixtures, found by pytest by name
    _english,
    _fresh_indexes,
    client_for,
    foreign_job_centre,
    job_order,
    make_candidate,
    occupation,
    owner,
    partner,
    secret,
)
