from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("results/", views.results, name="results"),
    path("round/", views.round_page, name="round"),
    path("round/send/", views.round_send, name="send"),
    path("barometer/", views.barometer_page, name="barometer"),
    path("barometer/send/", views.barometer_send, name="barometer_send"),
    path("barometer/results/", views.barometer_results, name="barometer_results"),
    path("barometer/results.csv", views.barometer_export, name="barometer_export"),
    # The company's personal link: no login, the token is the key.
    path("answer/<slug:token>/", views.answer, name="answer"),
    path("barometer/answer/<slug:token>/", views.barometer_answer, name="barometer_answer"),
    path(
        "barometer/answer/<slug:token>/occupations/",
        views.barometer_occupations,
        name="barometer_occupations",
    ),
]
