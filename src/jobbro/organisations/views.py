"""The cooperation's own pages: who sits on its steering group."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .access import LEADERS, AuthedHttpRequest, allowed
from .models import Role, SteeringGroupTerm
from .selectors import cooperation_of, steering_group

EARLIER_TERMS_SHOWN = 20


@allowed(*LEADERS, Role.SECRETARIAT)
@require_GET
def steering_group_page(request: AuthedHttpRequest) -> HttpResponse:
    """Current members with the chair first, then the terms that ended."""
    cooperation = cooperation_of(request.user)
    if cooperation is None:
        raise PermissionDenied
    current = list(steering_group(cooperation))
    earlier = (
        SteeringGroupTerm.objects.filter(cooperation=cooperation)
        .exclude(pk__in=[t.pk for t in current])
        .select_related("member", "job_centre")
        .order_by("-ends_on", "job_centre__name")[:EARLIER_TERMS_SHOWN]
    )
    return render(
        request,
        "organisations/steering_group.html",
        {"cooperation": cooperation, "current": current, "earlier": earlier},
    )
