"""Reading the register's ElasticSearch answer ("CVR permanent" at distribution.virk.dk)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import CvrRecord


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _street(address: dict[str, Any]) -> str:
    """ "Vejnavn 12B, 2. th" from the register's address parts."""
    number = _text(address.get("husnummerFra")) + _text(address.get("bogstavFra"))
    street = " ".join(part for part in (_text(address.get("vejnavn")), number) if part)
    floor = " ".join(p for p in (_text(address.get("etage")), _text(address.get("sidedoer"))) if p)
    if floor:
        street = f"{street}, {floor}."
    conavn = _text(address.get("conavn"))
    return f"{conavn}, {street}" if conavn else street


# The register's codes are Dansk Branchekode 2025 from this day; an entry that began before
# it (a company that closed before the recoding) still has its DB07 code.
DB25_FROM = dt.date(2025, 1, 1)


def _edition(industry: dict[str, Any]) -> str:
    began = _text((industry.get("periode") or {}).get("gyldigFra"))[:10]
    try:
        return "DB07" if dt.date.fromisoformat(began) < DB25_FROM else "DB25"
    except ValueError:
        return "DB25"  # no date: the register's current edition


def record_from_hit(hit: dict[str, Any]) -> CvrRecord:
    """One hit's `_source.Vrvirksomhed`, read through its newest values (virksomhedMetadata).

    Raises KeyError, TypeError or ValueError when the hit is not shaped as the register's.
    """
    company = hit["_source"]["Vrvirksomhed"]
    meta = company["virksomhedMetadata"]
    address = meta.get("nyesteBeliggenhedsadresse") or {}
    municipality = address.get("kommune") or {}
    industry = meta.get("nyesteHovedbranche") or {}
    contact = meta.get("nyesteKontaktoplysninger") or []
    phone = next((c for c in contact if c.replace(" ", "").isdigit()), "")
    email = next((c for c in contact if "@" in c), "")
    code = _text(municipality.get("kommuneKode"))
    return CvrRecord(
        cvr=f"{int(company['cvrNummer']):08d}",
        name=_text(meta["nyesteNavn"]["navn"]),
        street=_street(address),
        postcode=_text(address.get("postnummer")),
        city=_text(address.get("postdistrikt")),
        municipality_code=f"{int(code):03d}" if code else "",
        industry_code=_text(industry.get("branchekode")),
        industry_version=_edition(industry),
        phone=phone,
        email=email,
    )


def records_from_response(response: dict[str, Any]) -> list[CvrRecord]:
    return [record_from_hit(hit) for hit in response["hits"]["hits"]]


def query_for(cvr: str) -> dict[str, Any]:
    """The search the register expects for one CVR number."""
    return {"query": {"term": {"Vrvirksomhed.cvrNummer": int(cvr)}}, "size": 1}
