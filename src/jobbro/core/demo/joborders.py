"""Construction projects, two years of job orders with their requirements, and the open
ones published as job postings."""

from __future__ import annotations

import datetime as dt

from jobbro.joborders.models import (
    Importance,
    JobOrder,
    JobOrderKind,
    JobOrderStatus,
    Project,
    Requirement,
    RequirementKind,
    SalaryUnit,
)
from jobbro.taxonomy.models import CefrLevel

from .context import Demo
from .occupations import TRADES, Trade, TradeData

PROJECTS = (
    (
        "Metro Sydhavnen M4",
        "Metroens forlængelse til Sydhavnen: råhus, installationer og stationer.",
        "101",
        "Sydhavns Plads",
    ),
    (
        "Nyt Hospital Bispebjerg",
        "Nybyggeri og renovering på Bispebjerg Hospital.",
        "101",
        "Bispebjerg Bakke 23",
    ),
    (
        "Letbanen på Ring 3",
        "Hovedstadens Letbane fra Lundtofte til Ishøj: spor, stationer og drift.",
        "161",
        "Ring 3, Glostrup",
    ),
    (
        "Lynetteholm",
        "Anlæg af halvøen Lynetteholm: jordhåndtering, kystsikring og anlæg.",
        "101",
        "Prøvestensbroen",
    ),
)
KIND_WEIGHTS = {
    JobOrderKind.ORDINARY: 70,
    JobOrderKind.INTERNSHIP: 8,
    JobOrderKind.WAGE_SUBSIDY: 7,
    JobOrderKind.SMALL_JOB: 5,
    JobOrderKind.APPRENTICESHIP: 5,
    JobOrderKind.FLEX_JOB: 3,
    JobOrderKind.JOB_ROTATION: 2,
}
HOURS = {JobOrderKind.SMALL_JOB: (8, 15), JobOrderKind.FLEX_JOB: (12, 25)}
TASKS = {
    "construction": "Opgaver på byggeplads efter anvisning fra formand; arbejde i sjak.",
    "metal": "Svejsning og montage af stålkonstruktioner efter tegning.",
    "hospitality": "Daglig drift i køkken og restaurant; aften- og weekendarbejde.",
    "care": "Personlig og praktisk hjælp til borgere; dag- og aftenvagter.",
    "logistics": "Plukning, pakning og kørsel efter ruteplan; tidlige morgenvagter.",
    "cleaning": "Daglig rengøring af kontorer og fællesarealer; tidlig morgen.",
}
RECENT_DAYS = 60  # job orders younger than this are still open
SECRETARIAT_EVERY = 20  # one job order in so many is taken home by the secretariat


def seed_projects(demo: Demo) -> None:
    assert demo.cooperation is not None
    demo.projects = Project.objects.bulk_create(
        Project(
            cooperation=demo.cooperation,
            name=name,
            description=description,
            start_date=demo.today - dt.timedelta(days=demo.rng.randint(400, 900)),
            end_date=demo.today + dt.timedelta(days=demo.rng.randint(500, 1800)),
        )
        for name, description, _code, _site in PROJECTS
    )


