"""Targets on the constructed quarter (tests/kpis/conftest.py): Q1 2027 in HRS has 3 hires
(Herlev 2: 10 and 30 days to fill; Gladsaxe 1: 14 days), a match rate of 3 of 4 (Herlev 2
of 3, Gladsaxe 1 of 1), and project Metro Sydhavn's 2 hires at Herlev."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jobbro.kpis import targets
from jobbro.kpis.models import Target
from jobbro.kpis.targets import Measure, Status
from jobbro.organisations.models import JobCentre, Role
from tests.factories import staff

pytestmark = pytest.mark.django_db

DURING = dt.date(2027, 3, 1)  # 60 of the quarter's 90 days gone
AFTER = dt.date(2027, 4, 10)


def make(world, kpi: str, value: int, parts: dict, **fields) -> Target:
    steering = staff(Role.STEERING_GROUP, world.herlev)
    return targets.target_create(
        actor=steering,
        cooperation=world.coop,
        parts={centre.pk: Decimal(v) for centre, v in parts.items()},
        kpi=kpi,
        start=world.period.start,
        end=world.period.end,
        value=Decimal(value),
        **fields,
    )


def centre_rows(progress) -> dict[str, tuple]:
    return {
        (row.job_centre.name if row.job_centre else "secretariat"): (
            row.progress.value,
            row.progress.status,
            row.progress.bar,
        )
        for row in progress.centres
    }


def test_a_count_is_judged_against_the_share_of_the_period_gone(world):
    target = make(world, "hires", 4, {world.herlev: 2, world.gladsaxe: 2})
    during = targets.progress_of(target, today=DURING, now=world.now)
    assert during.measure is Measure.COUNT
    assert during.elapsed == pytest.approx(60 / 90)
    assert during.total.value == 3
    assert during.total.expected == pytest.approx(4 * 60 / 90)
    assert (during.total.status, during.total.bar) == (Status.ON_TRACK, 75)
    assert centre_rows(during) == {
        "Jobcenter Gladsaxe": (1, Status.BEHIND, 50),
        "Jobcenter Herlev": (2, Status.REACHED, 100),
    }
    after = targets.progress_of(target, today=AFTER, now=world.now)
    assert after.total.status is Status.MISSED
    assert centre_rows(after)["Jobcenter Gladsaxe"] == (1, Status.MISSED, 50)
    before = targets.progress_of(target, today=dt.date(2026, 12, 1), now=world.now)
    assert before.total.status is Status.NOT_STARTED


def test_a_count_beyond_its_target_says_how_far_beyond(world):
    from jobbro.kpis.templatetags.kpi_targets import reached_text

    target = make(world, "hires", 2, {world.herlev: 1, world.gladsaxe: 1})
    after = targets.progress_of(target, today=AFTER, now=world.now)
    # 3 of 2: the text says 150 %, the bar stops at its end.
    assert (after.total.reached, after.total.bar) == (150, 100)
    assert reached_text(after.total, after) == "3 af 2 (150 %)"
    herlev = next(r for r in after.centres if r.job_centre == world.herlev)
    assert reached_text(herlev.progress, after) == "2 af 1 (200 %)"


def test_a_share_is_judged_on_the_percentage_so_far(world):
    target = make(world, "match_rate", 70, {world.herlev: 70, world.gladsaxe: 80})
    after = targets.progress_of(target, today=AFTER, now=world.now)
    assert after.measure is Measure.PERCENT
    assert after.total.value == 75
    assert after.total.status is Status.REACHED
    value, status, bar = centre_rows(after)["Jobcenter Herlev"]
    assert value == pytest.approx(200 / 3)
    assert (status, bar) == (Status.MISSED, 95)
    assert centre_rows(after)["Jobcenter Gladsaxe"] == (100, Status.REACHED, 100)
    during = targets.progress_of(target, today=DURING, now=world.now)
    assert during.total.status is Status.ON_TRACK


def test_time_to_fill_is_reached_at_or_below_its_target(world):
    target = make(world, "time_to_fill", 15, {world.herlev: 15, world.gladsaxe: 15})
    after = targets.progress_of(target, today=AFTER, now=world.now)
    assert after.measure is Measure.DAYS
    assert (after.total.value, after.total.status, after.total.bar) == (14, Status.REACHED, 100)
    # Herlev's median of 10 and 30 days is 20: three quarters of the way to 15.
    assert centre_rows(after)["Jobcenter Herlev"] == (20, Status.MISSED, 75)


def test_a_project_narrows_the_figure(world):
    target = make(world, "hires", 2, {world.herlev: 2, world.gladsaxe: 0}, project=world.project)
    after = targets.progress_of(target, today=AFTER, now=world.now)
    assert (after.total.value, after.total.status) == (2, Status.REACHED)
    assert centre_rows(after)["Jobcenter Gladsaxe"] == (0, Status.REACHED, 100)


def test_an_industry_narrows_the_figure(world):
    target = make(world, "hires", 5, {}, industry=world.cleaning)
    after = targets.progress_of(target, today=AFTER, now=world.now)
    assert after.total.value == 1
    assert [row.progress.target for row in after.centres] == [None, None]


def test_the_secretariats_own_rows_show_beside_the_centres(world):
    target = make(world, "job_orders", 4, {world.herlev: 2, world.gladsaxe: 2})
    after = targets.progress_of(target, today=AFTER, now=world.now)
    assert after.total.value == 4
    rows = centre_rows(after)
    assert rows["secretariat"][0] == 1
    assert after.centres[-1].progress.target is None


def test_the_parts_of_a_count_must_add_up_to_the_whole(world):
    with pytest.raises(ValidationError) as refused:
        make(world, "hires", 500, {world.herlev: 300, world.gladsaxe: 150})
    assert "450" in str(refused.value) and "500" in str(refused.value)
    assert not Target.objects.exists()


@pytest.mark.parametrize(
    ("kpi", "value", "fields", "field"),
    [
        ("hires", -1, {}, "value"),
        ("hires", 0, {}, "value"),
        ("match_rate", 101, {}, "value"),
        ("match_rate", 0, {}, "value"),
        ("survey_overall", 6, {}, "value"),
        ("survey_overall", 0, {}, "value"),
        ("time_to_fill", 0, {}, "value"),
        ("time_to_fill", -3, {}, "value"),
        ("visits", 10, {"project": "project"}, "kpi"),
        ("hires", 10, {"project": "project", "industry": "building"}, "project"),
    ],
)
def test_what_cannot_be_followed_is_refused(world, kpi, value, fields, field):
    with pytest.raises(ValidationError) as refused:
        make(world, kpi, value, {}, **{k: getattr(world, v) for k, v in fields.items()})
    assert field in refused.value.error_dict
    assert not Target.objects.exists()


@pytest.mark.parametrize(
    ("kpi", "value", "parts", "message"),
    [
        ("hires", 0, {}, "Et mål for et antal er mindst 1."),
        ("survey_overall", 0, {}, "Tilfredshed gives som en score fra 1 til 5."),
        ("survey_overall", Decimal("0.5"), {}, "Tilfredshed gives som en score fra 1 til 5."),
        ("time_to_fill", 0, {}, "Tid til besættelse er mindst 1 dag."),
        ("fill_rate", 0, {}, "En andel er fra 1 til 100 %."),
        ("fill_rate", 101, {}, "En andel er fra 1 til 100 %."),
        ("time_to_fill", 20, {"herlev": 0}, "Tid til besættelse er mindst 1 dag."),
        ("survey_overall", 4, {"gladsaxe": 6}, "Tilfredshed gives som en score fra 1 til 5."),
    ],
)
def test_a_target_off_its_figure_s_scale_says_so(world, kpi, value, parts, message):
    with pytest.raises(ValidationError) as refused:
        make(world, kpi, value, {getattr(world, k): v for k, v in parts.items()})
    field = f"part_{getattr(world, next(iter(parts))).pk}" if parts else "value"
    assert [str(m) for m in refused.value.error_dict[field][0]] == [message]
    assert not Target.objects.exists()


def test_a_job_centre_s_part_of_a_count_may_be_nought(world):
    target = make(world, "hires", 2, {world.herlev: 2, world.gladsaxe: 0})
    assert target.value == 2


def test_only_the_steering_group_of_the_cooperation_sets_targets(world):
    for role in Role:
        if role is Role.STEERING_GROUP:
            continue
        with pytest.raises(PermissionDenied):
            targets.target_create(
                actor=staff(role, world.herlev),
                cooperation=world.coop,
                parts={},
                kpi="hires",
                start=world.period.start,
                end=world.period.end,
                value=Decimal(3),
            )
    elsewhere = staff(Role.STEERING_GROUP, JobCentre.objects.get(name="Jobcenter Helsingør"))
    target = make(world, "hires", 3, {})
    with pytest.raises(PermissionDenied):
        targets.target_delete(actor=elsewhere, target=target, expected_version=1)
    assert Target.objects.count() == 1


def test_an_unchanged_save_writes_nothing_and_a_stale_one_is_refused(world):
    target = make(world, "hires", 4, {world.herlev: 2, world.gladsaxe: 2})
    steering = staff(Role.STEERING_GROUP, world.gladsaxe)
    fields = {
        "kpi": "hires",
        "start": target.start,
        "end": target.end,
        "industry": None,
        "project": None,
        "value": Decimal("4.0"),
        "note": "",
    }
    parts = {world.herlev.pk: Decimal(2), world.gladsaxe.pk: Decimal(2)}
    stamp = Target.objects.get().updated_at
    _same, changed = targets.target_update(
        actor=steering, target=target, parts=parts, expected_version=1, **fields
    )
    assert not changed
    assert Target.objects.get().version == 1
    assert Target.objects.get().updated_at == stamp
    moved = {world.herlev.pk: Decimal(3), world.gladsaxe.pk: Decimal(1)}
    _moved, changed = targets.target_update(
        actor=steering, target=target, parts=moved, expected_version=1, **fields
    )
    assert changed and Target.objects.get().version == 2
    with pytest.raises(ValidationError) as refused:
        targets.target_update(
            actor=steering,
            target=target,
            parts=parts,
            expected_version=1,
            **(fields | {"value": Decimal(4)}),
        )
    assert refused.value.code == "stale_version"
    stored = Target.objects.get()
    assert {p.job_centre_id: p.value for p in stored.parts.all()} == moved
    # A delete begun at version 1 (or with no version) is refused too: nothing deleted.
    for stale in (1, None):
        with pytest.raises(ValidationError) as refused:
            targets.target_delete(actor=steering, target=target, expected_version=stale)
        assert refused.value.code == "stale_version"
    assert Target.objects.count() == 1
    targets.target_delete(actor=steering, target=target, expected_version=2)
    assert not Target.objects.exists()


def test_a_period_of_ten_years_is_the_longest(world):
    steering = staff(Role.STEERING_GROUP, world.herlev)
    fields = {"kpi": "hires", "value": Decimal(2600), "parts": {}}
    kept = targets.target_create(
        actor=steering,
        cooperation=world.coop,
        start=dt.date(2016, 2, 29),
        end=dt.date(2026, 2, 28),
        **fields,
    )
    assert kept.pk
    with pytest.raises(ValidationError) as refused:
        targets.target_create(
            actor=steering,
            cooperation=world.coop,
            start=dt.date(2016, 2, 29),
            end=dt.date(2026, 3, 1),
            **fields,
        )
    assert "end" in refused.value.error_dict


def test_an_industry_group_counts_every_code_in_it_of_both_editions(world):
    """Construction (F) holds the divisions 41-43: company A's DB25 412000 and, here, company
    B's older DB07 433200 - so all three hires; accommodation (I) none of them."""
    from tests.factories import IndustryFactory

    world.b.industry = IndustryFactory(version="DB07", code="433200", label_da="Tømrer")
    world.b.save()
    IndustryFactory(version="DB25", code="561100", label_da="Restauranter")
    construction = make(
        world, "hires", 4, {world.herlev: 2, world.gladsaxe: 2}, industry_section="F"
    )
    assert Target.objects.get().industry_section == "F"
    after = targets.progress_of(construction, today=AFTER, now=world.now)
    assert after.total.value == 3
    rows = centre_rows(after)
    assert rows["Jobcenter Herlev"][0] == 2 and rows["Jobcenter Gladsaxe"][0] == 1
    assert after.scope == "F · Bygge- og anlægsvirksomhed, koder 41–43"
    food = make(world, "hires", 4, {}, industry_section="I")
    assert targets.progress_of(food, today=AFTER, now=world.now).total.value == 0


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"industry_section": "Z"}, "industry"),
        ({"industry_section": "F", "industry": "building"}, "industry"),
        ({"industry_section": "F", "project": "project"}, "project"),
    ],
)
def test_an_industry_group_is_one_of_the_list_and_alone(world, fields, field):
    given = {k: getattr(world, v) if k != "industry_section" else v for k, v in fields.items()}
    with pytest.raises(ValidationError) as refused:
        make(world, "hires", 10, {}, **given)
    assert field in refused.value.error_dict
    assert not Target.objects.exists()


