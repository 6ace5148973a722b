"""factory_boy factories for every model of the domain, one module per app; tests build
only what they need. Everything is re-exported here: `from tests.factories import X`."""

from .accesslog import AccessLogEntryFactory
from .api import ApiClientFactory, IdempotentWriteFactory
from .candidate_requests import (
    CandidateRequestFactory,
    RequestOfferFactory,
    RequestRecipientFactory,
)
from .candidates import (
    CandidateFactory,
    CvFactory,
    EducationFactory,
    ExperienceFactory,
    HeldQualificationFactory,
    SpokenLanguageFactory,
    TargetGroupFactory,
)
from .case_imports import ImportRunFactory, JobOrderCaseIdFactory, PendingTitleLinkFactory
from .companies import (
    VALID_CVRS,
    AllianceCommitmentFactory,
    CompanyFactory,
    CompanyMergeFactory,
    ContactPersonFactory,
    IndustryFactory,
    InteractionFactory,
    RecruitmentAgreementFactory,
    new_company,
    valid_cvrs,
)
from .events import EventCandidateFactory, EventCompanyFactory, EventFactory
from .guarantees import JobGuaranteeFactory
from .intake import (
    InquiryFactory,
    InquiryTransitionFactory,
    SpentFormTokenFactory,
    TargetChangeFactory,
)
from .joborders import (
    FollowUpFactory,
    JobOrderFactory,
    JobOrderTaskFactory,
    PlacementFactory,
    ProjectFactory,
    ReferralFactory,
    ReferralTransitionFactory,
    RequirementFactory,
)
from .kkr import AssessmentFactory, RecommendationFactory
from .kpis import (
    AgreementFiguresFactory,
    DailyFiguresFactory,
    DailyTimeToFillFactory,
    StaleDaysFactory,
    SummaryStateFactory,
    TargetFactory,
    TargetPartFactory,
)
from .matching import CandidateChangeFactory
from .notifications import NotificationFactory, NotificationSettingsFactory
from .organisations import (
    CooperationFactory,
    JobCentreFactory,
    MembershipFactory,
    MunicipalityFactory,
    PartnerOrganisationFactory,
    SteeringGroupTermFactory,
    UserFactory,
    staff,
    steering_group_member,
)
from .pools import PoolFactory, PoolMemberFactory
from .privacy import ErasureRecordFactory
from .screening import ScreeningAnswerFactory, ScreeningItemFactory
from .searches import SavedSearchFactory
from .sharing import SharingRequestFactory
from .surveys import (
    BarometerAnswerFactory,
    BarometerInvitationFactory,
    BarometerLineFactory,
    BarometerRoundFactory,
    SurveyInvitationFactory,
    SurveyResponseFactory,
    SurveyRoundFactory,
)
from .taxonomy import (
    IscoGroupFactory,
    LanguageFactory,
    OccupationFactory,
    OccupationSkillFactory,
    QualificationFactory,
    SkillFactory,
)
from .upskilling import (
    AttendanceFactory,
    CourseFactory,
    EnrolmentFactory,
    ProviderFactory,
    ReservationFactory,
    TeamFactory,
    TeamGroupFactory,
    WaitingEntryFactory,
)

__all__ = [
    "VALID_CVRS",
    "AccessLogEntryFactory",
    "AgreementFiguresFactory",
    "AllianceCommitmentFactory",
    "ApiClientFactory",
    "AssessmentFactory",
    "AttendanceFactory",
    "BarometerAnswerFactory",
    "BarometerInvitationFactory",
    "BarometerLineFactory",
    "BarometerRoundFactory",
    "CandidateChangeFactory",
    "CandidateFactory",
    "CandidateRequestFactory",
    "CompanyFactory",
    "CompanyMergeFactory",
    "ContactPersonFactory",
    "CooperationFactory",
    "CourseFactory",
    "CvFactory",
    "DailyFiguresFactory",
    "DailyTimeToFillFactory",
    "EducationFactory",
    "EnrolmentFactory",
    "ErasureRecordFactory",
    "EventCandidateFactory",
    "EventCompanyFactory",
    "EventFactory",
    "ExperienceFactory",
    "FollowUpFactory",
    "HeldQualificationFactory",
    "IdempotentWriteFactory",
    "ImportRunFactory",
    "IndustryFactory",
    "InquiryFactory",
    "InquiryTransitionFactory",
    "InteractionFactory",
    "IscoGroupFactory",
    "JobCentreFactory",
    "JobGuaranteeFactory",
    "JobOrderCaseIdFactory",
    "JobOrderFactory",
    "JobOrderTaskFactory",
    "LanguageFactory",
    "MembershipFactory",
    "MunicipalityFactory",
    "NotificationFactory",
    "NotificationSettingsFactory",
    "OccupationFactory",
    "OccupationSkillFactory",
    "PartnerOrganisationFactory",
    "PendingTitleLinkFactory",
    "PlacementFactory",
    "PoolFactory",
    "PoolMemberFactory",
    "ProjectFactory",
    "ProviderFactory",
    "QualificationFactory",
    "RecommendationFactory",
    "RecruitmentAgreementFactory",
    "ReferralFactory",
    "ReferralTransitionFactory",
    "RequestOfferFactory",
    "RequestRecipientFactory",
    "RequirementFactory",
    "ReservationFactory",
    "SavedSearchFactory",
    "ScreeningAnswerFactory",
    "ScreeningItemFactory",
    "SharingRequestFactory",
    "SkillFactory",
    "SpentFormTokenFactory",
    "SpokenLanguageFactory",
    "StaleDaysFactory",
    "SteeringGroupTermFactory",
    "SummaryStateFactory",
    "SurveyInvitationFactory",
    "SurveyResponseFactory",
    "SurveyRoundFactory",
    "TargetChangeFactory",
    "TargetFactory",
    "TargetGroupFactory",
    "TargetPartFactory",
    "TeamFactory",
    "TeamGroupFactory",
    "UserFactory",
    "WaitingEntryFactory",
    "new_company",
    "staff",
    "steering_group_member",
    "valid_cvrs",
]
