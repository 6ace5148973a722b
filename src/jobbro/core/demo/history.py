"""Two years of referrals with their transition log and screening, placements and follow-ups."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from jobbro.candidates.models import Candidate, CandidateStatus, ConsentScope
from jobbro.joborders.models import (
    FollowUp,
    FollowUpStep,
    JobOrder,
    JobOrderKind,
    JobOrderStatus,
    Placement,
    Referral,
    ReferralState,
    ReferralTransition,
)
from jobbro.organisations.models import User
from jobbro.screening.models import ScreeningAnswer, ScreeningItem, ScreeningValue

from .context import Demo
from .joborders import RECENT_DAYS

FOLLOW_UPS = ((FollowUpStep.WEEK, 7), (FollowUpStep.MONTH, 30), (FollowUpStep.QUARTER, 90))
SUBSIDISED = (JobOrderKind.WAGE_SUBSIDY, JobOrderKind.FLEX_JOB, JobOrderKind.INTERNSHIP)
MOTIVATIONS = (
    "Relevant erfaring og de efterspurgte certifikater.",
    "Stærk motivation; har været i praktik i lignende virksomhed.",
    "Matcher kravene; kan starte med kort varsel.",
    "Bor tæt på arbejdsstedet og har kørekort.",
)
DECLINE_REASONS = (
    "Virksomheden valgte en kandidat med mere erfaring.",
    "Manglede certifikat.",
    "Stillingen blev besat internt.",
)
WITHDRAW_REASONS = ("Kandidaten har fået andet job.", "Kandidaten er blevet syg.")
# The cooperation's common screening checklist: three questions for every kind of job
# order, and one more that fits the kind.
COMMON_QUESTIONS = (
    ("Kan kandidaten starte på startdatoen?", "Can the candidate start on the start date?"),
    (
        "Er jobbet, arbejdstiden og lønnen gennemgået med kandidaten?",
        "Have the job, the hours and the pay been gone through with the candidate?",
    ),
    (
        "Kan kandidaten komme til arbejdsstedet (transport, kørekort)?",
        "Can the candidate get to the workplace (transport, driving licence)?",
    ),
)
KIND_QUESTIONS = {
    JobOrderKind.ORDINARY: (
        "Har kandidaten de krævede certifikater?",
        "Does the candidate hold the required certificates?",
    ),
    JobOrderKind.INTERNSHIP: (
        "Er målet med praktikken aftalt?",
        "Is the goal of the internship agreed?",
    ),
    JobOrderKind.WAGE_SUBSIDY: (
        "Er betingelserne for løntilskud opfyldt?",
        "Are the conditions for wage subsidy met?",
    ),
    JobOrderKind.SMALL_JOB: (
        "Passer timetallet til kandidatens situation?",
        "Do the hours suit the candidate's situation?",
    ),
    JobOrderKind.APPRENTICESHIP: (
        "Er skoleforløbet afklaret med erhvervsskolen?",
        "Is the school part settled with the vocational school?",
    ),
    JobOrderKind.FLEX_JOB: (
        "Er skånehensyn og arbejdsevne beskrevet?",
        "Are the accommodations and working capacity described?",
    ),
    JobOrderKind.JOB_ROTATION: (
        "Er vikariatets længde aftalt?",
        "Is the length of the substitute post agreed?",
    ),
}
SCREENING_NOTES = ("", "", "", "Aftalt ved samtale.", "Skal følges op inden start.")
FOLLOW_UP_NOTES = (
    "God start; arbejdsgiver er tilfreds.",
    "Trives i jobbet; aftalt ekstra introduktion.",
    "Udfordringer med transport; løst med tidligere vagt.",
    "",
)


@dataclass
class _Plan:
    """One referral's life, built in memory before the bulk inserts."""

    referral: Referral
    steps: list[tuple[str, str, User, dt.datetime, str]] = field(default_factory=list)
    hired_at: dt.datetime | None = None