def test_the_picker_finds_groups_and_codes_by_name_or_digits(world):
    """The 738 DB25 codes are loaded by a migration: a search shows a few of them."""
    found = {scope.value: scope.label for scope in targets.industry_matches("bygge")}
    assert found["F"] == "F · Bygge- og anlægsvirksomhed, koder 41–43"
    found = {scope.value: scope.label for scope in targets.industry_matches("opførelse bygninger")}
    assert found[str(world.building.pk)] == "412000 Opførelse af bygninger"
    by_digits = [scope.value for scope in targets.industry_matches("41")]
    assert by_digits[0] == "F" and str(world.building.pk) in by_digits
    assert targets.industry_matches("412000")[0].value == "F"
    assert len(targets.industry_matches("")) == 22  # with no text, every group
    assert targets.industry_matches("zzzz") == []


# --- many targets at once -------------------------------------------------------------

# One target of each way of computing: plain aggregates (with a preparation, a join, a
# distinct count, an average, a share of the shared line), time to fill, hires across
# municipalities, and the agreements' progress.
MANY_KPIS = [
    "hires",
    "match_rate",
    "fill_rate",
    "retention_week",
    "companies_contacted",
    "survey_overall",
    "inquiries_within_target",
    "time_to_fill",
    "cross_municipal",
    "agreements_running",
]
SPANS = [
    (dt.date(2027, 1, 1), dt.date(2027, 3, 31)),
    (dt.date(2027, 1, 1), dt.date(2027, 2, 15)),
    (dt.date(2026, 12, 1), dt.date(2027, 12, 31)),
]


