"""The API's cycles, published survey results and published documents (under /api/v1/):
what the public pages show, read by machines. The rows come from :mod:`opendata.cycles`,
:mod:`opendata.survey_results` and :mod:`opendata.documents` — the same the datasets' files
are made from."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, serializers

from arshjul.lib.page_cache import valid_until

from . import cycles, documents, survey_results
from .api import PublicData
from .cycle_serializers import (
    CycleSerializer,
    DocumentDetailSerializer,
    DocumentSerializer,
    ErrorSerializer,
    ResultRowSerializer,
    text,
)
from .parameters import Query, Year


class NoQuery(Query):
    """A view that takes no parameter besides the page."""


class YearQuery(Query):
    year = Year(help_text=text("Bara detta år.", "Only this year."))


class SurveyResultQuery(YearQuery):
    kind = serializers.ChoiceField(
        choices=survey_results.KINDS,
        required=False,
        help_text=text("Bara denna sorts rader.", "Only rows of this kind."),
    )


class DocumentQuery(YearQuery):
    kind = serializers.ChoiceField(
        choices=documents.KINDS,
        required=False,
        help_text=text("Bara denna sorts dokument.", "Only documents of this kind."),
    )


class Declared:
    """A view's query parameters are declared (``query``, opendata.parameters.Query): an
    unknown, blank or wrong one is a 400 that says which and why, never a page of its own in
    the cache."""

    query = NoQuery
    paged = True

    def parameters(self) -> dict:
        return self.query.read(self.request, paginated=self.paged)

    def next_change(self):
        return None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            valid_until(response, self.next_change())
        return response


def not_published() -> exceptions.NotFound:
    """A 404 for a year (or kind) with nothing published."""
    error = exceptions.NotFound()
    error.open_data_message = _("Nothing of this is published for that year.")
    return error


def _answers(serializer) -> dict:
    """What a view answers: its rows, or an error (a wrong parameter; a page or a year
    without; too many requests from the address)."""
    return {200: serializer, **dict.fromkeys([400, 404, 429], ErrorSerializer)}


def _year_parameter():
    """A year as the addresses take it: four digits, no leading zero."""
    return OpenApiParameter(
        "year",
        {"type": "integer", "minimum": 1000, "maximum": 9999},
        OpenApiParameter.PATH,
        description=text("Årshjulets år, t.ex. 2027.", "The cycle's year, e.g. 2027."),
        examples=[OpenApiExample("2027", value=2027)],
    )


# --- Cycles --------------------------------------------------------------------------------------


class CycleList(PublicData, Declared, generics.ListAPIView):
    depends_on = cycles.DEPENDS_ON
    serializer_class = CycleSerializer

    def get_queryset(self):
        self.parameters()
        return cycles.cycles_published()

    def next_change(self):
        return cycles.next_change()

    @extend_schema(
        summary="Årshjulen / The cycles",
        description=text(
            "De publicerade årshjulen, nyast först, med stegen som hjulet och tidslinjen "
            "visar dem och de publicerade mötena. Inga deltagare, inga kontaktpersoner.",
            "The published cycles, newest first, with their steps as the wheel and timeline "
            "show them and their published meetings. No participants, no contact persons.",
        ),
        responses=_answers(CycleSerializer(many=True)),
        tags=["Årshjul / Cycles"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class CycleDetail(PublicData, Declared, generics.RetrieveAPIView):
    depends_on = cycles.DEPENDS_ON
    serializer_class = CycleSerializer
    paged = False

    def get_object(self):
        self.parameters()
        found = cycles.cycles_published(year=self.kwargs["year"])
        if not found:
            raise not_published()
        return found[0]

    def next_change(self):
        return cycles.next_change()

    @extend_schema(
        summary="Ett årshjul / One cycle",
        description=text(
            "Årets publicerade årshjul med steg och möten; 404 för ett år utan.",
            "The year's published cycle with its steps and meetings; 404 for a year without.",
        ),
        parameters=[_year_parameter()],
        responses=_answers(CycleSerializer),
        tags=["Årshjul / Cycles"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


# --- Survey results ----------------------------------------------------------------------------


class SurveyResultList(PublicData, Declared, generics.ListAPIView):
    depends_on = survey_results.DEPENDS_ON
    serializer_class = ResultRowSerializer
    query = SurveyResultQuery

    def get_queryset(self):
        return survey_results.result_rows(**self.parameters())

    def next_change(self):
        return survey_results.next_change()

    @extend_schema(
        summary="Ledningsenkätens resultat / The leadership survey's results",
        description=text(
            "De publicerade resultaten som resultatsidan visar dem: per fråga och "
            "svarsalternativ, enkätens indikatorer totalt och per organisationskategori, och "
            "hur många grupper som svarat. Färre än tre svar undertrycks (suppressed: inget "
            "antal, ingen andel). Aldrig fritextsvar.",
            "The published results as the results page shows them: per question and answer "
            "option, the survey's indicators in all and by organisation category, and how "
            "many groups answered. Fewer than three answers are suppressed (no count, no "
            "share). Never free-text answers.",
        ),
        parameters=[SurveyResultQuery],
        responses=_answers(ResultRowSerializer(many=True)),
        tags=["Ledningsenkäten / The leadership survey"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


# --- Documents ----------------------------------------------------------------------------------


class DocumentList(PublicData, Declared, generics.ListAPIView):
    depends_on = documents.DEPENDS_ON
    serializer_class = DocumentSerializer
    query = DocumentQuery

    def get_queryset(self):
        return documents.documents_published(**self.parameters())

    def next_change(self):
        return documents.next_change()

    @extend_schema(
        summary="Publicerade dokument / Published documents",
        description=text(
            "Nulägesanalyser, lägesbilder och uppföljningsrapporter som de publicerats: "
            "titel, år, publiceringsdag, sidan, PDF:en och texten i Markdown. Värdena finns "
            "under varje dokuments api_url.",
            "Status analyses, lägesbilder and follow-up reports as published: title, year, "
            "publication date, the page, the PDF and the text in Markdown. The values are "
            "under each document's api_url.",
        ),
        parameters=[DocumentQuery],
        responses=_answers(DocumentSerializer(many=True)),
        tags=["Dokument / Documents"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class DocumentDetail(PublicData, Declared, generics.RetrieveAPIView):
    depends_on = documents.DEPENDS_ON
    serializer_class = DocumentDetailSerializer
    paged = False

    def get_object(self):
        self.parameters()
        found = documents.document_get(year=self.kwargs["year"], kind=self.kwargs["kind"])
        if found is None:
            raise not_published()
        return documents.document_with_values(found)

    def next_change(self):
        return documents.next_change()

    @extend_schema(
        summary="Ett dokument / One document",
        description=text(
            "Ett publicerat dokument med text och värden som dess sida visar dem; 404 om "
            "året inte har något sådant.",
            "A published document with its text and values as its page shows them; 404 when "
            "the year has none.",
        ),
        parameters=[
            _year_parameter(),
            OpenApiParameter("kind", OpenApiTypes.STR, OpenApiParameter.PATH, enum=documents.KINDS),
        ],
        responses=_answers(DocumentDetailSerializer),
        tags=["Dokument / Documents"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


urlpatterns = [
    path("cycles/", CycleList.as_view(), name="cycle-list"),
    path("cycles/<year:year>/", CycleDetail.as_view(), name="cycle-detail"),
    path("survey-results/", SurveyResultList.as_view(), name="survey-result-list"),
    path("documents/", DocumentList.as_view(), name="document-list"),
    path("documents/<year:year>/<str:kind>/", DocumentDetail.as_view(), name="document-detail"),
]
