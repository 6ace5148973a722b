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
    path("providers/<int:pk>/edit/", views.provider_edit, name="provider_edit"),
    path("courses/<int:pk>/edit/", views.course_edit, name="course_edit"),
    path("teams/<int:pk>/edit/", views.team_edit, name="team_edit"),
    path("groups/<int:pk>/edit/", views.group_edit, name="group_edit"),
    path("enrolments/<int:pk>/", views.enrolment_detail, name="enrolment"),
]
