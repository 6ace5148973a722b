"""Word lists for synthetic people, companies and addresses (all invented)."""

from __future__ import annotations

import random
from dataclasses import dataclass


def _t(words: str) -> tuple[str, ...]:
    return tuple(words.split())


DANISH_FEMALE = _t(
    "Anne Mette Hanne Helle Susanne Lene Camilla Louise Maria Charlotte Tina Marianne Pia "
    "Karina Julie Sofie Ida Emma Laura Freja Signe Katrine Maja Line Birgitte Dorthe Rikke"
)
DANISH_MALE = _t(
    "Peter Jens Lars Michael Henrik Søren Thomas Jan Niels Martin Anders Morten Jesper Rasmus "
    "Mads Christian Kasper Mikkel Frederik Jonas Emil Mathias Nikolaj Kim Bo Torben Allan Brian"
)
DANISH_SURNAMES = _t(
    "Nielsen Jensen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen "
    "Petersen Madsen Kristensen Olsen Thomsen Christiansen Poulsen Johansen Møller Mortensen "
    "Knudsen Jakobsen Mikkelsen Olesen Frederiksen Laursen Henriksen Lund Schmidt Eriksen Holm "
    "Kristiansen Clausen Simonsen Svendsen Andreasen Iversen Jeppesen Vestergaard Mogensen "
    "Bach Kofoed Dahl Lauridsen Skov Winther Bruun Friis Juhl Krogh Brandt Due Gade Thygesen"
)


@dataclass(frozen=True)
class Origin:
    """A naming tradition and the mother tongue that usually goes with it."""

    key: str
    weight: int
    language: str
    female: tuple[str, ...]
    male: tuple[str, ...]
    surnames: tuple[str, ...]


ORIGINS = (
    Origin("danish", 68, "da", DANISH_FEMALE, DANISH_MALE, DANISH_SURNAMES),
    Origin(
        "polish",
        6,
        "pl",
        _t("Agnieszka Katarzyna Anna Magdalena Joanna Ewa"),
        _t("Piotr Tomasz Krzysztof Marek Paweł Łukasz Michał"),
        _t("Nowak Kowalski Wiśniewski Wójcik Kamiński Lewandowski Zieliński Szymański"),
    ),
    Origin(
        "romanian",
        3,
        "ro",
        _t("Elena Ioana Andreea Mihaela Alina"),
        _t("Andrei Ion Mihai Florin Gheorghe Adrian"),
        _t("Popescu Ionescu Popa Stan Dumitru Munteanu Stoica"),
    ),
    Origin(
        "lithuanian",
        2,
        "lt",
        _t("Rasa Jurgita Ieva Laura Inga"),
        _t("Tomas Mantas Darius Andrius Jonas"),
        _t("Kazlauskas Jankauskas Petrauskas Stankevičius Vasiliauskas"),
    ),
    Origin(
        "ukrainian",
        4,
        "uk",
        _t("Olena Iryna Natalia Oksana Tetiana Yulia"),
        _t("Oleksandr Andrii Serhii Dmytro Volodymyr Mykola"),
        _t("Shevchenko Kovalenko Bondarenko Tkachenko Kravchenko Melnyk Boyko"),
    ),
    Origin(
        "arabic",
        6,
        "ar",
        _t("Fatima Amira Layla Nour Rania Yasmin Hiba"),
        _t("Mohammed Ahmad Ali Omar Khaled Yousef Hassan Mahmoud"),
        _t("Hassan Ibrahim Khalil Al-Hassan Haddad Saleh Abdallah Mansour Nasser"),
    ),
    Origin(
        "somali",
        2,
        "so",
        _t("Hodan Amina Fadumo Sahra Ifrah"),
        _t("Abdi Mohamed Abdirahman Ahmed Ismail"),
        _t("Warsame Farah Hussein Abdi Nur Osman"),
    ),
    Origin(
        "turkish",
        4,
        "tr",
        _t("Ayşe Elif Zeynep Emine Derya Selin"),
        _t("Mehmet Mustafa Emre Murat Hakan Kemal"),
        _t("Yılmaz Kaya Demir Şahin Çelik Aydın Öztürk"),
    ),
    Origin(
        "afghan_iranian",
        3,
        "fa",
        _t("Maryam Zahra Shirin Parisa Nasrin"),
        _t("Reza Ali Hamid Farid Javad Ahmad"),
        _t("Ahmadi Hosseini Rahimi Karimi Mohammadi Rezaei Sultani"),
    ),
    Origin(
        "pakistani",
        2,
        "ur",
        _t("Ayesha Sana Saima Nadia Rabia"),
        _t("Imran Bilal Usman Tariq Asif Kashif"),
        _t("Khan Hussain Ahmed Malik Butt Chaudhry Iqbal"),
    ),
)
ORIGIN_WEIGHTS = [o.weight for o in ORIGINS]


