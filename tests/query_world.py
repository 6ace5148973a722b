"""More rows around the objects of `tests.urls_world.build_world`, for the query-count guard.

`add_rows(world, n)` adds one more row of every kind a page lists: companies with contacts,
contacts logged, agreements and commitments; job orders with requirements and tasks;
candidates with a CV of every part; referrals with their history, screening answers,
placement and follow-ups; requests between job centres with answers and offered
candidates; events with companies and candidates; inquiries with their log; survey
invitations with responses;
mails, saved searches, CV requests, access-log entries, steering-group terms, target
changes and taxonomy entries, all where the world's users see them. Rows are built with the
factories; where a factory fills in a field beyond the model's default (a summary, a mail's
context, an invitation's home centre), the default is given, so the rows stay those counted
in tests/query_counts.json.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from jobbro.accesslog.models import Purpose
from jobbro.candidate_requests.models import CandidateRequest, RecipientStatus
from jobbro.candidates.models import Candidate, ConsentScope, Cv, EducationLevel
from jobbro.case_imports.models import ImportRun, PendingTitleLink
from jobbro.companies.models import Company, RecruitmentAgreement
from jobbro.events.models import Event, EventCompany
from jobbro.guarantees.models import JobGuarantee
from jobbro.intake.models import Action, Inquiry, InquiryStatus
from jobbro.joborders.models import (
    FollowUpStep,
    Importance,
    JobOrder,
    JobOrderTask,
    Referral,
    ReferralState,
    RequirementKind,
)
from jobbro.kkr.models import AssessmentChange
from jobbro.notifications.models import NotificationKind
from jobbro.organisations.models import JobCentre, Role, User
from jobbro.pools.models import Pool, PoolKind
from jobbro.screening.models import ScreeningItem, ScreeningValue
from jobbro.sharing.models import SharingStatus
from jobbro.surveys.quarters import Quarter
from jobbro.surveys.selectors import half_of
from jobbro.taxonomy.models import CefrLevel, Language, Qualification
from jobbro.upskilling.models import EnrolmentStatus, Team
from tests.factories import (
    AccessLogEntryFactory,
    AllianceCommitmentFactory,
    AssessmentFactory,
    AttendanceFactory,
    BarometerAnswerFactory,
    BarometerInvitationFactory,
    BarometerLineFactory,
    BarometerRoundFactory,
    CandidateFactory,
    CandidateRequestFactory,
    CompanyFactory,
    CompanyMergeFactory,
    ContactPersonFactory,
    CourseFactory,
    EducationFactory,
    EnrolmentFactory,
    EventCandidateFactory,
    EventCompanyFactory,
    EventFactory,
    ExperienceFactory,
    FollowUpFactory,
    HeldQualificationFactory,
    InquiryFactory,
    InquiryTransitionFactory,
    InteractionFactory,
    JobCentreFactory,
    JobGuaranteeFactory,
    JobOrderFactory,
    LanguageFactory,
    NotificationFactory,
    OccupationFactory,
    PlacementFactory,
    PoolFactory,
    PoolMemberFactory,
    ProjectFactory,
    ProviderFactory,
    QualificationFactory,
    RecommendationFactory,
    RecruitmentAgreementFactory,
    ReferralFactory,
    ReferralTransitionFactory,
    RequestOfferFactory,
    RequestRecipientFactory,
    RequirementFactory,
    ReservationFactory,
    SavedSearchFactory,
    ScreeningAnswerFactory,
    ScreeningItemFactory,
    SharingRequestFactory,
    SkillFactory,
    SpokenLanguageFactory,
    SteeringGroupTermFactory,
    SurveyInvitationFactory,
    SurveyResponseFactory,
    SurveyRoundFactory,
    TargetChangeFactory,
    TargetGroupFactory,
    TeamFactory,
    TeamGroupFactory,
    staff,
    valid_cvrs,
)
from tests.urls_world import AccessWorld


def add_page_objects(world: dict[str, Any]) -> None:
    """What some pages open beside the world's objects: a job order without an open
    request (the request form shows the centres to ask), a candidate not proposed yet
    (the proposal form shows the checklist), and the tokens of the pages a company opens
    by its link (this quarter's survey, the world's event)."""
    base: AccessWorld = world["base"]
    job_order = JobOrderFactory(company=base.company, job_centre=base.centre, by_secretariat=True)
    world["candidate_requests:create"] = job_order.pk
    world["unproposed_candidate"] = CandidateFactory(job_centre=base.centre).pk
    quarter = Quarter.of(timezone.localdate())
    survey_round = SurveyRoundFactory(
        cooperation=base.centre.cooperation, year=quarter.year, quarter=quarter.number
    )
    world["survey_token"] = SurveyInvitationFactory(
        survey_round=survey_round,
        company=base.company,
        email="hr@example.dk",
        token="query-world",
        job_centre=None,  # the factory would name the company's home centre and consultant
        consultant=None,
    ).token
    world["event_token"] = EventCompany.objects.get(pk=world["events:company_update"]).token
    world["barometer_token"] = BarometerInvitationFactory(
        barometer_round=BarometerRoundFactory(cooperation=base.centre.cooperation),
        company=base.company,
        email="hr@example.dk",
        token="query-world-barometer",
        job_centre=None,
        consultant=None,
    ).token


def add_rows(world: dict[str, Any], n: int) -> None:
    """Add the world's `n`th row of every kind (n counts from 0; each n once)."""
    Rows(world, n).add()


