from django.urls import path

from . import views

app_name = "candidates"
urlpatterns = [
    path("", views.candidate_list, name="list"),
    path("new/", views.candidate_create, name="create"),
    path("<int:pk>/", views.candidate_detail, name="detail"),
    path("<int:pk>/cpr/", views.candidate_cpr, name="cpr"),
    path("<int:pk>/edit/", views.candidate_edit, name="edit"),
    path("<int:pk>/cv/", views.cv_edit, name="cv_edit"),
]
