"""What the API's OpenAPI description shares: words in Swedish and English, the errors an
operation may answer (the shape of :mod:`opendata.errors`, one component for the whole API),
and the schema's view itself."""

from django.utils.functional import lazy
from drf_spectacular.utils import OpenApiExample, OpenApiResponse
from drf_spectacular.views import SpectacularAPIView

from .cycle_serializers import ErrorSerializer
from .errors import both_languages


def _both(message) -> str:
    found = both_languages(message)
    return found["sv"] if found["sv"] == found["en"] else f"{found['sv']} / {found['en']}"


# "Svenska / English" from a message translated as every other (the data dictionary's
# column descriptions): evaluated when the schema is made, in both languages whatever the
# request's.
bilingual = lazy(_both, str)


BAD_PARAMETER = OpenApiExample(
    "year_from efter year_to / year_from after year_to",
    value={
        "error": {
            "status": 400,
            "code": "invalid",
            "message": {
                "sv": "Frågan har värden som API:et inte förstår.",
                "en": "The request has values the API does not understand.",
            },
            "details": {"year_from": ["Första året kommer efter det sista (year_to)."]},
        }
    },
    response_only=True,
    status_codes=["400"],
)


def ok(serializer, description: str) -> OpenApiResponse:
    """A 200 answer, described."""
    return OpenApiResponse(serializer, description=description)


def error_responses(*statuses: int) -> dict:
    """The errors an operation may answer, besides the rate limit's 429 which any may."""
    words = {
        400: (
            "En parameter kunde inte läsas eller är okänd (se details) / A parameter could "
            "not be read or is unknown (see details)"
        ),
        404: "Finns inte / Not found",
        429: "För många frågor från adressen; vänta (Retry-After) / Too many requests",
    }
    return {
        status: OpenApiResponse(ErrorSerializer, description=words[status])
        for status in (*statuses, 429)
    }


class SchemaView(SpectacularAPIView):
    """The OpenAPI description, with a plain ASCII file name: drf-spectacular names the file
    after the title ("Årshjul – öppna data"), which a header can only carry MIME-encoded."""

    def _get_filename(self, request, version):
        return "arshjul-openapi.json"
