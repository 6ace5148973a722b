from django.urls import path

from . import views

app_name = "kkr"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("municipalities/<int:pk>/", views.report, name="report"),
    path("recommendations/", views.recommendations, name="recommendations"),
    path("recommendations/new/", views.recommendation_create, name="recommendation_create"),
    path("recommendations/<int:pk>/", views.history, name="history"),
    path(
        "recommendations/<int:pk>/edit/", views.recommendation_update, name="recommendation_update"
    ),
]
