"""Who comes to the weekly board meeting (tavlemøde), and the page's name in the menu."""

from django.utils.translation import gettext_lazy as _

from jobbro.organisations.models import Role

# Those the seeds name at the meeting (seed 004, case 6): the company service (business
# consultants), the recruitment partners and job consultants of the citizen teams, and the
# team leaders and managers who run it; the secretariat brings the cooperation's view. The
# board shows job orders and companies, never a candidate: it reads no personal data. The
# steering group reads it too (counts and job orders, no citizen named), to follow the work
# behind the key figures. Not the onboarding consultants or the DPO.
BOARD_READERS = (
    Role.BUSINESS_CONSULTANT,
    Role.JOB_CONSULTANT,
    Role.RECRUITMENT_CONSULTANT,
    Role.SECRETARIAT,
    Role.TEAM_LEADER,
    Role.MANAGER,
    Role.STEERING_GROUP,
)
TITLE = _("Board meeting")