def seed_job_orders(demo: Demo) -> None:
    rng = demo.rng
    n = demo.count(400, minimum=10)
    trades_by_sector: dict[str, list[Trade]] = {}
    for trade in TRADES:
        trades_by_sector.setdefault(trade.sector, []).append(trade)
    kinds = list(KIND_WEIGHTS)
    kind_weights = list(KIND_WEIGHTS.values())
    konsulent = demo.users["konsulent"]
    secretariat = demo.users["sekretariat"]
    konsulent_companies = [c for c in demo.companies if c.contact_consultant_id == konsulent.pk]
    orders: list[JobOrder] = []
    created: list[dt.datetime] = []
    requirements: list[list[Requirement]] = []
    for i in range(n):
        # Make sure the demo consultant has recent, open job orders on the start page.
        if i < max(3, n // 40) and konsulent_companies:
            company = rng.choice(konsulent_companies)
            days = rng.randint(1, 30)
        else:
            company = rng.choice(demo.companies)
            days = int(rng.triangular(0, 730, 30))
        sector = demo.company_sector[company.pk]
        trade = rng.choice(trades_by_sector[sector])
        data = demo.trades[trade.label_en]
        kind = rng.choices(kinds, weights=kind_weights)[0]
        hours = rng.randint(*HOURS[kind]) if kind in HOURS else 37
        created_at = demo.days_ago(days)
        project = None
        address_line, municipality = company.street, company.municipality
        if sector == "construction" and rng.random() < 0.35:
            index = rng.randrange(len(demo.projects))
            project = demo.projects[index]
            _n, _d, code, site = PROJECTS[index]
            address_line, municipality = site, demo.municipalities[code]
        positions = rng.choices(range(1, 11), weights=(40, 20, 12, 8, 6, 4, 3, 3, 2, 2))[0]
        if project is not None:
            positions = min(10, positions + rng.randint(1, 4))
        assert company.contact_consultant is not None
        # The secretariat's consultants take job orders home too (seed 001); the company's
        # home centre keeps it and runs the order with the secretariat.
        by_secretariat = i % SECRETARIAT_EVERY == SECRETARIAT_EVERY // 2
        taker = secretariat if by_secretariat else company.contact_consultant
        start_in, deadline_in = rng.randint(14, 45), rng.randint(7, 30)
        orders.append(
            JobOrder(
                company=company,
                job_centre=demo.centre_of_municipality[company.municipality.code],
                by_secretariat=by_secretariat,
                created_by=taker,
                title=trade.title_da,
                occupation_id=data.occupation_id,
                tasks=TASKS[sector],
                positions=positions,
                kind=kind,
                hours_per_week=hours,
                workplace_address=address_line,
                workplace_municipality=municipality,
                start_date=created_at.date() + dt.timedelta(days=start_in),
                # The deadline is never after the start: the job order form refuses that.
                deadline=created_at.date() + dt.timedelta(days=min(deadline_in, start_in - 1)),
                project=project,
            )
        )
        created.append(created_at)
        requirements.append(_requirements(demo, trade, data))
    demo.job_orders = JobOrder.objects.bulk_create(orders, batch_size=500)
    for order, created_at in zip(demo.job_orders, created, strict=True):
        order.created_at = created_at
        demo.job_order_created[order.pk] = created_at
    JobOrder.objects.bulk_update(demo.job_orders, ["created_at"], batch_size=500)
    rows = []
    for order, reqs in zip(demo.job_orders, requirements, strict=True):
        for req in reqs:
            req.job_order = order
            rows.append(req)
    Requirement.objects.bulk_create(rows, batch_size=2000)


def _requirements(demo: Demo, trade: Trade, data: TradeData) -> list[Requirement]:
    """Must-haves and nice-to-haves; exactly the field the kind names is filled in."""
    rng = demo.rng
    reqs: list[Requirement] = []
    for i, code in enumerate(trade.qualifications[:3]):
        if rng.random() < (0.7 if i == 0 else 0.3):
            importance = Importance.MUST if i == 0 or rng.random() < 0.4 else Importance.NICE
            reqs.append(
                Requirement(
                    importance=importance,
                    kind=RequirementKind.QUALIFICATION,
                    qualification=demo.qualifications[code],
                )
            )
    if rng.random() < 0.6:
        reqs.append(
            Requirement(
                importance=Importance.MUST if rng.random() < 0.5 else Importance.NICE,
                kind=RequirementKind.LANGUAGE,
                language=demo.languages["da"],
                language_level=rng.choice((CefrLevel.A2, CefrLevel.B1, CefrLevel.B2)),
            )
        )
    if rng.random() < 0.3:
        reqs.append(
            Requirement(
                importance=Importance.NICE,
                kind=RequirementKind.LANGUAGE,
                language=demo.languages["en"],
                language_level=CefrLevel.B1,
            )
        )
    for skill_id in rng.sample(data.essential_skill_ids, min(2, len(data.essential_skill_ids))):
        if rng.random() < 0.6:
            reqs.append(
                Requirement(
                    importance=Importance.NICE, kind=RequirementKind.SKILL, skill_id=skill_id
                )
            )
    if rng.random() < 0.4:
        reqs.append(
            Requirement(
                importance=Importance.MUST if rng.random() < 0.4 else Importance.NICE,
                kind=RequirementKind.EXPERIENCE,
                min_years=rng.choice((1, 2, 3, 5)),
            )
        )
    return reqs


# What the public reads about a job, per sector: the demo's job postings.
POSTING_TEXTS = {
    "construction": "Vi søger en {title} til en travl byggeplads. Du arbejder i sjak med "
    "erfarne kolleger, og vi sørger for sikkerhedsudstyr og god oplæring.",
    "metal": "Vi søger en {title} til vores værksted. Du læser tegninger og arbejder "
    "selvstændigt med svejsning og montage.",
    "hospitality": "Vi søger en {title} til køkken og restaurant. Du trives med travlhed "
    "og aften- og weekendvagter.",
    "care": "Vi søger en {title} til vores dejlige borgere. Du får en grundig introduktion "
    "og faste kolleger.",
    "logistics": "Vi søger en {title} til vores lager. Arbejdet begynder tidligt om morgenen.",
    "cleaning": "Vi søger en {title} til kontorer og fællesarealer tidligt om morgenen.",
}
HOW_TO_APPLY = "Send din ansøgning og dit CV til jobcentret, mærket »{title}«."
# Hourly pay by sector (kr.), from and to.
HOURLY_PAY = {
    "construction": (205, 245),
    "metal": (200, 235),
    "hospitality": (160, 185),
    "care": (175, 200),
    "logistics": (170, 195),
    "cleaning": (155, 175),
}
POSTINGS = 12  # open job orders published as job postings


def seed_postings(demo: Demo) -> None:
    """Publish some of the open job orders still before their deadline, as job postings."""
    rng = demo.rng
    open_orders = [
        order
        for order in demo.job_orders
        if order.status == JobOrderStatus.OPEN and order.deadline >= demo.today
    ]
    chosen = rng.sample(open_orders, min(len(open_orders), demo.count(POSTINGS, minimum=3)))
    for order in chosen:
        sector = demo.company_sector[order.company_id]
        order.published = True
        order.published_at = demo.job_order_created[order.pk]
        order.posting_key = f"{rng.getrandbits(128):032x}"
        order.public_description = POSTING_TEXTS[sector].format(title=order.title.lower())
        order.how_to_apply = HOW_TO_APPLY.format(title=order.title)
        if rng.random() < 0.6:
            order.salary_min, order.salary_max = HOURLY_PAY[sector]
            order.salary_unit = SalaryUnit.HOUR
    JobOrder.objects.bulk_update(
        chosen,
        [
            "published",
            "published_at",
            "posting_key",
            "public_description",
            "how_to_apply",
            "salary_min",
            "salary_max",
            "salary_unit",
        ],
    )
