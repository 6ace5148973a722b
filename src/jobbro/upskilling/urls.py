from django.urls import path

from . import views

app_name = "upskilling"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("providers/new/", views.setup_create, {"kind": "provider"}, name="provider_create"),
    path("courses/new/", views.setup_create, {"kind": "course"}, name="course_create"),
    path("teams/new/", views.setup_create, {"kind": "team"}, name="team_create"),
    path("groups/new/", views.setup_create, {"kind": "group"}, name="group_create"),
    path("teams/<int:pk>/", views.team_detail, name="team"),
    path("courses/<int:pk>/", views.course_detail, name="course"),
    path("groups/<int:pk>/", views.group_detail, name="group"),
    path("enrolments/<int:pk>/", views.enrolment_detail, name="enrolment"),
]
