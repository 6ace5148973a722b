from django.urls import path

from . import views

app_name = "taxonomy"
urlpatterns = [
    path("suggest/occupations/", views.occupation_suggest, name="suggest_occupations"),
    path("suggest/skills/", views.skill_suggest, name="suggest_skills"),
]
