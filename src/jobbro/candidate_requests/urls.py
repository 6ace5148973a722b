from django.urls import path

from . import views

# Under /job-orders/, where these pages have always been.
app_name = "candidate_requests"
urlpatterns = [
    path("<int:pk>/ask-job-centres/", views.request_create, name="create"),
    path("requests/", views.request_list, name="list"),
    path("requests/<int:pk>/", views.request_detail, name="detail"),
    path("requests/<int:pk>/answers/", views.request_answers, name="answers"),
    path("requests/<int:pk>/answer/", views.request_answer, name="answer"),
    path("requests/<int:pk>/close/", views.request_close, name="close"),
]
