from django.contrib import admin
from django.urls import include, path

from jobbro import api
from jobbro.accounts import oidc
from jobbro.accounts import views as accounts_views

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("login/", accounts_views.login, name="login"),
    path("login/", include("jobbro.accounts.urls")),
    path("logout/", accounts_views.logout, name="logout"),
    path("oidc/authenticate/", oidc.oidc_login, name="oidc_authentication_init"),
    path("oidc/callback/", oidc.oidc_callback, name="oidc_authentication_callback"),
    path("companies/", include("jobbro.companies.urls")),
    path("job-orders/", include("jobbro.joborders.urls")),
    # The public job postings and their feed, without login.
    path("jobs/", include("jobbro.joborders.public_urls")),
    path("job-orders/", include("jobbro.candidate_requests.urls")),
    path("job-orders/", include("jobbro.screening.urls")),
    path("candidates/import/", include("jobbro.case_imports.urls")),
    path("candidates/", include("jobbro.candidates.urls")),
    path("privacy/", include("jobbro.privacy.urls")),
    # The ranked list under /job-orders/, the CV requests under /sharing/.
    path("", include("jobbro.sharing.urls")),
    path("search/", include("jobbro.searches.urls")),
    path("pools/", include("jobbro.pools.urls")),
    path("taxonomy/", include("jobbro.taxonomy.urls")),
    path("shared-line/", include("jobbro.intake.urls")),
    path("cooperation/api-clients/", include("jobbro.api.page_urls")),
    path("cooperation/", include("jobbro.organisations.urls")),
    path("surveys/", include("jobbro.surveys.urls")),
    path("events/", include("jobbro.events.urls")),
    path("upskilling/guarantees/", include("jobbro.guarantees.urls")),
    path("upskilling/", include("jobbro.upskilling.urls")),
    path("kpis/", include("jobbro.kpis.urls")),
    path("foresight/", include("jobbro.foresight.urls")),
    path("board/", include("jobbro.board.urls")),
    path("kkr/", include("jobbro.kkr.urls")),
    path("notifications/", include("jobbro.notifications.urls")),
    path("api/v1/", api.urls),
    path("", include("jobbro.core.urls")),
]