def seed_history(demo: Demo) -> None:
    rng = demo.rng
    pool: dict[int, list[Candidate]] = {}  # occupation id → candidates trained for it
    for candidate in demo.candidates:
        occupation_id = demo.trades[demo.candidate_trade[candidate.pk]].occupation_id
        pool.setdefault(occupation_id, []).append(candidate)
    job_consultant = demo.users["jobkonsulent"]
    onboarding = demo.users["indslusning"]
    hired_candidates: set[int] = set()
    plans: list[_Plan] = []
    hires_of: dict[int, int] = {}

    for order in demo.job_orders:
        created = demo.job_order_created[order.pk]
        age_days = (demo.today - created.date()).days
        eligible = [
            c
            for c in pool.get(order.occupation_id, [])
            if c.registered_on <= created.date()
            and (
                c.consent_scope == ConsentScope.COOPERATION
                or c.job_centre_id == order.job_centre_id
            )
            and c.pk not in hired_candidates
        ]
        wanted = min(len(eligible), rng.randint(order.positions, order.positions * 2 + 3))
        if age_days < 3:
            wanted = min(wanted, rng.randint(0, 2))
        hires = 0
        for candidate in rng.sample(eligible, wanted):
            proposed_at = created + dt.timedelta(
                days=rng.randint(1, max(1, min(14, age_days))), hours=rng.randint(0, 3)
            )
            if proposed_at.date() > demo.today:
                continue
            proposer = rng.choice(demo.job_consultants[candidate.job_centre_id])
            if candidate.job_centre_id == job_consultant_centre(demo) and rng.random() < 0.6:
                proposer = job_consultant
            plan = _Plan(
                Referral(
                    job_order=order,
                    candidate=candidate,
                    proposed_by=proposer,
                    motivation=rng.choice(MOTIVATIONS),
                    created_at=proposed_at,
                )
            )
            plan.steps.append(("", ReferralState.PROPOSED, proposer, proposed_at, ""))
            can_hire = hires < order.positions and candidate.pk not in hired_candidates
            state = _play(demo, plan, order, proposer, proposed_at, can_hire)
            plan.referral.state = state
            if state == ReferralState.HIRED:
                hires += 1
                hired_candidates.add(candidate.pk)
            plans.append(plan)
        hires_of[order.pk] = hires
        order.hires = hires
        if hires == order.positions:
            order.status = JobOrderStatus.FILLED
        elif age_days > RECENT_DAYS:
            order.status = JobOrderStatus.CANCELLED if rng.random() < 0.1 else JobOrderStatus.CLOSED
        else:
            order.status = JobOrderStatus.OPEN

    referrals = Referral.objects.bulk_create([p.referral for p in plans], batch_size=1000)
    transitions = [
        ReferralTransition(
            referral=referral, from_state=src, to_state=dst, by=by, at=at, reason=reason
        )
        for referral, plan in zip(referrals, plans, strict=True)
        for src, dst, by, at, reason in plan.steps
    ]
    ReferralTransition.objects.bulk_create(transitions, batch_size=2000)
    _seed_screening(demo, referrals)
    JobOrder.objects.bulk_update(demo.job_orders, ["hires", "status"], batch_size=500)
    _seed_placements(demo, plans, onboarding)


def job_consultant_centre(demo: Demo) -> int:
    return demo.job_centres["Herlev"].pk


def _play(
    demo: Demo,
    plan: _Plan,
    order: JobOrder,
    proposer: User,
    proposed_at: dt.datetime,
    can_hire: bool,
) -> str:
    """Walk the referral through its states up to today; returns the state it ends in."""
    rng = demo.rng
    now = demo.at(demo.today, 17)
    company_side = order.created_by
    state = ReferralState.PROPOSED
    at = proposed_at
    while True:
        at = at + dt.timedelta(days=rng.randint(2, 10), hours=rng.randint(0, 4))
        if at > now:
            return state  # the company has not answered yet
        roll = rng.random()
        if state == ReferralState.PROPOSED:
            if roll < 0.55:
                nxt, by, reason = ReferralState.INTERVIEW, company_side, ""
            elif roll < 0.9:
                nxt, by, reason = (
                    ReferralState.DECLINED,
                    company_side,
                    rng.choice(DECLINE_REASONS),
                )
            else:
                nxt, by, reason = ReferralState.WITHDRAWN, proposer, rng.choice(WITHDRAW_REASONS)
        elif state == ReferralState.INTERVIEW:
            if roll < 0.6 and can_hire:
                nxt, by, reason = ReferralState.HIRED, company_side, ""
                plan.hired_at = at
            elif roll < 0.92:
                nxt, by, reason = (
                    ReferralState.DECLINED,
                    company_side,
                    rng.choice(DECLINE_REASONS),
                )
            else:
                nxt, by, reason = ReferralState.WITHDRAWN, proposer, rng.choice(WITHDRAW_REASONS)
        else:
            return state
        plan.steps.append((state, nxt, by, at, reason))
        state = nxt
        if state in (ReferralState.HIRED, ReferralState.DECLINED, ReferralState.WITHDRAWN):
            return state


