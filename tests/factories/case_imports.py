"""Imports from the case systems: runs, titles waiting for a person, job orders' case ids."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from jobbro.case_imports.models import ImportRun, JobOrderCaseId, PendingTitleLink

from .candidates import CandidateFactory
from .joborders import JobOrderFactory
from .organisations import JobCentreFactory


class ImportRunFactory(DjangoModelFactory):
    class Meta:
        model = ImportRun

    kind = "candidates"
    job_centre = factory.SubFactory(JobCentreFactory)
    filename = "borgere.csv"
    status = "done"


class PendingTitleLinkFactory(DjangoModelFactory):
    class Meta:
        model = PendingTitleLink

    candidate = factory.SubFactory(CandidateFactory)
    job_centre = factory.LazyAttribute(lambda o: o.candidate.job_centre)
    use = "wished"
    title = "Souschef, køkken"


class JobOrderCaseIdFactory(DjangoModelFactory):
    class Meta:
        model = JobOrderCaseId

    job_order = factory.SubFactory(JobOrderFactory)
    job_centre = factory.LazyAttribute(lambda o: o.job_order.job_centre)
    case_id = factory.Sequence(lambda n: f"J-{n}")
