from django.urls import path

from bassins.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("index.json", views.home_json, name="home-json"),
    path("territories/<slug:layer>.geojson", views.layer_geojson, name="layer-geojson"),
]
