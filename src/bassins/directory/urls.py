from django.urls import path

from bassins.directory import views

app_name = "directory"
urlpatterns = [
    path("quality/", views.quality_page, name="quality"),
    path("quality.csv", views.quality_csv, name="quality_csv"),
]
