"""Who reads the key figures, and the page's name in the menu."""

from django.utils.translation import gettext_lazy as _

from jobbro.organisations.access import LEADERS
from jobbro.organisations.models import Role

# Figures, not persons: those who steer the cooperation and its job centres, and the
# secretariat that reports to them.
KPI_READERS = (*LEADERS, Role.SECRETARIAT)
TITLE = _("Key figures")
TARGETS_TITLE = _("Targets")
