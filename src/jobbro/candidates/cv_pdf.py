"""The CV in the cooperation's common template as a PDF, named or anonymised.

The anonymised CV is what a company may see before the candidate consents to it: no name,
CPR number, contact data, address, birth date or age. Free text is kept only when it does
not name the person (first or last name, an e-mail address, a phone-like number, the
birth year); otherwise it is left out, and the PDF says so. The CPR number is in neither
variant: it is not part of the CV.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from jobbro.pdf import render_pdf

from .models import Candidate, Cv, Education, Experience

EMAIL = re.compile(r"\S+@\S+")
LONG_NUMBER = re.compile(r"(?:\d[\s.-]?){8,}")  # phone and CPR numbers
BIRTH_WORDS = frozenset({"født", "born", "fødselsdag", "birthday"})


def names_person(text: str, candidate: Candidate) -> bool:
    """Whether free text could tell who the candidate is."""
    if not text:
        return False
    names = f"{candidate.first_name} {candidate.last_name}".lower().replace("-", " ").split()
    words = set(re.findall(r"\w+", text.lower()))
    identifying = {name for name in names if len(name) > 1} | BIRTH_WORDS
    identifying.add(str(candidate.birth_date.year))
    return bool(words & identifying) or bool(EMAIL.search(text) or LONG_NUMBER.search(text))


@dataclass(frozen=True)
class ExperienceLine:
    experience: Experience
    title: str
    employer: str
    description: str


@dataclass(frozen=True)
class EducationLine:
    education: Education
    title: str
    institution: str


def _kept(text: str, candidate: Candidate, anonymised: bool) -> str:
    return "" if anonymised and names_person(text, candidate) else text


def cv_context(
    candidate: Candidate, *, language: str, anonymised: bool, show_contact: bool
) -> dict[str, Any]:
    """What the CV template shows; `candidate` comes with its CV prefetched."""
    cv: Cv | None = getattr(candidate, "cv", None)
    context: dict[str, Any] = {
        "anonymised": anonymised,
        "job_centre": candidate.job_centre,
        "available_from": candidate.available_from,
        "cv": cv,
        "left_out": False,
    }
    if not anonymised:
        context["candidate"] = candidate
        context["show_contact"] = show_contact
    if cv is None:
        return context
    # The profile in the PDF's language, else the other one (the PDF says which).
    other_lang = "en" if language == "da" else "da"
    own, other = getattr(cv, f"profile_{language}"), getattr(cv, f"profile_{other_lang}")
    profile, profile_lang = (own, language) if own else (other, other_lang)
    experiences = [
        ExperienceLine(
            experience=e,
            title=_kept(e.title, candidate, anonymised),
            employer=_kept(e.employer, candidate, anonymised),
            description=_kept(e.description, candidate, anonymised),
        )
        for e in cv.experiences.all()
    ]
    educations = [
        EducationLine(
            education=e,
            title=_kept(e.title, candidate, anonymised),
            institution=_kept(e.institution, candidate, anonymised),
        )
        for e in cv.educations.all()
    ]
    kept_profile = _kept(profile, candidate, anonymised)
    pairs = [(profile, kept_profile)]
    for line in experiences:
        e = line.experience
        pairs += [(e.title, line.title), (e.employer, line.employer)]
        pairs.append((e.description, line.description))
    for eline in educations:
        pairs += [(eline.education.title, eline.title)]
        pairs.append((eline.education.institution, eline.institution))
    context.update(
        profile=kept_profile,
        profile_lang=profile_lang,
        profile_left_out=bool(profile) and not kept_profile,
        experiences=experiences,
        educations=educations,
        left_out=any(original != kept for original, kept in pairs),
    )
    return context


def render_cv(
    candidate: Candidate, *, language: str, anonymised: bool, show_contact: bool = False
) -> bytes:
    context = cv_context(
        candidate, language=language, anonymised=anonymised, show_contact=show_contact
    )
    return render_pdf("candidates/pdf/cv.html", context, language=language)
