"""Who reads the shortage signals, and the page's name in the menu."""

from django.utils.translation import gettext_lazy as _

from jobbro.organisations.access import JOB_ORDER_READERS

# Counts only, no candidate: everyone who works with job orders plans with them, and the
# leaders and the steering group decide which courses to set up.
SHORTAGE_READERS = JOB_ORDER_READERS
TITLE = _("Shortage signals")
