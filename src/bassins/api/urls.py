from django.urls import path

from bassins.api import views
from bassins.api.api import api

urlpatterns = [
    path("docs/", views.docs, name="api-docs"),
    path("", api.urls),
]
