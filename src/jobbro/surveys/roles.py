"""Who reads the survey results and the job barometer, and the barometer's names in the menu."""

from django.utils.translation import gettext_lazy as _

from jobbro.organisations.access import LEADERS
from jobbro.organisations.models import Role

# Counts and averages only for the barometer; the satisfaction results name companies to
# the same readers.
RESULT_READERS = (*LEADERS, Role.SECRETARIAT, Role.BUSINESS_CONSULTANT)
BAROMETER_TITLE = _("Job barometer")
BAROMETER_ROUND_TITLE = _("Job barometer round")
