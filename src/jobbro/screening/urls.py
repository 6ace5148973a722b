from django.urls import path

from . import views

# Under /job-orders/, where these pages have always been.
app_name = "screening"
urlpatterns = [
    path("<int:pk>/for-company/", views.company_sheet, name="company_sheet"),
    path("screening/", views.checklists, name="checklists"),
    path(
        "referrals/<int:pk>/cv-anonymised-da.pdf",
        views.referral_cv_pdf,
        {"language": "da"},
        name="cv_anonymised_pdf_da",
    ),
    path(
        "referrals/<int:pk>/cv-anonymised-en.pdf",
        views.referral_cv_pdf,
        {"language": "en"},
        name="cv_anonymised_pdf_en",
    ),
]
