from django.urls import path

from bassins.helpdesk import api, views

app_name = "helpdesk"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.logout, name="logout"),
    path("verify/", views.verify, name="verify"),
    path("setup/", views.setup, name="setup"),
    path("cases/", views.case_list, name="cases"),
    path("cases/new/", views.case_edit, name="case-new"),
    path("cases/<uuid:uid>/", views.case_detail, name="case"),
    path("cases/<uuid:uid>/edit/", views.case_edit, name="case-edit"),
    path("cases/export.<slug:fmt>", views.case_export, name="case-export"),
    path("statistics/", views.statistics_page, name="statistics"),
    path("statistics/export.<slug:fmt>", views.statistics_export, name="statistics-export"),
    path("audit/", views.audit_page, name="audit"),
    path("api/cases/", api.cases, name="api-cases"),
    path("api/cases/<uuid:uid>/", api.case, name="api-case"),
    path("api/terms/", api.terms, name="api-terms"),
    path("api/services/", api.service_search, name="api-services"),
    path("api/statistics/", api.statistics_json, name="api-statistics"),
]
