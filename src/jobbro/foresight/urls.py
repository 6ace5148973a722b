from django.urls import path

from . import views

app_name = "foresight"
urlpatterns = [path("shortages/", views.shortages, name="shortages")]
