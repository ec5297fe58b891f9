"""The site's addresses and one more whose view fails, holding what a visitor sent, for the
error reports' tests."""

from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from arshjul.urls import urlpatterns as site


class Broken(RuntimeError):
    pass


@csrf_exempt  # posted by a plain HTTP client
def broken_view(request):
    email = request.POST.get("email", "")
    answer = request.POST.get("comment", "")
    link = request.get_full_path()
    words = f"{answer} from {email}"  # a name the denylist does not know, holding both
    raise Broken(f"Could not save the answer of {email} ({len(words)} characters, {link})")


urlpatterns = [path("gar-sonder/", broken_view), *site]
