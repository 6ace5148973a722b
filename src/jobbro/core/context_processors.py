from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jobbro.board import roles as board_roles
from jobbro.foresight import roles as foresight_roles
from jobbro.kkr import roles as kkr_roles
from jobbro.kpis import roles as kpis_roles
from jobbro.organisations import access
from jobbro.organisations.access import request_roles
from jobbro.organisations.models import Role
from jobbro.pools import roles as pools_roles
from jobbro.privacy.selectors import DPO_ROLES
from jobbro.surveys import roles as surveys_roles


@dataclass(frozen=True)
class Page:
    url_name: str
    label: Promise
    roles: tuple[Role, ...]


SHARED_LINE_STAFF = (Role.BUSINESS_CONSULTANT, Role.SECRETARIAT, *access.LEADERS)
REPORT_READERS = (*access.LEADERS, Role.SECRETARIAT)
SATISFACTION_READERS = (*access.LEADERS, Role.SECRETARIAT, Role.BUSINESS_CONSULTANT)
SECRETARIAT = (Role.SECRETARIAT,)
CASE_IMPORTERS = (*access.CANDIDATE_EDITORS, *access.COMPANY_EDITORS)

# The main menu's sections; a section opens on the first of its pages the user may see,
# and its other pages show in a row beneath the menu while the user is in it.
SECTIONS: list[tuple[Promise, list[Page]]] = [
    (
        _("Companies"),
        [
            Page("companies:list", _("Companies"), access.COMPANY_READERS),
            Page("companies:agenda", _("My follow-ups"), access.COMPANY_EDITORS),
            Page("companies:agreements", _("Recruitment agreements"), access.COMPANY_READERS),
            Page("companies:duplicates", _("Likely duplicates"), access.COMPANY_EDITORS),
        ],
    ),
    (
        _("Job orders"),
        [
            Page("joborders:list", _("Job orders"), access.JOB_ORDER_READERS),
            Page("joborders:projects", _("Projects"), access.PROJECT_READERS),
            Page("screening:checklists", _("Screening checklists"), SECRETARIAT),
        ],
    ),
    (
        _("Requests"),
        [
            # Two kinds of request, named apart: for candidates to a job order, for one CV.
            Page("candidate_requests:list", _("Requests between job centres"), access.REFERRERS),
            Page("sharing:requests", _("CV requests"), access.CANDIDATE_READERS),
        ],
    ),
    (
        _("Candidates"),
        [
            Page("candidates:list", _("Candidates"), access.CANDIDATE_READERS),
            Page("searches:search", _("Search candidates"), access.CANDIDATE_READERS),
            Page("pools:list", pools_roles.TITLE, pools_roles.POOL_READERS),
            Page("case_imports:upload", _("Import"), CASE_IMPORTERS),
            Page("case_imports:titles", _("Job titles waiting"), access.CANDIDATE_EDITORS),
        ],
    ),
    (
        _("Shared line"),
        [
            Page("intake:list", _("Inquiries"), SHARED_LINE_STAFF),
            Page("intake:report", _("Response times"), REPORT_READERS),
        ],
    ),
    (
        _("Follow-ups"),
        [Page("joborders:follow_ups", _("Follow-ups"), access.FOLLOW_UP_RECORDERS)],
    ),
    (_("Events"), [Page("events:list", _("Recruitment events"), access.COMPANY_READERS)]),
    (
        _("Upskilling"),
        [
            Page("upskilling:overview", _("Courses and teams"), access.JOB_ORDER_READERS),
            Page("foresight:shortages", foresight_roles.TITLE, foresight_roles.SHORTAGE_READERS),
            Page(
                "surveys:barometer_results",
                surveys_roles.BAROMETER_TITLE,
                surveys_roles.RESULT_READERS,
            ),
            Page("surveys:barometer", surveys_roles.BAROMETER_ROUND_TITLE, SECRETARIAT),
        ],
    ),
    (
        _("Satisfaction"),
        [
            Page("surveys:results", _("Company satisfaction"), SATISFACTION_READERS),
            Page("surveys:round", _("Survey round"), SECRETARIAT),
        ],
    ),
    (
        kpis_roles.TITLE,
        [
            Page("kpis:dashboard", kpis_roles.TITLE, kpis_roles.KPI_READERS),
            Page("kpis:targets", kpis_roles.TARGETS_TITLE, kpis_roles.KPI_READERS),
        ],
    ),
    (board_roles.TITLE, [Page("board:board", board_roles.TITLE, board_roles.BOARD_READERS)]),
    (_("Access log"), [Page("privacy:log", _("Access log"), DPO_ROLES)]),
    (
        _("Cooperation"),
        [
            Page("organisations:steering_group", _("Steering group"), REPORT_READERS),
            Page("intake:targets", _("Service targets"), REPORT_READERS),
            # The KKR scheme is the cooperation's report to the regional board.
            Page("kkr:overview", kkr_roles.TITLE, kkr_roles.KKR_READERS),
            Page("kkr:recommendations", kkr_roles.RECOMMENDATIONS_TITLE, kkr_roles.KKR_READERS),
            Page("api_clients:list", _("API clients"), SECRETARIAT),
        ],
    ),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The main menu and the active section's pages: only what the user's roles open."""
    roles = request_roles(request)
    sections: list[tuple[Promise, list[tuple[str, Promise]]]] = []
    for label, pages in SECTIONS:
        links = [(reverse(p.url_name), p.label) for p in pages if roles & set(p.roles)]
        if links:
            sections.append((label, links))
    # /job-orders/requests/ lies under /job-orders/: only the most specific page is active.
    active = max(
        (url for _label, links in sections for url, _ in links if request.path.startswith(url)),
        key=len,
        default="",
    )
    main_menu: list[dict[str, Any]] = []
    section_menu: list[dict[str, Any]] = []
    for label, links in sections:
        is_active = any(url == active for url, _ in links)
        main_menu.append({"url": links[0][0], "label": label, "active": is_active})
        if is_active and len(links) > 1:
            section_menu = [
                {"url": url, "label": link_label, "active": url == active}
                for url, link_label in links
            ]
    return {"main_menu": main_menu, "section_menu": section_menu}
