"""What the API's OpenAPI description shares: words in Swedish and English, the shape of an
error (:mod:`opendata.errors`) as a component, the parameters of a paginated list, and the
schema's view itself."""

from django.utils.functional import lazy
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers

from .api import Pagination
from .errors import both_languages


def _both(message) -> str:
    found = both_languages(message)
    return found["sv"] if found["sv"] == found["en"] else f"{found['sv']} / {found['en']}"


# "Svenska / English" from a message translated as every other (the data dictionary's
# column descriptions): evaluated when the schema is made, in both languages whatever the
# request's.
bilingual = lazy(_both, str)


class MessageSerializer(serializers.Serializer):
    """Meddelandet på svenska och engelska / The message in Swedish and English"""

    sv = serializers.CharField(help_text="På svenska / In Swedish")
    en = serializers.CharField(help_text="På engelska / In English")


class ErrorBodySerializer(serializers.Serializer):
    """Vad som gick fel / What went wrong"""

    status = serializers.IntegerField(help_text="HTTP-status / The HTTP status", default=400)
    code = serializers.CharField(
        help_text=(
            "Felets kod, stabil / The error's code, stable: not_found, invalid, throttled, "
            "method_not_allowed, not_acceptable"
        )
    )
    message = MessageSerializer(help_text="Vad som gick fel / What went wrong")
    details = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text=(
            "Vid 400: varje parameter som inte kunde läsas och varför / With 400: each "
            "parameter that could not be read, and why"
        ),
    )


class ErrorSerializer(serializers.Serializer):
    """Ett fel: status, kod och meddelande på svenska och engelska / An error: its status,
    code and message in Swedish and English"""

    error = ErrorBodySerializer()


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


PAGE = OpenApiParameter(
    "page",
    int,
    description="Sidans nummer, från 1 / The page's number, from 1",
)
PAGE_SIZE = OpenApiParameter(
    "page_size",
    int,
    description=(
        "Rader per sida: 100 om inget anges, högst 1000 / Rows per page: 100 unless given, "
        "at most 1,000"
    ),
    examples=[OpenApiExample("1000 rader / 1,000 rows", value=1000)],
)
PAGINATION = [PAGE, PAGE_SIZE]


class DescribedPagination(Pagination):
    """The pagination, with its answer described in the OpenAPI description in both
    languages and with our own examples (DRF's name api.example.org/accounts/)."""

    def get_paginated_response_schema(self, schema):
        described = super().get_paginated_response_schema(schema)
        words = {
            "count": ("Antal rader i alla sidor / How many rows in all pages", 8160),
            "next": ("Nästa sida; null på den sista / The next page; null on the last", None),
            "previous": ("Förra sidan; null på den första / The previous page", None),
        }
        for name, (description, example) in words.items():
            described["properties"][name]["description"] = description
            described["properties"][name]["example"] = example
        return described


class SchemaView(SpectacularAPIView):
    """The OpenAPI description, with a plain ASCII file name: drf-spectacular names the file
    after the title ("Årshjul – öppna data"), which a header can only carry MIME-encoded."""

    def _get_filename(self, request, version):
        return "arshjul-openapi.json"
