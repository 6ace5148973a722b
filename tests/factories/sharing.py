"""Requests for the CV of a candidate another job centre may not see yet."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from jobbro.candidates.models import ConsentScope
from jobbro.organisations.models import Role
from jobbro.sharing.models import SharingRequest

from .candidates import CandidateFactory
from .organisations import JobCentreFactory, staff


class SharingRequestFactory(DjangoModelFactory):
    """An open request, from a search, for a candidate without consent to sharing, asked by a
    job consultant of another centre of the candidate's cooperation."""

    class Meta:
        model = SharingRequest

    candidate = factory.SubFactory(
        CandidateFactory, consent_scope=ConsentScope.NONE, consent_given_on=None
    )
    requesting_job_centre = factory.SubFactory(
        JobCentreFactory, cooperation=factory.SelfAttribute("..candidate.job_centre.cooperation")
    )
    requested_by = factory.LazyAttribute(
        lambda o: staff(Role.JOB_CONSULTANT, o.requesting_job_centre)
    )
