from django.urls import path

from . import views

app_name = "sharing"
urlpatterns = [
    path("job-orders/<int:pk>/candidates/", views.ranked_list, name="ranked"),
    path("job-orders/<int:pk>/propose/", views.referral_propose, name="propose"),
    path("sharing/requests/", views.request_list, name="requests"),
    path("sharing/requests/new/", views.request_create, name="request_create"),
    path("sharing/requests/<int:pk>/answer/", views.request_answer, name="answer"),
]