def many_targets(world, spans, scopes) -> None:
    """Targets of every KPI above, over each span, for each scope it can be counted for."""
    for start, end in spans:
        for kpi in MANY_KPIS:
            for scope in scopes:
                if scope and targets.figure_cannot_narrow(kpi, targets.filters_of(Target(**scope))):
                    continue
                Target.objects.create(
                    cooperation=world.coop, kpi=kpi, start=start, end=end, value=Decimal(3), **scope
                )


def one_by_one(world, target, today):
    """The figures as the page computed them before: a figure and a breakdown per target."""
    from jobbro.kpis.periods import custom
    from jobbro.kpis.selectors import breakdown, figure
    from jobbro.kpis.sources import Dimension

    period = targets.period_of(target)
    so_far = custom(period.start, min(period.end, today))
    filters = targets.filters_of(target)
    return (
        figure(target.kpi, world.coop, so_far, filters, now=world.now),
        breakdown(
            target.kpi,
            world.coop,
            so_far,
            Dimension.JOB_CENTRE,
            filters,
            now=world.now,
            summed=False,
        ),
    )


def page_queries(world) -> tuple[int, list]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        progress = targets.targets_progress(world.coop, today=AFTER, now=world.now)
    return len(queries), progress


def test_many_targets_take_as_many_queries_as_few_and_keep_their_figures(world):
    scopes = [{}, {"project": world.project}, {"industry": world.cleaning}]
    many_targets(world, SPANS[:1], scopes[:1])
    few_queries, few = page_queries(world)
    assert len(few) == len(MANY_KPIS)
    many_targets(world, SPANS[1:], scopes)
    many_targets(world, SPANS[:1], scopes[1:])
    many_targets(world, SPANS, [{"industry_section": "F"}, {"industry_section": "N"}])
    many_queries, many = page_queries(world)
    assert len(many) > 8 * len(few)
    # The same number of queries for ten targets as for eighty: none per target.
    assert many_queries == few_queries, (many_queries, few_queries)
    # And every figure as computed target by target: the total and each job centre's.
    for progress in many:
        total, split = one_by_one(world, progress.target, AFTER)
        assert progress.total.figure == total, progress.target
        expected = {
            centre.pk: (split or {}).get(centre.pk) or targets._nothing(progress.measure)
            for centre in (world.herlev, world.gladsaxe)
        }
        shown = {
            row.job_centre.pk: row.progress.figure for row in progress.centres if row.job_centre
        }
        assert shown == expected, progress.target
        secretariat = [row.progress.figure for row in progress.centres if row.job_centre is None]
        assert secretariat == ([split[None]] if split and None in split else [])


def test_the_figures_are_not_all_nought(world):
    """The comparison above compares something: the world's quarter has figures."""
    many_targets(world, SPANS[:1], [{}])
    progress = {
        p.target.kpi: p for p in targets.targets_progress(world.coop, today=AFTER, now=world.now)
    }
    assert progress["hires"].total.value == 3
    assert progress["match_rate"].total.value == 75
    assert progress["time_to_fill"].total.value is not None
