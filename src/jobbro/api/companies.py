"""Companies: list, read, register, change (as the company pages, same services)."""

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from jobbro.companies import selectors, services
from jobbro.companies.models import Company, Industry
from jobbro.organisations import access
from jobbro.organisations.models import Municipality
from jobbro.organisations.selectors import cooperation_of

from .auth import actor, roles
from .common import Page, Text, by_key, problems, visible_or_404
from .errors import ApiProblem
from .idempotency import once
from .pagination import PageQuery, paginate

router = Router(tags=["companies"])


class CompanyOut(Schema):
    id: int
    cvr: str
    p_number: str
    name: str
    street: str
    postcode: str
    city: str
    municipality: str = Field(description="Municipality code (3 digits).")
    industry: int = Field(description="Industry id.")
    industry_code: str
    phone: str
    email: str
    website: str
    contact_consultant: int | None = Field(description="The contact consultant's user id.")
    is_ambassador: bool
    notes: str
    created_at: dt.datetime

    @staticmethod
    def resolve_municipality(obj: Company) -> str:
        return obj.municipality.code

    @staticmethod
    def resolve_industry(obj: Company) -> int:
        return obj.industry_id

    @staticmethod
    def resolve_industry_code(obj: Company) -> str:
        return obj.industry.code

    @staticmethod
    def resolve_contact_consultant(obj: Company) -> int | None:
        return obj.contact_consultant_id


class CompanyPage(Page):
    items: list[CompanyOut]


class CompanyIn(Schema):
    cvr: Text(8, description="CVR number, 8 digits.")  # type: ignore[valid-type]
    name: Text(200, min_length=1)  # type: ignore[valid-type]
    street: Text(200)  # type: ignore[valid-type]
    postcode: Text(4)  # type: ignore[valid-type]
    city: Text(100)  # type: ignore[valid-type]
    municipality: Text(3, description="Municipality code.")  # type: ignore[valid-type]
    industry: int = Field(ge=1, le=2**31 - 1, description="Industry id.")
    p_number: Text(10) = ""  # type: ignore[valid-type]
    phone: Text(20) = ""  # type: ignore[valid-type]
    email: Text(254) = ""  # type: ignore[valid-type]
    website: Text(200) = ""  # type: ignore[valid-type]
    is_ambassador: bool = False
    notes: Text(5000) = ""  # type: ignore[valid-type]


class CompanyPatch(Schema):
    cvr: Text(8) | None = None  # type: ignore[valid-type]
    name: Text(200, min_length=1) | None = None  # type: ignore[valid-type]
    street: Text(200) | None = None  # type: ignore[valid-type]
    postcode: Text(4) | None = None  # type: ignore[valid-type]
    city: Text(100) | None = None  # type: ignore[valid-type]
    municipality: Text(3) | None = None  # type: ignore[valid-type]
    industry: int | None = Field(None, ge=1, le=2**31 - 1)
    p_number: Text(10) | None = None  # type: ignore[valid-type]
    phone: Text(20) | None = None  # type: ignore[valid-type]
    email: Text(254) | None = None  # type: ignore[valid-type]
    website: Text(200) | None = None  # type: ignore[valid-type]
    is_ambassador: bool | None = None
    notes: Text(5000) | None = None  # type: ignore[valid-type]


def _resolved(data: dict[str, Any]) -> dict[str, Any]:
    """Codes and ids of the request as the rows the services take; nulls are left out."""
    data = {name: value for name, value in data.items() if value is not None}
    if "municipality" in data:
        data["municipality"] = by_key(
            Municipality.objects.all(), "code", data["municipality"], name="municipality"
        )
    if "industry" in data:
        data["industry"] = by_key(Industry.objects.all(), "pk", data["industry"], name="industry")
    return data


def _rows(request: HttpRequest) -> Any:
    return selectors.companies_visible_to(actor(request)).select_related("municipality", "industry")


@router.get("/", response={200: CompanyPage, **problems(400)}, url_name="companies")
@roles(*access.COMPANY_READERS)
def list_companies(request: HttpRequest, page: Annotated[PageQuery, Query()]) -> Any:
    """The companies of the caller's cooperation, by id."""
    items, cursor = paginate("companies", _rows(request), page)
    return {"items": items, "next_cursor": cursor}


@router.get("/{company_id}", response={200: CompanyOut, **problems(404)}, url_name="company")
@roles(*access.COMPANY_READERS)
def get_company(request: HttpRequest, company_id: int) -> Any:
    return visible_or_404(_rows(request), company_id)


@router.post("/", response={201: CompanyOut, **problems(404, 422)}, url_name="company_create")
@roles(*access.COMPANY_EDITORS, write=True)
def create_company(request: HttpRequest, payload: CompanyIn) -> Any:
    """Register a company in the caller's cooperation (the page's rules: CVR unique, …)."""
    user = actor(request)
    cooperation = cooperation_of(user)
    if cooperation is None:
        raise ApiProblem(403, _("You belong to no cooperation."))

    def write() -> Company:
        company = services.company_create(
            actor=user, cooperation=cooperation, **_resolved(payload.dict())
        )
        return _rows(request).get(pk=company.pk)

    return once(request, 201, CompanyOut, write)


@router.patch(
    "/{company_id}", response={200: CompanyOut, **problems(404, 422)}, url_name="company_update"
)
@roles(*access.COMPANY_EDITORS, write=True)
def update_company(request: HttpRequest, company_id: int, payload: CompanyPatch) -> Any:
    """Change the company's master data: its home job centre's business consultants or the
    secretariat, as on the page."""
    user = actor(request)
    company = visible_or_404(_rows(request), company_id)
    if not selectors.may_manage_company(user, company):
        raise ApiProblem(403, _("Your roles do not allow this."))

    def write() -> Company:
        services.company_update(
            actor=user, company=company, **_resolved(payload.dict(exclude_unset=True))
        )
        return _rows(request).get(pk=company.pk)

    return once(request, 200, CompanyOut, write)
