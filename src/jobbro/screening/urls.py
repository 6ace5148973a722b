from django.urls import path

from . import views

# Under /job-orders/, where these pages have always been.
app_name = "screening"
urlpatterns = [
    path("<int:pk>/for-company/", views.company_sheet, name="company_sheet"),
    path("screening/", views.checklists, name="checklists"),
]
