"""The public job postings, without login: the list, one posting, and the feed for boards."""

from __future__ import annotations

import json
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from jobbro.organisations.access import public

from . import postings
from .models import JobOrder

PAGE_SIZE = 25
# Boards read the feed every few minutes; a short cache spares the database.
FEED_MAX_AGE = 300
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _posting_url(request: HttpRequest, job_order: JobOrder) -> str:
    return request.build_absolute_uri(reverse("postings:detail", args=[job_order.posting_key]))


def _json_ld(data: dict[str, Any]) -> SafeString:
    """JSON for a <script type="application/ld+json">: no "</script>" can end it early."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES))  # noqa: S308


@public
@require_GET
def posting_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(postings.open_postings(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "joborders/postings/list.html",
        {
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1),
            "postings": page.object_list,
        },
    )


@public
@require_GET
def posting_detail(request: HttpRequest, key: str) -> HttpResponse:
    """An unknown key is 404; a posting no longer open (closed, filled, past its deadline,
    withdrawn from publication) answers 410 Gone, so boards drop it."""
    job_order = postings.posting_by_key(key)
    if job_order is None:
        raise Http404
    if not postings.is_open(job_order):
        return render(request, "joborders/postings/gone.html", {"job_order": job_order}, status=410)
    posting = postings.job_posting(job_order, url=_posting_url(request, job_order))
    return render(
        request,
        "joborders/postings/detail.html",
        {
            "job_order": job_order,
            "posting": posting,
            "json_ld": _json_ld(posting),
            "employment_types": posting["employmentType"],
        },
    )


@public
@require_GET
def posting_feed(request: HttpRequest) -> HttpResponse:
    feed = postings.item_list(
        postings.open_postings(),
        url_of=lambda job_order: _posting_url(request, job_order),
        feed_url=request.build_absolute_uri(),
    )
    response = JsonResponse(
        feed, content_type="application/ld+json", json_dumps_params={"ensure_ascii": False}
    )
    response["Cache-Control"] = f"public, max-age={FEED_MAX_AGE}"
    response["Access-Control-Allow-Origin"] = "*"
    return response