class Rows:
    """One row of every kind, around the world's objects."""

    def __init__(self, world: dict[str, Any], n: int) -> None:
        self.world = world
        self.n = n
        self.base: AccessWorld = world["base"]
        self.users: dict[Role, User] = world["users"]
        self.centre = self.base.centre
        self.cooperation = self.centre.cooperation
        self.home = self.centre.municipalities.get()
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.consultant = self.users[Role.BUSINESS_CONSULTANT]
        self.secretariat = self.users[Role.SECRETARIAT]
        # Another member job centre with its own consultant and candidate.
        self.other = JobCentreFactory(cooperation=self.cooperation, name=f"Jobcenter Rows {n}")
        self.other_staff = staff(Role.JOB_CONSULTANT, self.other)
        self.occupation = OccupationFactory(label_da=f"tømrer {n}", label_en=f"carpenter {n}")

    def add(self) -> None:
        # Colleagues: whom a consultant or an onboarding consultant can be chosen from.
        staff(Role.BUSINESS_CONSULTANT, self.centre)
        staff(Role.ONBOARDING_CONSULTANT, self.centre)
        company = self.company()
        job_order = self.job_order()
        hired, proposed = self.candidate(ConsentScope.COOPERATION), self.candidate()
        # Another centre's candidates: one named to the world's staff, one anonymous.
        shared = self.candidate(ConsentScope.COOPERATION, centre=self.other)
        private = self.candidate(centre=self.other)
        self.cv_rows(self.base.candidate.cv)
        item = self.screening_item()
        self.referrals(job_order, hired=hired, proposed=proposed, item=item)
        self.requests(job_order, company, offered=[shared, private], answer_with=proposed)
        self.events(company, candidates=[hired, shared, private])
        self.inquiries(company)
        self.survey(company)
        self.sharing(job_order, incoming=proposed, outgoing=private)
        self.personal()
        self.cooperation_rows()
        self.imports(hired)
        self.kkr_rows()
        self.upskilling(candidates=[proposed, shared, private])
        self.guarantees(candidates=[proposed, shared, private])
        self.pools(company, candidates=[hired, proposed, shared, private])

    # --- candidate pools ---------------------------------------------------------------

    def pools(self, company: Company, *, candidates: list[Candidate]) -> None:
        """A company pool with an occupation; the candidates (own, shared and anonymous)
        in it and in the world's pool."""
        pool = PoolFactory(
            job_centre=self.centre,
            kind=PoolKind.COMPANY,
            company=company,
            name=f"Pulje {self.n}",
            occupations=[self.occupation],
        )
        world_pool = Pool.objects.get(pk=self.world["pools"])
        for candidate in candidates:
            PoolMemberFactory(pool=pool, candidate=candidate, added_by=self.consultant)
            PoolMemberFactory(pool=world_pool, candidate=candidate, added_by=self.consultant)

    # --- upskilling -----------------------------------------------------------------

    def upskilling(self, *, candidates: list[Candidate]) -> None:
        """A provider, course, group and team of each; on the world's team another
        centre's seats, and the candidates enrolled (own, shared and anonymous), one
        with a week's attendance and a finished course with an outcome."""
        provider = ProviderFactory(cooperation=self.cooperation, name=f"Skole {self.n}")
        course = CourseFactory(provider=provider, title=f"Kursus {self.n}")
        course.qualifications.add(QualificationFactory(code=f"upskilling-{self.n}"))
        group = TeamGroupFactory(cooperation=self.cooperation, name=f"Gruppe {self.n}")
        TeamFactory(course=course, group=group, host=self.centre)
        team = Team.objects.get(pk=self.world["upskilling:team"])
        ReservationFactory(team=team, job_centre=self.other, seats=2)
        for number, candidate in enumerate(candidates):
            enrolment = EnrolmentFactory(
                team=team,
                candidate=candidate,
                enrolled_by=self.secretariat,
                status=EnrolmentStatus.COMPLETED if number == 0 else EnrolmentStatus.ENROLLED,
                outcome_recorded=number == 0,
                got_hours=number == 0,
            )
            AttendanceFactory(enrolment=enrolment, week=1)

    # --- job guarantees --------------------------------------------------------------

    def guarantees(self, *, candidates: list[Candidate]) -> None:
        """Another guarantee, on the world's course team; on the world's guarantee's team
        the candidates completed (own, shared and anonymous), one proposed to its job order."""
        agreement = RecruitmentAgreementFactory(
            company=self.base.company,
            job_centre=self.centre,
            signed_by=self.consultant,
            job_guarantee=True,
            guarantee_terms=f"Garanti {self.n}",
        )
        JobGuaranteeFactory(
            agreement=agreement,
            team=Team.objects.get(pk=self.world["upskilling:team"]),
            created_by=self.consultant,
            job_orders=[self.base.job_order],
        )
        guarantee = JobGuarantee.objects.get(pk=self.world["guarantees"])
        for candidate in candidates:
            EnrolmentFactory(
                team=guarantee.team,
                candidate=candidate,
                enrolled_by=self.secretariat,
                status=EnrolmentStatus.COMPLETED,
            )
        ReferralFactory(
            job_order=self.base.job_order,
            candidate=candidates[1],
            proposed_by=self.consultant,
            state=ReferralState.INTERVIEW,
        )

    # --- imports from the case systems -----------------------------------------------

    def imports(self, candidate: Candidate) -> None:
        ImportRun.objects.create(
            kind="candidates",
            job_centre=self.centre,
            user=self.users[Role.JOB_CONSULTANT],
            filename=f"borgere-{self.n}.csv",
            status="done",
        )
        PendingTitleLink.objects.create(
            job_centre=self.centre,
            candidate=candidate,
            use="past",
            title=f"Souschef, køkken {self.n}",
            start_year=2019,
            suggestions=[self.occupation.pk],
        )

    # --- companies -----------------------------------------------------------------------

    def company(self) -> Company:
        company = CompanyFactory(
            cooperation=self.cooperation,
            municipality=self.home,
            cvr=valid_cvrs(1, start=8_000_000 + 100 * self.n)[0],
            contact_consultant=self.consultant,
            is_ambassador=True,
        )
        # The world's consultant follows the world's company up, the secretariat the new one.
        self.company_rows(self.base.company, self.consultant)
        self.company_rows(company, self.secretariat)
        agreement = RecruitmentAgreement.objects.get(pk=self.world["companies:agreement_edit"])
        agreement.occupations.add(self.occupation)
        CompanyMergeFactory(
            company=self.base.company,
            merged_name=f"Byg og Anlæg Dublet {self.n}",
            merged_cvr=valid_cvrs(1, start=9_000_000 + 100 * self.n)[0],
            merged_p_number="",
            merged_by=self.consultant,
            merged_at=self.now,
            moved={},
        )
        return company

    def company_rows(self, company: Company, consultant: User) -> None:
        """A contact person, a contact with a follow-up due, one done, an agreement and an
        alliance commitment. One follow-up due a unit keeps the start page's agenda under
        its cut-off, past which it counts the rest in one more query."""
        contact = ContactPersonFactory(company=company, name=f"Kontakt {self.n}")
        by_secretariat = consultant == self.secretariat
        InteractionFactory(
            company=company,
            kind="call",
            consultant=consultant,
            job_centre=self.centre,
            by_secretariat=by_secretariat,
            contact=contact,
            follow_up_on=self.today,
            summary="",
        )
        InteractionFactory(
            company=company,
            kind="visit",
            consultant=consultant,
            job_centre=self.centre,
            by_secretariat=by_secretariat,
            contact=contact,
            follow_up_on=self.today - dt.timedelta(days=1),
            follow_up_done_at=self.now,
            follow_up_done_by=consultant,
            summary="",
        )
        agreement = RecruitmentAgreementFactory(
            company=company,
            job_centre=self.centre,
            signed_by=self.consultant,
            start_date=self.today - dt.timedelta(days=30),
            end_date=self.today + dt.timedelta(days=335),
            expected_hires=2,
            updated_by=self.consultant,
        )
        agreement.occupations.add(self.occupation, self.base.job_order.occupation)
        AllianceCommitmentFactory(
            company=company,
            alliance=f"Alliance {self.n}",
            commitment="To lærlinge om året.",
            start_date=self.today - dt.timedelta(days=1),
            recorded_by=self.consultant,
        )

    # --- job orders ----------------------------------------------------------------------

    def job_order(self) -> JobOrder:
        # A project of its own for the project list; the order joins the world's project
        # (with the world's job order), which shows its orders and hires, and is published.
        ProjectFactory(cooperation=self.cooperation, name=f"Metro {self.n}")
        job_order = JobOrderFactory(
            company=self.base.company,
            job_centre=self.centre,
            by_secretariat=True,
            created_by=self.consultant,
            occupation=self.occupation,
            project_id=self.world["joborders:project"],
            published=True,
            published_at=self.now,
            posting_key=f"opslag-{self.n}",
            public_description="Tømrer til metrobyggeriet.",
        )
        for job in (job_order, self.base.job_order):
            self.requirements(job)
            self.tasks(job)
        return job_order

    def tasks(self, job_order: JobOrder) -> None:
        """The order broken into a task without the trade and one with it, with skills."""
        for needs_trade in (False, True):
            task = JobOrderTask.objects.create(
                job_order=job_order,
                title=f"Opgave {self.n} {needs_trade}",
                needs_trade=needs_trade,
                position=self.n,
            )
            task.skills.set([SkillFactory(label_da=f"oprydning {self.n} {needs_trade}")])

    def requirements(self, job_order: JobOrder) -> None:
        RequirementFactory(
            job_order=job_order,
            importance=Importance.MUST,
            kind=RequirementKind.QUALIFICATION,
            qualification=self.qualification(),
        )
        RequirementFactory(
            job_order=job_order,
            importance=Importance.NICE,
            kind=RequirementKind.LANGUAGE,
            language=self.language(),
            language_level=CefrLevel.B1,
        )
        RequirementFactory(
            job_order=job_order,
            importance=Importance.MUST,
            kind=RequirementKind.SKILL,
            skill=SkillFactory(label_da=f"færdighed {self.n}"),
        )
        RequirementFactory(
            job_order=job_order,
            importance=Importance.NICE,
            kind=RequirementKind.EXPERIENCE,
            min_years=self.n + 1,
        )

    def language(self) -> Language:
        # Made once, then got: the factories of languages, certificates, target groups and
        # survey rounds get or create by their key, and each n has one of each for many rows.
        language: Language = LanguageFactory(
            code=f"l{self.n}", label_da=f"sprog {self.n}", label_en="language"
        )
        return language

    def qualification(self) -> Qualification:
        qualification: Qualification = QualificationFactory(
            code=f"cert-{self.n}", kind="certificate", label_da=f"Certifikat {self.n}", label_en="c"
        )
        return qualification

    # --- candidates and referrals --------------------------------------------------------

    def candidate(
        self, consent: ConsentScope = ConsentScope.NONE, centre: JobCentre | None = None
    ) -> Candidate:
        candidate: Candidate = CandidateFactory(
            job_centre=centre or self.centre,
            municipality=self.home,
            consent_scope=consent,
            consent_given_on=dt.date(2026, 1, 5) if consent != ConsentScope.NONE else None,
        )
        self.cv_rows(candidate.cv)
        return candidate

    def cv_rows(self, cv: Cv) -> None:
        """One more part of every kind on a CV, and a target group for its candidate."""
        ExperienceFactory(
            cv=cv,
            occupation=self.occupation,
            title=f"Tømrer {self.n}",
            employer="Byg A/S",
            start_date=dt.date(2015, 1, 1),
            end_date=dt.date(2020, 1, 1),
        )
        EducationFactory(
            cv=cv, title="Tømrer", level=EducationLevel.VOCATIONAL, completed_year=2014
        )
        HeldQualificationFactory(cv=cv, qualification=self.qualification())
        SpokenLanguageFactory(cv=cv, language=self.language(), level=CefrLevel.C2)
        cv.skills.add(SkillFactory(label_da=f"kunnen {self.n}"))
        cv.wished_occupations.add(self.occupation)
        cv.candidate.target_groups.add(
            TargetGroupFactory(code=f"group-{self.n}", label_da=f"Gruppe {self.n}", label_en="g")
        )

    def screening_item(self) -> ScreeningItem:
        return ScreeningItemFactory(
            cooperation=self.cooperation,
            kind=self.base.job_order.kind,
            position=self.n + 1,
            text_da=f"Spørgsmål {self.n}?",
            text_en=f"Question {self.n}?",
            updated_by=self.secretariat,
            updated_at=self.now,
        )

    def referrals(
        self, job_order: JobOrder, *, hired: Candidate, proposed: Candidate, item: ScreeningItem
    ) -> None:
        """A hire and a proposal on the world's job order, a proposal on the new one; the
        world's own referral answers the new screening question too."""
        world_referral = Referral.objects.get(pk=self.world["joborders:hire"])
        made = [world_referral]
        for order, candidate, state in (
            (self.base.job_order, hired, ReferralState.HIRED),
            (self.base.job_order, proposed, ReferralState.INTERVIEW),
            (job_order, proposed, ReferralState.PROPOSED),
            (job_order, self.base.candidate, ReferralState.DECLINED),
        ):
            referral = ReferralFactory(
                job_order=order,
                candidate=candidate,
                proposed_by=self.consultant,
                state=state,
                motivation="Erfaren.",
            )
            made.append(referral)
            ReferralTransitionFactory(
                referral=referral,
                to_state=ReferralState.PROPOSED,
                by=self.consultant,
                at=self.now,
            )
            if state != ReferralState.PROPOSED:
                ReferralTransitionFactory(
                    referral=referral,
                    from_state=ReferralState.PROPOSED,
                    to_state=state,
                    by=self.secretariat,
                    at=self.now,
                    reason="Godt match.",
                )
        for referral in made:
            ScreeningAnswerFactory(
                referral=referral,
                item=item,
                position=item.position,
                text_da=item.text_da,
                text_en=item.text_en,
                value=ScreeningValue.YES,
                note="Bekræftet.",
            )
        self.placement(made[1])

    def placement(self, referral: Referral) -> None:
        placement = PlacementFactory(
            referral=referral,
            start_date=self.today - dt.timedelta(days=10),
            hours_per_week=37,
            recorded_by=self.consultant,
            onboarding_consultant=self.users[Role.ONBOARDING_CONSULTANT],
            created_at=self.now,
        )
        FollowUpFactory(
            placement=placement,
            step=FollowUpStep.WEEK,
            due_on=self.today - dt.timedelta(days=3),
            done_at=self.now,
            done_by=self.consultant,
            still_employed=True,
            ordinary_hours=True,
        )
        FollowUpFactory(
            placement=placement, step=FollowUpStep.MONTH, due_on=self.today + dt.timedelta(days=2)
        )
        FollowUpFactory(
            placement=placement, step=FollowUpStep.QUARTER, due_on=self.today - dt.timedelta(days=1)
        )

    # --- requests between job centres ----------------------------------------------------

    def requests(
        self,
        job_order: JobOrder,
        company: Company,
        *,
        offered: list[Candidate],
        answer_with: Candidate,
    ) -> None:
        """The world's request is answered by another job centre; the world's job centre
        sends one more, and is asked by the other and answers."""
        request = CandidateRequest.objects.get(job_order=self.base.job_order)
        self.answer(request, self.other, self.other_staff, offered)
        sent = CandidateRequestFactory(
            job_order=job_order,
            job_centre=self.centre,
            sent_by=self.consultant,
            sent_at=self.now,
            message="Vi mangler folk.",
        )
        self.answer(sent, self.other, self.other_staff, offered)
        # The secretariat's own, closed (a job order has one open request at a time).
        by_secretariat = CandidateRequestFactory(
            job_order=job_order,
            job_centre=self.centre,
            by_secretariat=True,
            sent_by=self.secretariat,
            sent_at=self.now - dt.timedelta(days=5),
            message="Vi mangler folk.",
            closed_at=self.now,
            closed_by=self.secretariat,
        )
        self.answer(by_secretariat, self.other, self.other_staff, offered)
        # A third job centre has not answered yet.
        RequestRecipientFactory(
            request=sent, job_centre=JobCentreFactory(cooperation=self.cooperation)
        )
        # The other job centre asks the world's, for two orders: one answered, one not.
        for answered in (False, True):
            incoming = CandidateRequestFactory(
                job_order=JobOrderFactory(
                    company=company, job_centre=self.other, created_by=self.other_staff
                ),
                job_centre=self.other,
                sent_by=self.other_staff,
                sent_at=self.now,
                message="Har I tømrere?",
            )
            if answered:
                self.answer(incoming, self.centre, self.users[Role.JOB_CONSULTANT], [answer_with])
            else:
                RequestRecipientFactory(request=incoming, job_centre=self.centre)

    def answer(
        self, request: CandidateRequest, centre: JobCentre, by: User, offered: list[Candidate]
    ) -> None:
        recipient = RequestRecipientFactory(
            request=request,
            job_centre=centre,
            status=RecipientStatus.CANDIDATES,
            answered_by=by,
            answered_at=self.now,
            note="Se disse.",
        )
        for candidate in offered:
            RequestOfferFactory(
                request=request,
                recipient=recipient,
                candidate=candidate,
                offered_by=by,
                offered_at=self.now,
            )

    # --- events, inquiries, surveys ------------------------------------------------------

    def events(self, company: Company, *, candidates: list[Candidate]) -> None:
        """A new event; the world's event gets the company and the candidates. A company
        contacted lately and not invited waits for the invitations to events and surveys."""
        organiser = self.secretariat
        waiting = CompanyFactory(
            cooperation=self.cooperation,
            municipality=self.home,
            cvr=valid_cvrs(1, start=8_500_000 + 100 * self.n)[0],
            name=f"Byg Venter {self.n} ApS",
        )
        ContactPersonFactory(company=waiting, email=f"hr{self.n}@example.dk", is_primary=True)
        InteractionFactory(
            company=waiting,
            kind="call",
            consultant=self.consultant,
            job_centre=self.centre,
            summary="",
        )
        start = self.now + dt.timedelta(days=20 + self.n)
        new = EventFactory(
            cooperation=self.cooperation,
            job_centre=self.centre,
            title=f"Jobmesse {self.n}",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=3),
            location="Rådhuset",
            created_by=organiser,
            updated_by=organiser,
        )
        # The world's candidate goes to every event (the world's one invited it already).
        EventCandidateFactory(
            event=new,
            candidate=self.base.candidate,
            job_centre=self.centre,
            invited_by=organiser,
            changed_by=organiser,
        )
        event = Event.objects.get(pk=self.world["events"])
        EventCompanyFactory(
            event=event,
            company=company,
            token=f"query-world-{self.n}",
            email="hr@example.dk",
            invited_by=organiser,
            changed_by=organiser,
        )
        for candidate in candidates:
            EventCandidateFactory(
                event=event,
                candidate=candidate,
                job_centre=candidate.job_centre,
                invited_by=organiser,
                changed_by=organiser,
            )

    def inquiries(self, company: Company) -> None:
        taker = self.consultant
        new = InquiryFactory(routed_to=self.centre, company=company)
        taken = InquiryFactory(
            routed_to=self.centre,
            company=company,
            status=InquiryStatus.IN_PROGRESS,
            assigned_to=taker,
        )
        at_secretariat = InquiryFactory(routed_to=self.centre, at_secretariat=True)
        world_inquiry = Inquiry.objects.get(pk=self.world["intake"])
        for inquiry in (new, taken, at_secretariat, world_inquiry):
            InquiryTransitionFactory(
                inquiry=inquiry,
                action=Action.FORWARDED,
                from_status=InquiryStatus.NEW,
                to_status=InquiryStatus.NEW,
                by=taker,
                at=self.now,
                note="Videre.",
                from_job_centre=self.other,
                to_job_centre=self.centre,
                to_secretariat=False,
            )
            InquiryTransitionFactory(
                inquiry=inquiry,
                action=Action.TAKEN,
                from_status=InquiryStatus.NEW,
                to_status=InquiryStatus.IN_PROGRESS,
                by=taker,
                at=self.now,
                to_job_centre=None,
                to_secretariat=False,
            )

    def survey(self, company: Company) -> None:
        quarter = Quarter.of(self.today)
        survey_round = SurveyRoundFactory(
            cooperation=self.cooperation, year=quarter.year, quarter=quarter.number
        )
        previous = SurveyRoundFactory(
            cooperation=self.cooperation,
            year=quarter.previous.year,
            quarter=quarter.previous.number,
        )
        for shown in (survey_round, previous):
            invitation = SurveyInvitationFactory(
                survey_round=shown,
                company=company,
                email="hr@example.dk",
                job_centre=self.centre,
                consultant=self.consultant,
                token=f"query-world-{shown.quarter}-{self.n}",
                sent_by=self.secretariat,
                answered_at=self.now,
            )
            SurveyResponseFactory(
                invitation=invitation,
                response_time=4,
                communication=5,
                guidance=3,
                understanding=4,
                overall=5,
                comment="Fint.",
            )
        # The job barometer: this half-year's and the one before, a new occupation in each
        # (the results list a row per occupation and compare with the round before).
        year, half = half_of(self.today)
        before = (year - 1, 2) if half == 1 else (year, 1)
        for period in ((year, half), before):
            answer = BarometerAnswerFactory(
                invitation=BarometerInvitationFactory(
                    barometer_round=BarometerRoundFactory(
                        cooperation=self.cooperation, year=period[0], half=period[1]
                    ),
                    company=company,
                    email="hr@example.dk",
                    job_centre=self.centre,
                    consultant=self.consultant,
                    token=f"query-world-barometer-{period[1]}-{self.n}",
                    answered_at=self.now,
                ),
            )
            BarometerLineFactory(answer=answer, occupation=self.occupation, hard_to_fill=True)

    # --- CV requests, the users' own rows, the cooperation's -----------------------------

    def sharing(self, job_order: JobOrder, *, incoming: Candidate, outgoing: Candidate) -> None:
        asker = self.other_staff
        SharingRequestFactory(
            candidate=incoming, requested_by=asker, requesting_job_centre=self.other
        )
        SharingRequestFactory(
            candidate=incoming,
            job_order=job_order,
            requested_by=asker,
            requesting_job_centre=self.other,
            status=SharingStatus.SHARED,
            answered_by=self.users[Role.JOB_CONSULTANT],
            answered_at=self.now,
        )
        # The job centre's request, and the secretariat's it hosts.
        for user in (self.users[Role.JOB_CONSULTANT], self.secretariat):
            SharingRequestFactory(
                candidate=outgoing,
                job_order=job_order,
                requested_by=user,
                requesting_job_centre=self.centre,
                by_secretariat=user == self.secretariat,
            )

    def personal(self) -> None:
        for user in self.users.values():
            NotificationFactory(
                user=user,
                address=f"{user.username}@example.dk",
                kind=NotificationKind.NEW_REQUEST,
                key=f"query-world-{self.n}",
                language="da",
                template="notifications/new_request",
                subject=f"Ny forespørgsel {self.n}",
                sent_at=self.now,
                context={},
            )
            SavedSearchFactory(owner=user, name=f"Søgning {self.n}", query="text=t")
            AccessLogEntryFactory(
                user=user,
                username=user.username,
                job_centre=self.centre,
                candidate=self.base.candidate,
                candidate_ref=self.base.candidate.pk,
                purpose=Purpose.VIEW,
                view_name="candidates:detail",
                path=f"/candidates/{self.base.candidate.pk}/",
            )

    def kkr_rows(self) -> None:
        """A recommendation reported on this year and last, for the world's municipality and
        the other centre's, each changed once since (two versions in the history)."""
        recommendation = RecommendationFactory(cooperation=self.cooperation, number=f"9.{self.n}")
        manager = self.users[Role.MANAGER]
        for year in (self.today.year - 1, self.today.year):
            for municipality, centre in (
                (self.home, self.centre),
                (self.other.municipalities.get(), self.other),
            ):
                assessment = AssessmentFactory(
                    recommendation=recommendation,
                    municipality=municipality,
                    year=year,
                    status="yellow",
                    remark="Påbegyndt.",
                    job_centre=centre,
                    updated_by=manager,
                    version=2,
                )
                AssessmentChange.objects.filter(assessment=assessment).update(
                    version=1, status="red", remark="Ikke påbegyndt."
                )
                AssessmentChange.objects.create(
                    assessment=assessment,
                    version=2,
                    status="yellow",
                    remark="Påbegyndt.",
                    job_centre=centre,
                    changed_by=manager,
                )

    def cooperation_rows(self) -> None:
        head = staff(Role.STEERING_GROUP, self.other)
        for starts, ends in ((-300, 400), (-900, -400)):
            SteeringGroupTermFactory(
                cooperation=self.cooperation,
                member=head,
                job_centre=self.other,
                starts_on=self.today + dt.timedelta(days=starts),
                ends_on=self.today + dt.timedelta(days=ends),
            )
        TargetChangeFactory(
            cooperation=self.cooperation,
            by=self.secretariat,
            at=self.now,
            inquiry_response_hours=24 + self.n,
            request_reminder_hours=48,
            previous_inquiry_response_hours=24,
            previous_request_reminder_hours=48,
        )
