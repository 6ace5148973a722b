"""The industry picker's groups: DB25 codes under their NACE Rev. 2.1 section, older DB07
codes (kept by companies registered before 2025) apart."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_stubs_ext import StrOrPromise

from .models import Industry, IndustryVersion

# NACE Rev. 2.1 sections and the divisions (first two digits) each holds.
SECTIONS: tuple[tuple[str, range, StrOrPromise], ...] = (
    ("A", range(1, 4), _("Agriculture, forestry and fishing")),
    ("B", range(5, 10), _("Mining and quarrying")),
    ("C", range(10, 34), _("Manufacturing")),
    ("D", range(35, 36), _("Electricity, gas, steam and air conditioning supply")),
    ("E", range(36, 40), _("Water supply; sewerage, waste management and remediation")),
    ("F", range(41, 44), _("Construction")),
    ("G", range(46, 48), _("Wholesale and retail trade")),
    ("H", range(49, 54), _("Transportation and storage")),
    ("I", range(55, 57), _("Accommodation and food service activities")),
    ("J", range(58, 61), _("Publishing, broadcasting, and content production and distribution")),
    ("K", range(61, 64), _("Telecommunication, computer programming and information services")),
    ("L", range(64, 67), _("Financial and insurance activities")),
    ("M", range(68, 69), _("Real estate activities")),
    ("N", range(69, 76), _("Professional, scientific and technical activities")),
    ("O", range(77, 83), _("Administrative and support service activities")),
    ("P", range(84, 85), _("Public administration and defence; compulsory social security")),
    ("Q", range(85, 86), pgettext_lazy("industry section", "Education")),
    ("R", range(86, 89), _("Human health and social work activities")),
    ("S", range(90, 94), _("Arts, sports and recreation")),
    ("T", range(94, 97), _("Other service activities")),
    ("U", range(97, 99), _("Activities of households as employers and for own use")),
    ("V", range(99, 100), _("Activities of extraterritorial organisations and bodies")),
)


def section_of(code: str) -> str:
    """The section letter of a DB25 code ("433410" → "F")."""
    division = int(code[:2])
    return next(letter for letter, divisions, _label in SECTIONS if division in divisions)


def for_picker(keep: Iterable[int | None] = ()) -> QuerySet[Industry]:
    """The codes to choose among: DB25, and the older code a company already has."""
    kept = [pk for pk in keep if pk]
    return Industry.objects.filter(Q(version=IndustryVersion.DB25) | Q(pk__in=kept)).order_by(
        "version", "code"
    )


def grouped_choices(industries: Iterable[Industry]) -> list[tuple[str, list[tuple[int, str]]]]:
    """(group label, [(pk, "433410 Maleraktiviteter"), ...]) in code order; labels in the
    active language."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for industry in industries:
        if industry.version == IndustryVersion.DB25:
            key = section_of(industry.code)
        else:
            key = industry.version
        groups.setdefault(key, []).append((industry.pk, str(industry)))
    labels = {letter: f"{letter} · {label}" for letter, _divisions, label in SECTIONS}
    labels[IndustryVersion.DB07] = str(_("DB07 · code from before 2025"))
    order = [letter for letter, _divisions, _label in SECTIONS] + [IndustryVersion.DB07]
    return [(labels[key], groups[key]) for key in order if key in groups]
