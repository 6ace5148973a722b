from django.urls import path

from . import views

app_name = "case_imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:pk>/", views.run_detail, name="run"),
    path("<int:pk>/progress/", views.run_progress, name="progress"),
    path("<int:pk>/confirm/", views.run_confirm, name="confirm"),
    path("<int:pk>/report.csv", views.run_report, {"fmt": "csv"}, name="report_csv"),
    path("<int:pk>/report.xlsx", views.run_report, {"fmt": "xlsx"}, name="report_xlsx"),
    path("titles/", views.titles, name="titles"),
    path("titles/<int:pk>/", views.title_resolve, name="title"),
]
