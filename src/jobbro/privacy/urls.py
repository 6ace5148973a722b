from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("log/", views.log_search, name="log"),
    path("log/candidates/<int:pk>/", views.candidate_log, name="candidate_log"),
    path("log/candidates/<int:pk>/log.csv", views.candidate_log_csv, name="candidate_log_csv"),
    path("candidates/<int:pk>/export.json", views.candidate_export, name="export"),
    path(
        "candidates/<int:pk>/export-da.pdf",
        views.candidate_export_pdf,
        {"language": "da"},
        name="export_pdf_da",
    ),
    path(
        "candidates/<int:pk>/export-en.pdf",
        views.candidate_export_pdf,
        {"language": "en"},
        name="export_pdf_en",
    ),
    path("candidates/<int:pk>/erase/", views.candidate_erase, name="erase"),
]
