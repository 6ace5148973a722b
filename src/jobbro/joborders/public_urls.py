from django.urls import path

from . import public

app_name = "postings"
urlpatterns = [
    path("", public.posting_list, name="list"),
    path("feed.json", public.posting_feed, name="feed"),
    path("<slug:key>/", public.posting_detail, name="detail"),
]
