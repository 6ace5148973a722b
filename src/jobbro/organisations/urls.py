from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("steering-group/", views.steering_group_page, name="steering_group"),
]