def _seed_placements(demo: Demo, plans: list[_Plan], onboarding: User) -> None:
    rng = demo.rng
    hired = [p for p in plans if p.hired_at is not None]
    placements = []
    for plan in hired:
        assert plan.hired_at is not None
        order = plan.referral.job_order
        start = max(order.start_date, plan.hired_at.date() + dt.timedelta(days=rng.randint(3, 14)))
        placements.append(
            Placement(
                referral=plan.referral,
                start_date=start,
                hours_per_week=order.hours_per_week,
                ordinary_hours=order.kind not in SUBSIDISED,
                recorded_by=order.created_by,
                onboarding_consultant=onboarding if rng.random() < 0.8 else None,
                created_at=plan.hired_at,
            )
        )
    placements = Placement.objects.bulk_create(placements, batch_size=1000)
    follow_ups = []
    in_work: list[Candidate] = []
    for placement in placements:
        candidate = placement.referral.candidate
        if (demo.today - placement.start_date).days < 365:
            candidate.status = CandidateStatus.HIRED
            in_work.append(candidate)
        employed = True
        for step, offset in FOLLOW_UPS:
            due = placement.start_date + dt.timedelta(days=offset)
            follow_up = FollowUp(
                placement=placement,
                step=step,
                due_on=due,
                job_order_centre_id=placement.referral.job_order.job_centre_id,
                candidate_centre_id=candidate.job_centre_id,
            )
            # Leave the recent ones open so the onboarding consultant has work to do.
            if (demo.today - due).days > rng.randint(3, 10):
                employed = employed and rng.random() < (0.96 if step == FollowUpStep.WEEK else 0.9)
                # Of those still employed; overall ≈ 69 % at first, 58 % after three months.
                odds_ordinary = 0.74 if step == FollowUpStep.QUARTER else 0.72
                follow_up.done_at = demo.at(due + dt.timedelta(days=rng.randint(0, 3)))
                follow_up.done_by = placement.onboarding_consultant or placement.recorded_by
                follow_up.still_employed = employed
                follow_up.ordinary_hours = employed and rng.random() < odds_ordinary
                follow_up.note = rng.choice(FOLLOW_UP_NOTES) if employed else "Stoppet i jobbet."
            follow_ups.append(follow_up)
    FollowUp.objects.bulk_create(follow_ups, batch_size=2000)
    Candidate.objects.bulk_update(in_work, ["status"], batch_size=1000)


def _seed_screening(demo: Demo, referrals: list[Referral]) -> None:
    """The checklists for every kind, and every referral's answers to its kind's checklist."""
    rng = demo.rng
    assert demo.cooperation is not None
    secretariat = demo.users["sekretariat"]
    checklists: dict[str, list[ScreeningItem]] = {}
    for kind in JobOrderKind:
        questions = [*COMMON_QUESTIONS, KIND_QUESTIONS[kind]]
        checklists[kind] = [
            ScreeningItem(
                cooperation=demo.cooperation,
                kind=kind,
                position=position,
                text_da=da,
                text_en=en,
                updated_by=secretariat,
                updated_at=demo.days_ago(800, 9),
            )
            for position, (da, en) in enumerate(questions, start=1)
        ]
    ScreeningItem.objects.bulk_create([item for items in checklists.values() for item in items])
    answers = []
    for referral in referrals:
        for item in checklists[referral.job_order.kind]:
            roll = rng.random()
            value = (
                ScreeningValue.YES
                if roll < 0.85
                else ScreeningValue.NOT_RELEVANT
                if roll < 0.95
                else ScreeningValue.NO
            )
            answers.append(
                ScreeningAnswer(
                    referral=referral,
                    item=item,
                    position=item.position,
                    text_da=item.text_da,
                    text_en=item.text_en,
                    value=value,
                    note=rng.choice(SCREENING_NOTES),
                )
            )
    ScreeningAnswer.objects.bulk_create(answers, batch_size=5000)
