from urllib.parse import urlencode

from django.contrib.auth import views as auth_views
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.urls import include, path
from oauth2_provider import views as oauth_views
from oauth2_provider.models import Application


class AuthorizationView(oauth_views.AuthorizationView):
    """django-oauth-toolkit's, answering a silent check (prompt=none) from someone not signed
    in here with error=login_required, as OpenID Connect Core 3.1.2.6 says (the toolkit would
    show its login page)."""

    def dispatch(self, request, *args, **kwargs):
        silent = "none" in request.GET.get("prompt", "").split()
        if silent and not request.user.is_authenticated:
            app = Application.objects.filter(client_id=request.GET.get("client_id")).first()
            back = request.GET.get("redirect_uri", "")
            if app is None or not app.redirect_uri_allowed(back):
                return HttpResponseBadRequest()
            query = {"error": "login_required", "state": request.GET.get("state", "")}
            return HttpResponseRedirect(f"{back}?{urlencode(query)}")
        return super().dispatch(request, *args, **kwargs)


urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("o/authorize/", AuthorizationView.as_view()),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
]
