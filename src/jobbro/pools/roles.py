"""Who works with candidate pools (the rules in full: docs/pools.md)."""

from django.utils.translation import gettext_lazy as _

from jobbro.organisations.access import CANDIDATE_OWNERS, CANDIDATE_READERS, LEADERS

# The list and the counts: everyone who recruits, and the leaders who follow the work;
# the names of members only where the candidate page's rule lets the user see them.
POOL_READERS = (*CANDIDATE_READERS, *LEADERS)
# Add members: whoever reads candidates. Create and edit pools: a job centre's consultants.
MEMBER_EDITORS = CANDIDATE_READERS
POOL_EDITORS = CANDIDATE_OWNERS
TITLE = _("Candidate pools")
