"""The shortage occupations the demo uses, looked up in the loaded ESCO data by English label."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.management.base import CommandError

from jobbro.taxonomy.models import Occupation, OccupationSkill, Relation


@dataclass(frozen=True)
class Trade:
    label_en: str  # ESCO preferred label, the lookup key
    sector: str  # matches the sector column of data/industries.csv
    title_da: str
    title_en: str
    qualifications: tuple[str, ...] = ()  # Qualification codes people in the trade often hold
    weight: int = 3


@dataclass(frozen=True)
class Sector:
    place_da: str
    place_en: str


SECTORS = {
    "construction": Sector("bygge og anlæg", "construction"),
    "metal": Sector("metalindustrien", "the metal industry"),
    "hospitality": Sector("hotel og restauration", "hotels and restaurants"),
    "care": Sector("ældreplejen", "elderly care"),
    "logistics": Sector("transport og lager", "transport and warehousing"),
    "cleaning": Sector("rengøring og service", "cleaning and facility services"),
}

TRADES = (
    Trade("carpenter", "construction", "Tømrer", "Carpenter", ("construction-safety",), 6),
    Trade("bricklayer", "construction", "Murer", "Bricklayer", ("construction-safety",), 4),
    Trade(
        "building electrician",
        "construction",
        "Elektriker",
        "Electrician",
        ("construction-safety", "electrician-authorisation", "aerial-lift"),
        4,
    ),
    Trade("plumber", "construction", "VVS-montør", "Plumber", ("construction-safety", "hot-work")),
    Trade(
        "construction scaffolder",
        "construction",
        "Stilladsmontør",
        "Scaffolder",
        ("scaffolding", "construction-safety", "fall-protection"),
    ),
    Trade(
        "building construction worker",
        "construction",
        "Anlægsarbejder",
        "Construction worker",
        ("construction-safety", "asbestos", "road-works", "railway-safety"),
        6,
    ),
    Trade(
        "tower crane operator",
        "construction",
        "Kranfører",
        "Crane operator",
        ("crane-a", "slinger", "construction-safety"),
        2,
    ),
    Trade(
        "excavator operator",
        "construction",
        "Maskinfører",
        "Machine operator",
        ("earthmoving", "construction-safety", "licence-b"),
        3,
    ),
    Trade(
        "concrete finisher",
        "construction",
        "Betonarbejder",
        "Concrete worker",
        ("construction-safety", "slinger"),
        3,
    ),
    Trade(
        "construction painter",
        "construction",
        "Maler",
        "Painter",
        ("construction-safety", "mobile-scaffold"),
        2,
    ),
    Trade(
        "welder", "metal", "Svejser", "Welder", ("welding-mig-mag", "welding-mma", "hot-work"), 4
    ),
    Trade(
        "forklift operator",
        "logistics",
        "Truckfører",
        "Forklift operator",
        ("truck-b", "truck-a"),
        4,
    ),
    Trade("warehouse worker", "logistics", "Lagermedarbejder", "Warehouse worker", ("truck-b",), 6),
    Trade(
        "cargo vehicle driver",
        "logistics",
        "Lastbilchauffør",
        "Lorry driver",
        ("licence-c", "licence-ce", "driver-cpc-goods", "adr", "crane-b"),
        5,
    ),
    Trade(
        "bus driver",
        "logistics",
        "Buschauffør",
        "Bus driver",
        ("licence-d", "driver-cpc-passengers", "traffic-first-aid"),
        3,
    ),
    Trade("building cleaner", "cleaning", "Rengøringsassistent", "Cleaner", ("cleaning-amu",), 5),
    Trade("room attendant", "hospitality", "Hotelrengøring", "Room attendant", (), 2),
    Trade(
        "kitchen assistant",
        "hospitality",
        "Køkkenassistent",
        "Kitchen assistant",
        ("hygiene",),
        4,
    ),
    Trade("cook", "hospitality", "Kok", "Cook", ("hygiene",), 3),
    Trade("waiter/waitress", "hospitality", "Tjener", "Waiter", ("hygiene",), 3),
    Trade(
        "hospitality establishment receptionist",
        "hospitality",
        "Hotelreceptionist",
        "Hotel receptionist",
        (),
        2,
    ),
    Trade(
        "home care aide",
        "care",
        "Social- og sundhedshjælper",
        "Social and health care helper",
        ("sosu-helper", "patient-handling", "licence-b"),
        5,
    ),
    Trade(
        "healthcare assistant",
        "care",
        "Social- og sundhedsassistent",
        "Social and health care assistant",
        ("sosu-assistant", "medication", "patient-handling"),
        4,
    ),
)


@dataclass
class TradeData:
    trade: Trade
    occupation_id: int
    essential_skill_ids: list[int] = field(default_factory=list)
    optional_skill_ids: list[int] = field(default_factory=list)


def load_trades() -> dict[str, TradeData]:
    """Every demo trade with its ESCO occupation and skills; fails loudly if one is missing."""
    by_label = dict(
        Occupation.objects.filter(label_en__in=[t.label_en for t in TRADES]).values_list(
            "label_en", "id"
        )
    )
    missing = [t.label_en for t in TRADES if t.label_en not in by_label]
    if missing:
        raise CommandError(
            "ESCO occupations missing (run load_taxonomy first): " + ", ".join(missing)
        )
    data = {t.label_en: TradeData(t, by_label[t.label_en]) for t in TRADES}
    by_id = {d.occupation_id: d for d in data.values()}
    relations = OccupationSkill.objects.filter(occupation_id__in=by_id).order_by("id")
    for occupation_id, skill_id, relation in relations.values_list(
        "occupation_id", "skill_id", "relation"
    ):
        target = by_id[occupation_id]
        if relation == Relation.ESSENTIAL:
            target.essential_skill_ids.append(skill_id)
        else:
            target.optional_skill_ids.append(skill_id)
    return data
