from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("results/", views.results, name="results"),
    path("round/", views.round_page, name="round"),
    path("round/send/", views.round_send, name="send"),
    # The company's personal link: no login, the token is the key.
    path("answer/<slug:token>/", views.answer, name="answer"),
]
