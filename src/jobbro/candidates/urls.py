from django.urls import path

from . import views

app_name = "candidates"
urlpatterns = [
    path("", views.candidate_list, name="list"),
    path("new/", views.candidate_create, name="create"),
    path("<int:pk>/", views.candidate_detail, name="detail"),
    path("<int:pk>/cpr/", views.candidate_cpr, name="cpr"),
    path("<int:pk>/edit/", views.candidate_edit, name="edit"),
    path("<int:pk>/cv/", views.cv_edit, name="cv_edit"),
    # One name per language: the PDF's language is the address's, not the user's.
    path("<int:pk>/cv-da.pdf", views.cv_pdf, {"language": "da"}, name="cv_pdf_da"),
    path("<int:pk>/cv-en.pdf", views.cv_pdf, {"language": "en"}, name="cv_pdf_en"),
    path(
        "<int:pk>/cv-anonymised-da.pdf",
        views.cv_anonymised_pdf,
        {"language": "da"},
        name="cv_anonymised_pdf_da",
    ),
    path(
        "<int:pk>/cv-anonymised-en.pdf",
        views.cv_anonymised_pdf,
        {"language": "en"},
        name="cv_anonymised_pdf_en",
    ),
]
