from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.access import access_seller_workspace
from orders.access import access_order
from orders.forms import SellerOrderFilterForm
from orders.http import ViewerRequest
from orders.models import Order

PAGE_SIZE = 20


@require_GET
@login_required
def my_orders(request: ViewerRequest) -> HttpResponse:
    orders = Order.objects.filter(buyer=request.user).select_related("seller", "market")
    page = Paginator(orders, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "orders/my_orders.html", {"page": page})


@require_GET
@login_required
def order_detail(request: ViewerRequest, number: str) -> HttpResponse:
    access = access_order(request.user, number)
    order = access.order
    return render(
        request,
        "orders/order_detail.html",
        {
            "order": order,
            "role": access.role,
            "lines": list(order.lines.all()),
            "shipments": list(order.shipments.all()),
            "threads": list(order.threads.order_by("-last_activity_at", "-id")),
        },
    )


@require_GET
@login_required
def seller_orders(request: ViewerRequest) -> HttpResponse:
    sellers = access_seller_workspace(request.user)
    form = SellerOrderFilterForm(request.GET or None, sellers=sellers)
    orders = Order.objects.filter(seller__in=sellers).select_related("buyer", "market", "seller")
    orders = form.filter(orders)
    page = Paginator(orders, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    template = "orders/seller_orders.html"
    if request.htmx and not request.htmx.boosted:
        template += "#order-list"
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "sellers": sellers,
            "query": query.urlencode(),
        },
    )
