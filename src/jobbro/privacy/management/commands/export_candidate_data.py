"""A citizen's data as JSON (GDPR art. 15), for a request answered outside the web pages.

    manage.py export_candidate_data --user dpo_herlev --candidate 123 > candidate-123.json
    manage.py export_candidate_data --user dpo_herlev --cpr-stdin < cpr.txt > out.json

The CPR number is read from standard input, never from the command line (shell history,
process list). The export is written to the access log as the named user's.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from jobbro.accesslog.models import Purpose
from jobbro.accesslog.services import log_access
from jobbro.candidates.models import Candidate
from jobbro.candidates.validators import validate_cpr
from jobbro.crypto import hash_cpr
from jobbro.organisations.models import User

from ... import selectors


class Command(BaseCommand):
    help = "Write one candidate's data (candidate, CV, referrals, placements, access log) as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="Username answering the request.")
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--candidate", type=int, help="The candidate's id.")
        target.add_argument(
            "--cpr-stdin", action="store_true", help="Read the CPR number from standard input."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError("No such user.")
        candidates = Candidate.objects.select_related("job_centre", "municipality", "cv")
        if options["cpr_stdin"]:
            cpr = sys.stdin.readline().replace("-", "").strip()
            try:
                validate_cpr(cpr)
            except Exception as error:
                raise CommandError("That is not a valid CPR number.") from error
            candidate = candidates.filter(cpr_hash=hash_cpr(cpr)).first()
        else:
            candidate = candidates.filter(pk=options["candidate"]).first()
        if candidate is None:
            raise CommandError("No such candidate.")
        if not selectors.may_handle_requests(user, candidate):
            raise CommandError("The user does not answer requests for this job centre.")
        with transaction.atomic():
            log_access(user=user, candidates=[candidate], purpose=Purpose.EXPORT)
            data = selectors.candidate_export(candidate)
        self.stdout.write(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
