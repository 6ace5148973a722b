"""Each KPI split by each dimension: one grouped query, the same figures as the filters."""

import pytest

from jobbro.kpis.measures import Count, Durations, Share
from jobbro.kpis.selectors import KPIS, AgreementKpi, applies, breakdown, figure
from jobbro.kpis.sources import Dimension, Filters

pytestmark = pytest.mark.django_db


def test_job_orders_by_job_centre_with_the_secretariat_apart(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = breakdown(
            "job_orders", world.coop, world.period, Dimension.JOB_CENTRE, summed=False
        )
    assert found == {world.herlev.pk: Count(2), world.gladsaxe.pk: Count(1), None: Count(1)}


def test_fill_rate_by_industry_occupation_and_project(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        by_industry = breakdown(
            "fill_rate", world.coop, world.period, Dimension.INDUSTRY, summed=False
        )
    assert by_industry == {world.building.pk: Share(2, 3), world.cleaning.pk: Share(1, 4)}
    by_occupation = breakdown("positions", world.coop, world.period, Dimension.OCCUPATION)
    assert by_occupation == {world.carpenter.pk: Count(3), world.cleaner.pk: Count(4)}
    by_project = breakdown("job_orders", world.coop, world.period, Dimension.PROJECT)
    assert by_project == {world.project.pk: Count(1), None: Count(3)}


def test_hires_by_target_group_with_youth_by_age(world, django_assert_num_queries):
    with django_assert_num_queries(2):  # the marks, then youth by age
        found = breakdown("hires", world.coop, world.period, Dimension.TARGET_GROUP, summed=False)
    assert found == {"senior": Count(1), None: Count(2), "youth": Count(1)}
    referrals = breakdown("referrals", world.coop, world.period, Dimension.TARGET_GROUP)
    assert referrals == {
        "senior": Count(1),
        "academic": Count(1),
        None: Count(3),
        "youth": Count(2),
    }


def test_time_to_fill_by_job_centre(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = breakdown(
            "time_to_fill", world.coop, world.period, Dimension.JOB_CENTRE, summed=False
        )
    assert found == {
        world.herlev.pk: Durations(20.0, 30, 2),
        world.gladsaxe.pk: Durations(14.0, 14, 1),
    }


def test_retention_and_cross_municipal_by_job_centre(world):
    assert breakdown("retention_month", world.coop, world.period, Dimension.JOB_CENTRE) == {
        world.herlev.pk: Share(1, 2),
        world.gladsaxe.pk: Share(0, 0),
    }
    assert breakdown("cross_municipal", world.coop, world.period, Dimension.JOB_CENTRE) == {
        world.herlev.pk: Share(1, 2),
        world.gladsaxe.pk: Share(1, 1),
    }


def test_contacts_inquiries_and_surveys_by_job_centre(world):
    assert breakdown("visits", world.coop, world.period, Dimension.JOB_CENTRE) == {
        world.herlev.pk: Count(1),
        None: Count(1),
    }
    within = breakdown(
        "inquiries_within_target", world.coop, world.period, Dimension.JOB_CENTRE, now=world.now
    )
    assert within == {
        world.herlev.pk: Share(1, 1),
        world.gladsaxe.pk: Share(0, 1),
        None: Share(0, 1),
    }
    rate = breakdown("survey_response_rate", world.coop, world.period, Dimension.JOB_CENTRE)
    assert rate == {world.herlev.pk: Share(1, 1), world.gladsaxe.pk: Share(0, 1)}


def test_agreements_by_job_centre_industry_and_occupation(world):
    assert breakdown("agreements_reached", world.coop, world.period, Dimension.JOB_CENTRE) == {
        world.herlev.pk: Share(1, 1),
        world.gladsaxe.pk: Share(0, 1),
    }
    by_occupation = breakdown("agreements_running", world.coop, world.period, Dimension.OCCUPATION)
    assert by_occupation == {world.carpenter.pk: Count(1), None: Count(1)}  # None: all occupations
    assert breakdown("agreement_hires", world.coop, world.period, Dimension.INDUSTRY) == {
        world.building.pk: Share(2, 2),
        world.cleaning.pk: Share(0, 4),
    }


@pytest.mark.parametrize("dimension", list(Dimension))
@pytest.mark.parametrize("key", list(KPIS))
def test_every_breakdown_adds_up_to_the_filtered_figure(world, key, dimension):
    """Each group's figure is the figure with that group as the filter (the secretariat's
    and the empty groups aside); a KPI that cannot split says so with None."""
    found = breakdown(key, world.coop, world.period, dimension, now=world.now)
    if not applies(KPIS[key], Filters(), dimension):
        assert found is None
        return
    assert found is not None
    if isinstance(KPIS[key], AgreementKpi) and dimension is Dimension.OCCUPATION:
        # Filtered by an occupation, the agreements for all occupations count too; split
        # by occupation they are their own group (None): tested above.
        return
    for group, value in found.items():
        if group is None:
            continue
        filtered = figure(
            key, world.coop, world.period, Filters(**{dimension.value: group}), now=world.now
        )
        assert filtered == value, (key, dimension, group)


def test_split_labels_the_groups_and_puts_the_unnamed_last(world):
    from django.utils import translation

    from jobbro.kpis.selectors import split

    with translation.override("da"):
        rows = split("job_orders", world.coop, world.period, Dimension.JOB_CENTRE)
    assert [(r.label, r.current, r.previous) for r in rows] == [
        ("Jobcenter Gladsaxe", Count(1), Count(0)),
        ("Jobcenter Herlev", Count(2), Count(1)),
        ("Sekretariatet", Count(1), Count(0)),
    ]
    fill = split("fill_rate", world.coop, world.period, Dimension.JOB_CENTRE)
    assert [(r.current, r.previous) for r in fill][1] == (Share(2, 3), Share(0, 5))
    gladsaxe = fill[0]
    assert gladsaxe.previous == Share(0, 0) and gladsaxe.previous.percent is None
    assert split("visits", world.coop, world.period, Dimension.PROJECT) is None


def test_a_survey_of_a_company_no_member_serves_is_not_the_secretariats(world):
    from django.utils import translation

    from jobbro.kpis.selectors import split
    from tests.factories import CompanyFactory, SurveyInvitationFactory

    from .conftest import local

    invitation = world.a.survey_invitations.get()
    SurveyInvitationFactory(
        survey_round=invitation.survey_round,
        company=CompanyFactory(cooperation=world.coop),
        job_centre=None,
        sent_at=local(2027, 2, 1),
    )
    with translation.override("da"):
        rows = split("survey_response_rate", world.coop, world.period, Dimension.JOB_CENTRE)
    assert rows[-1].label == "Intet hjemjobcenter"
    assert rows[-1].current == Share(0, 1)


def test_youth_without_a_target_group_row_has_a_translated_label(world):
    from django.utils import translation

    from jobbro.candidates.models import TargetGroup
    from jobbro.kpis.selectors import group_labels

    # Youth is counted by age: a cooperation need not have a TargetGroup row for it.
    TargetGroup.objects.filter(code="youth").delete()
    with translation.override("da"):
        labels = group_labels(Dimension.TARGET_GROUP, world.coop, {"youth", None})
    assert labels["youth"] == "Unge under 30 år"
    with translation.override("en"):
        labels = group_labels(Dimension.TARGET_GROUP, world.coop, {"youth"})
    assert labels["youth"] == "Young people under 30"


def test_an_industry_split_keeps_a_db07_code_apart_and_says_its_edition(world):
    """No key from DB07 to DB25 in the taxonomy: company B's older DB07 code of the same
    number is its own line, named so that the two lines cannot be taken for one."""
    from django.utils import translation

    from jobbro.kpis.selectors import split
    from tests.factories import IndustryFactory

    world.b.industry = IndustryFactory(version="DB07", code="812100", label_da="Rengøring")
    world.b.save()
    with translation.override("da"):
        rows = split("job_orders", world.coop, world.period, Dimension.INDUSTRY)
    assert rows is not None
    labels = [r.label for r in rows]
    assert "412000 Opførelse af bygninger (DB25)" in labels
    assert "812100 Rengøring (DB07, kode fra før 2025)" in labels
    with translation.override("en"):
        rows = split("job_orders", world.coop, world.period, Dimension.INDUSTRY)
    assert rows is not None
    assert any(r.label.endswith("(DB07, code from before 2025)") for r in rows)
