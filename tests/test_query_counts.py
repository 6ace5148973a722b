"""Every page's database queries, counted, so that an N+1 fails a test.

Each GET page of the app is opened by every role that may open it, in the world of
tests/urls_world.py with one more row of every kind its pages list (tests/query_world.py),
and again with three. A page whose count changes with the rows runs a query per row. Each
count must also equal the one in tests/query_counts.json, so a page that starts to run more
queries fails too. After a deliberate change, rewrite the file and review its diff:

    JOBBRO_UPDATE_QUERY_COUNTS=1 pytest tests/test_query_counts.py

Each page is opened once before it is counted: what a first use fills in (the matching and
suggestion indexes, the session) is not the page's own work. Three rows stay under every
"show the first N" cut-off, past which some pages count the rest in one more query.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse

from jobbro.organisations.access import ALL_ROLES, declared_roles
from jobbro.organisations.models import Role
from tests.query_world import add_page_objects, add_rows
from tests.urls_world import APP_PATTERNS, build_world, url_of, url_patterns

COUNTS_FILE = Path(__file__).with_name("query_counts.json")
UPDATE = os.environ.get("JOBBRO_UPDATE_QUERY_COUNTS") == "1"
ANONYMOUS = "anonymous"

World = dict[str, Any]
# Page name -> role (or "anonymous") -> queries.
Counts = dict[str, dict[str, int]]

# What some pages need in their address to show what they show. The skill suggestions read
# skills and certificates in a query for each kind that matches: "færdighed" matches both.
QUERY_STRINGS: dict[str, Callable[[World], str]] = {
    "companies:merge": lambda w: f"other={w['base'].company.pk}",
    "joborders:create": lambda w: f"company={w['companies']}",
    "sharing:propose": lambda w: f"candidate={w['unproposed_candidate']}",
    "intake:company_search": lambda w: "q=byg",
    "intake:routing": lambda w: f"company={w['companies']}",
    "events:company_search": lambda w: "company_q=byg",
    "events:candidate_search": lambda w: "candidate_q=jensen",
    "taxonomy:suggest_occupations": lambda w: "q=tømrer",
    "taxonomy:suggest_skills": lambda w: "q=færdighed",
    "api:taxonomy_occupations": lambda w: "q=tømrer",
    "api:taxonomy_skills": lambda w: "q=færdighed",
    "privacy:log": lambda w: "q=Anders",
    "searches:search": lambda w: "text=tømrer",
    "pools:detail": lambda w: "q=Anders",
    "kkr:history": lambda w: f"municipality={w['kkr:report']}",
    "guarantees:create": lambda w: f"agreement={w['guarantee_agreement']}",
}

# Pages outside the access matrix that show the app's rows: the JSON API (any staff role)
# and the pages a company opens by its personal link.
OTHER_PAGES: dict[str, Callable[[World], str]] = {
    "api:taxonomy_occupations": lambda w: reverse("api:taxonomy_occupations"),
    "api:taxonomy_skills": lambda w: reverse("api:taxonomy_skills"),
    "surveys:answer": lambda w: reverse("surveys:answer", args=[w["survey_token"]]),
    "surveys:barometer_answer": lambda w: reverse(
        "surveys:barometer_answer", args=[w["barometer_token"]]
    ),
    # The barometer page's occupation search (its picker asks it as the user types).
    "surveys:barometer_occupations": lambda w: (
        reverse("surveys:barometer_occupations", args=[w["barometer_token"]])
        + "?q=t%C3%B8mrer&field=form-0-occupation&multiple=0"
    ),
    "events:company_answer": lambda w: reverse("events:company_answer", args=[w["event_token"]]),
    # The public job postings: no login.
    "postings:list": lambda w: reverse("postings:list"),
    "postings:detail": lambda w: reverse("postings:detail", args=[w["posting_key"]]),
    "postings:feed": lambda w: reverse("postings:feed"),
}

# Pages not counted, and why.
NOT_COUNTED = {
    **dict.fromkeys(
        [
            "companies:follow_up_done",
            "companies:follow_up_reschedule",
            "joborders:referral_transition",
            "candidate_requests:answer",
            "candidate_requests:close",
            "candidates:cpr",
            "sharing:request_create",
            "sharing:answer",
            "searches:save",
            "searches:delete",
            "intake:take",
            "intake:confirm_company",
            "intake:reject_company",
            "intake:answer",
            "intake:forward",
            "intake:close",
            "events:company_add",
            "events:candidate_add",
            "events:company_update",
            "events:candidate_update",
            "api_clients:revoke",
            "pools:member_add",
            "pools:member_remove",
        ],
        "POST only",
    ),
    "case_imports:confirm": "a GET only redirects to the run's page (counted there)",
    **dict.fromkeys(
        [
            "set_language",
            "login",
            "logout",
            "accounts:verify",
            "accounts:enrol",
            "oidc_authentication_init",
            "oidc_authentication_callback",
        ],
        "signing in and out: no rows of the app",
    ),
    **dict.fromkeys(
        ["intake:web_form_index", "intake:web_form", "intake:web_receipt"],
        "the public contact form: the cooperation's name, no rows",
    ),
    "api:openapi-json": "the API's schema: no rows",
    "api:openapi-view": "the API's docs page: no rows",
    **dict.fromkeys(
        [
            f"api:{name}"
            for name in [
                "companies",
                "company",
                "company_create",
                "company_update",
                "job_orders",
                "job_order",
                "job_order_create",
                "job_order_update",
                "job_order_tasks",
                "candidates",
                "candidate",
                "candidate_create",
                "candidate_update",
                "referrals",
                "referral",
                "referral_propose",
                "referral_transition",
                "referral_hire",
                "placements",
                "placement",
                "follow_ups",
                "follow_up",
                "follow_up_record",
            ]
        ],
        "the REST API's resources: machine clients; tests/api/test_queries.py counts the lists",
    ),
    "api:api-root": "the API's root: nothing to show",
    "core:favicon": "a file",
}

STAFF_PAGES = [(name, p) for name, p in APP_PATTERNS if name not in NOT_COUNTED]


def test_every_page_is_counted_or_said_why_not() -> None:
    named = {name for name, _ in url_patterns(get_resolver()) if not name.startswith("admin:")}
    counted = {name for name, _ in STAFF_PAGES} | set(OTHER_PAGES)
    assert not counted & set(NOT_COUNTED)
    assert named == counted | set(NOT_COUNTED), (
        f"add to OTHER_PAGES or NOT_COUNTED: {sorted(named - counted - set(NOT_COUNTED))}; "
        f"gone: {sorted((counted | set(NOT_COUNTED)) - named)}"
    )


@pytest.mark.django_db
def test_no_page_runs_a_query_per_row(monkeypatch: pytest.MonkeyPatch) -> None:
    # The taxonomy suggestions look for a newer taxonomy at most every 10 s: on a slow
    # machine the counted request would sometimes look and sometimes not. Always looking
    # makes the count the same on every machine.
    monkeypatch.setattr("jobbro.taxonomy.suggest.index.CHECK_SECONDS", 0.0)
    world = build_world()
    add_page_objects(world)
    add_rows(world, 0)
    few = _count_pages(world)
    add_rows(world, 1)
    add_rows(world, 2)
    more = _count_pages(world)

    grows = [
        f"{page} as {who}: {few.get(page, {}).get(who)} queries with one row of each kind, "
        f"{count} with three"
        for page, by_role in more.items()
        for who, count in by_role.items()
        if few.get(page, {}).get(who) != count
    ]
    assert not grows, "queries grow with the rows:\n" + "\n".join(grows)

    missing = {name for name, _ in STAFF_PAGES} - set(more)
    assert not missing, f"no role that may open these got the page: {sorted(missing)}"
    _check_post_only(world)

    if UPDATE:
        COUNTS_FILE.write_text(json.dumps(more, indent=1, sort_keys=True) + "\n")
    recorded: Counts = json.loads(COUNTS_FILE.read_text())
    changed = [
        f"{page} as {who}: {more.get(page, {}).get(who)} queries, "
        f"{COUNTS_FILE.name} says {recorded.get(page, {}).get(who)}"
        for page in sorted(set(more) | set(recorded))
        for who in sorted(set(more.get(page, {})) | set(recorded.get(page, {})))
        if more.get(page, {}).get(who) != recorded.get(page, {}).get(who)
    ]
    assert not changed, (
        "query counts differ from the record (JOBBRO_UPDATE_QUERY_COUNTS=1 rewrites it):\n"
        + "\n".join(changed)
    )


def _count_pages(world: World) -> Counts:
    """Queries per page and role, for each role that may open the page and gets it."""
    counts: Counts = {}
    for name, pattern in STAFF_PAGES:
        url = _with_query(name, url_of(name, pattern, world), world)
        for role in sorted(declared_roles(pattern.callback) or ()):
            _count(counts, name, role.value, _client(world, role), url)
    for name, address in OTHER_PAGES.items():
        url = _with_query(name, address(world), world)
        if name.startswith("api:"):
            for role in sorted(ALL_ROLES):
                _count(counts, name, role.value, _client(world, role), url)
        else:
            _count(counts, name, ANONYMOUS, Client(), url)
    return counts


def _with_query(name: str, url: str, world: World) -> str:
    return f"{url}?{QUERY_STRINGS[name](world)}" if name in QUERY_STRINGS else url


def _client(world: World, role: Role) -> Client:
    client = Client()
    client.force_login(world["users"][role])
    return client


def _count(counts: Counts, name: str, who: str, client: Client, url: str) -> None:
    client.get(url)
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code == 200:
        counts.setdefault(name, {})[who] = len(queries)


def _check_post_only(world: World) -> None:
    post_only = [name for name, reason in NOT_COUNTED.items() if reason == "POST only"]
    for name, pattern in APP_PATTERNS:
        if name in post_only:
            role = min(declared_roles(pattern.callback) or ())
            response = _client(world, role).get(url_of(name, pattern, world))
            assert response.status_code == 405, f"{name} answers GET: count its queries"
