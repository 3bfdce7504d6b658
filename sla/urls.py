from django.urls import path

from sla import views

app_name = "sla"

urlpatterns = [
    path("seller/performance/", views.seller_performance, name="performance"),
    path(
        "seller/sanctions/<int:sanction_id>/appeal/",
        views.sanction_appeal_view,
        name="sanction_appeal",
    ),
    path("sellers/<slug:slug>/", views.seller_profile, name="seller_profile"),
]
