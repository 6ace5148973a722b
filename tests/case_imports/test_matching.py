"""Imported candidates are found by another job centre's job order at its next search."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from jobbro.candidates.models import Candidate
from jobbro.case_imports.services import create_run, run_import
from jobbro.matching.holder import get_holder
from jobbro.matching.selectors import rank_for_job_order
from jobbro.organisations.models import Role
from jobbro.taxonomy.models import Occupation
from tests.factories import CompanyFactory, JobOrderFactory, staff

from .files import ANNA, BO, csv_bytes

pytestmark = pytest.mark.usefixtures("esco")


@pytest.fixture
def fresh_index() -> Iterator[None]:
    get_holder().clear()
    yield
    get_holder().clear()


def test_another_centres_job_order_finds_the_imported_candidates(herlev, gladsaxe, fresh_index):
    searcher = staff(Role.BUSINESS_CONSULTANT, gladsaxe)
    carpenter = Occupation.objects.get(label_en="carpenter")
    company = CompanyFactory(
        cooperation=gladsaxe.cooperation, municipality=gladsaxe.municipalities.get()
    )
    order = JobOrderFactory(company=company, job_centre=gladsaxe, occupation=carpenter)
    assert list(rank_for_job_order(order, searcher=searcher)) == []  # the index is built

    made = create_run(
        job_centre=herlev,
        kind="candidates",
        filename="b.csv",
        data=csv_bytes(ANNA, BO),
        dry_run=False,
    )
    assert run_import(made.pk).created == 2

    anna = Candidate.objects.get(case_id="S-1001")  # wishes carpenter, consented
    hits = list(rank_for_job_order(order, searcher=searcher))
    assert [hit.candidate_id for hit in hits] == [anna.pk]
