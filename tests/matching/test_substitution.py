"""The search for a job order's tasks without the trade (substitution labour), with known
answers: who is listed, the score, and the explanation task skill by task skill."""

import pytest

from jobbro.joborders.models import JobOrderTask
from jobbro.matching.engine import RequirementKind, scoring
from jobbro.matching.selectors import job_order_query, rank_for_job_order
from tests.factories import SkillFactory

from .helpers import make_candidate, make_job_order, require

pytestmark = pytest.mark.django_db


def ids(result):
    return [hit.candidate_id for hit in result]


def task(job_order, title, skills, *, needs_trade=False, position=0):
    made = JobOrderTask.objects.create(
        job_order=job_order, title=title, needs_trade=needs_trade, position=position
    )
    made.skills.set(skills)
    return made


@pytest.fixture
def site(world):
    """A carpenter's job on a building site with a safety course for everyone: the site's
    cleaning and carrying need no trade; the formwork does."""
    cleaning = SkillFactory(label_en="clean construction sites", label_da="rengøre byggepladser")
    carrying = SkillFactory(label_en="carry materials", label_da="bære materialer")
    sorting = SkillFactory(label_en="sort waste", label_da="sortere affald")
    order = make_job_order(world)
    require(order, "qualification", qualification=world.first_aid)  # the whole site's
    require(order, "skill", skill=world.skills[0])  # the trade's
    require(order, "experience", min_years=2)  # years in the trade
    require(order, "language", must=False, language=world.danish, language_level="B1")
    task(order, "Oprydning", [cleaning, sorting], position=0)
    task(order, "Materialer", [carrying, cleaning], position=1)
    task(order, "Forskalling", [world.skills[1]], needs_trade=True, position=2)
    world.extra.update(cleaning=cleaning, carrying=carrying, sorting=sorting)
    return order


def test_a_candidate_without_the_trade_ranks_only_for_the_tasks(world, site):
    first_aid = ((world.first_aid, None),)
    substitute = make_candidate(
        world,
        skills=(world.extra["cleaning"], world.extra["carrying"]),
        qualifications=first_aid,
    )
    carpenter = make_candidate(
        world, occupation=world.carpenter, skills=(world.skills[0],), qualifications=first_aid
    )
    without_course = make_candidate(world, skills=(world.extra["cleaning"],))
    make_candidate(world, occupation=world.cleaner, qualifications=first_aid)  # no task skill

    ordinary = rank_for_job_order(site, searcher=world.consultant)
    assert ids(ordinary) == [carpenter.pk]

    result = rank_for_job_order(site, searcher=world.consultant, for_tasks=True)
    assert ids(result) == [substitute.pk]  # the carpenter holds no task skill
    assert without_course.pk not in ids(result)  # the site's course still applies
    hit = result[0]
    # 2 of the 3 task skills (each once, though cleaning is in two tasks); lives at the
    # workplace; Danish (nice-to-have) not held.
    assert hit.score == pytest.approx(0.65 * 2 / 3 + 0.15 * 1.0, abs=1e-6)
    assert [(c.name, c.weight) for c in hit.explanation.components] == [
        ("tasks", scoring.WEIGHT_TASKS),
        ("nice_to_have", scoring.WEIGHT_NICE),
        ("proximity", scoring.WEIGHT_PROXIMITY),
    ]
    held = {r.requirement.target_id: r.met for r in hit.explanation.task_skills}
    assert held == {
        world.extra["cleaning"].pk: True,
        world.extra["carrying"].pk: True,
        world.extra["sorting"].pk: False,
    }
    musts = [r.requirement.kind for r in hit.explanation.must_haves]
    assert musts == [RequirementKind.QUALIFICATION]  # not the trade's skill or years
    assert [r.requirement.kind for r in hit.explanation.nice_to_haves] == [RequirementKind.LANGUAGE]


def test_the_query_for_tasks_names_no_occupation_and_each_task_skill_once(world, site):
    query = job_order_query(site, searcher=world.consultant, for_tasks=True)
    assert query.occupations == () and query.essential_skills == ()
    skills = sorted(world.extra[name].pk for name in ("cleaning", "carrying", "sorting"))
    assert [r.target_id for r in query.task_skills] == skills
    assert world.skills[1].pk not in {r.target_id for r in query.requirements}  # trade task


def test_an_order_without_tasks_cannot_be_searched_for_them(world):
    order = make_job_order(world)
    task(order, "Forskalling", [world.skills[1]], needs_trade=True)
    with pytest.raises(ValueError, match="no task without the trade"):
        rank_for_job_order(order, searcher=world.consultant, for_tasks=True)
