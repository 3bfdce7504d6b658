from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views
from sla import views as sla_views

urlpatterns = [
    path("", account_views.home, name="home"),
    path("healthz", sla_views.healthz, name="healthz"),
    path("accounts/", include("accounts.urls")),
    path("", include("orders.urls")),
    path("", include("helpdesk.urls")),
    path("", include("sla.urls")),
    path("admin/", admin.site.urls),
]