def pick_origin(rng: random.Random) -> Origin:
    return rng.choices(ORIGINS, weights=ORIGIN_WEIGHTS)[0]


def person_name(rng: random.Random, origin: Origin, female: bool) -> tuple[str, str]:
    first = rng.choice(origin.female if female else origin.male)
    return first, rng.choice(origin.surnames)


def danish_name(rng: random.Random) -> tuple[str, str]:
    return person_name(rng, ORIGINS[0], rng.random() < 0.5)


STREETS = (
    "Hovedgaden",
    "Nørregade",
    "Søndergade",
    "Vestergade",
    "Østergade",
    "Stationsvej",
    "Skolevej",
    "Kirkevej",
    "Industrivej",
    "Parkvej",
    "Engvej",
    "Møllevej",
    "Bakkevej",
    "Ringvej",
    "Elmevej",
    "Birkevej",
    "Egevej",
    "Bøgevej",
    "Lærkevej",
    "Violvej",
    "Rosenvænget",
    "Roskildevej",
    "Jagtvej",
    "Frederikssundsvej",
    "Amagerbrogade",
    "Valby Langgade",
    "Gl. Køge Landevej",
    "Sydhavnsgade",
    "Islands Brygge",
    "Kongevejen",
)
INDUSTRIAL_STREETS = (
    "Industrivej",
    "Erhvervsvej",
    "Håndværkervej",
    "Transportvej",
    "Lagervej",
    "Formervangen",
    "Literbuen",
    "Smedeholm",
    "Baldershøj",
    "Stamholmen",
    "Naverland",
    "Priorparken",
)

# Postcodes and towns in the 18 HRS municipalities and a few neighbours.
POSTCODES: dict[str, tuple[tuple[str, str], ...]] = {
    "101": (
        ("1360", "København K"),
        ("1620", "København V"),
        ("2100", "København Ø"),
        ("2200", "København N"),
        ("2300", "København S"),
        ("2400", "København NV"),
        ("2450", "København SV"),
        ("2500", "Valby"),
        ("2700", "Brønshøj"),
        ("2720", "Vanløse"),
    ),
    "147": (("2000", "Frederiksberg"),),
    "151": (("2750", "Ballerup"), ("2740", "Skovlunde"), ("2760", "Måløv")),
    "153": (("2605", "Brøndby"), ("2660", "Brøndby Strand")),
    "155": (("2791", "Dragør"),),
    "157": (("2820", "Gentofte"), ("2900", "Hellerup"), ("2920", "Charlottenlund")),
    "159": (("2860", "Søborg"), ("2880", "Bagsværd"), ("2870", "Dyssegård")),
    "161": (("2600", "Glostrup"),),
    "163": (("2730", "Herlev"),),
    "165": (("2620", "Albertslund"),),
    "167": (("2650", "Hvidovre"),),
    "169": (("2630", "Taastrup"), ("2640", "Hedehusene")),
    "173": (("2800", "Kongens Lyngby"),),
    "175": (("2610", "Rødovre"),),
    "183": (("2635", "Ishøj"),),
    "185": (("2770", "Kastrup"),),
    "187": (("2625", "Vallensbæk"), ("2665", "Vallensbæk Strand")),
    "190": (("3520", "Farum"), ("3500", "Værløse")),
    "230": (("2840", "Holte"),),
    "223": (("2970", "Hørsholm"),),
    "201": (("3450", "Allerød"),),
    "240": (("3650", "Ølstykke"),),
    "219": (("3400", "Hillerød"),),
}
ELSEWHERE_CODES = ("230", "223", "201", "240", "219")


def address(
    rng: random.Random, municipality_code: str, industrial: bool = False
) -> tuple[str, str, str]:
    """(street line, postcode, town) in the municipality."""
    postcode, town = rng.choice(POSTCODES[municipality_code])
    street = rng.choice(INDUSTRIAL_STREETS if industrial else STREETS)
    return f"{street} {rng.randint(1, 180)}", postcode, town


def phone(rng: random.Random) -> str:
    return f"{rng.choice('234567')}{rng.randint(0, 9_999_999):07d}"


def ascii_slug(text: str) -> str:
    """Lower-case, Danish letters spelt out, for usernames and e-mail addresses."""
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "o"})
    cleaned = text.lower().translate(table)
    return (
        "".join(c if c.isascii() and c.isalnum() else "-" for c in cleaned)
        .strip("-")
        .replace("--", "-")
    )
