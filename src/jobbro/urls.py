from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from jobbro.organisations.access import public

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("login/", public(auth_views.LoginView.as_view()), name="login"),
    path("logout/", public(auth_views.LogoutView.as_view()), name="logout"),
    path("companies/", include("jobbro.companies.urls")),
    path("job-orders/", include("jobbro.joborders.urls")),
    path("candidates/", include("jobbro.candidates.urls")),
    path("", include("jobbro.core.urls")),
]
