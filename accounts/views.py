from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from accounts.access import sellers_of
from accounts.forms import EmailAuthenticationForm


def home(request: HttpRequest) -> HttpResponse:
    """Visitors get the welcome page; after logging in, platform staff land in the support
    console, people who work for a seller in its inbox, everyone else on their orders."""
    if not request.user.is_authenticated:
        return render(request, "home.html")
    if request.user.is_staff:
        return redirect("admin:index")
    if sellers_of(request.user).exists():
        return redirect("helpdesk:inbox")
    return redirect("orders:my_orders")


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


@require_POST
def language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; a logged-in user keeps it as their preference
    (e-mails to them use it too)."""
    response = set_language(request)
    code = request.POST.get("language", "")
    if request.user.is_authenticated and code in dict(settings.LANGUAGES):
        request.user.preferred_language = code
        request.user.save(update_fields=["preferred_language"])
    return response
