from django.urls import path

from orders import views

app_name = "orders"

urlpatterns = [
    path("orders/", views.my_orders, name="my_orders"),
    path("orders/<str:number>/", views.order_detail, name="detail"),
    path("seller/orders/", views.seller_orders, name="seller_orders"),
]
