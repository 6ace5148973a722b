from django.urls import path

from . import views

app_name = "api_clients"
urlpatterns = [
    path("", views.client_list, name="list"),
    path("<int:pk>/revoke/", views.client_revoke, name="revoke"),
]
