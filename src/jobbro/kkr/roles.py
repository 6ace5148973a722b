"""Who works with the KKR progress scheme, and the page's name in the menu."""

from django.utils.translation import gettext_lazy as _

from jobbro.organisations.access import LEADERS
from jobbro.organisations.models import Role

# The scheme is the cooperation's report to the regional board: those who steer the
# cooperation and its job centres read all of it; the secretariat maintains the
# recommendations; a job centre's manager or team leader reports for the municipalities
# the centre serves (checked per municipality in `selectors.may_report`).
KKR_READERS = (*LEADERS, Role.SECRETARIAT)
KKR_MAINTAINERS = (Role.SECRETARIAT,)
KKR_REPORTERS = (Role.MANAGER, Role.TEAM_LEADER)
TITLE = _("KKR progress scheme")
RECOMMENDATIONS_TITLE = _("KKR recommendations")
