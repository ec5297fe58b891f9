"""How the cycles, the survey's results and the documents read as JSON, and how the OpenAPI
description names each field (Swedish first, then English). The rows come from
:mod:`opendata.cycles`, :mod:`opendata.survey_results` and :mod:`opendata.documents`."""

from django.urls import reverse
from drf_spectacular.utils import (
    PolymorphicProxySerializer,
    extend_schema_field,
    extend_schema_serializer,
)
from rest_framework import serializers

from .cycles import absolute


def text(sv: str, en: str) -> str:
    """A field's description in both languages, as the whole API describes itself."""
    return f"{sv} / {en}"


def _str(**kwargs):
    return serializers.CharField(read_only=True, **kwargs)


# --- Cycles ---------------------------------------------------------------------------------------


class StepSerializer(serializers.Serializer):
    date = serializers.DateField(read_only=True, help_text=text("Dag.", "Day."))
    ends_on = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text=text("Sista dag för en period, annars null.", "A period's last day, else null."),
    )
    kind = _str(
        help_text=text(
            "meeting, deadline, publication eller survey_period.",
            "meeting, deadline, publication or survey_period.",
        )
    )
    label = _str(help_text=text("Stegets slag i ord.", "The kind of step in words."))
    title = _str(help_text=text("Rubrik.", "Title."))
    starts_at = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text=text(
            "Starttid (ISO 8601, svensk tid); null: hela dagen.",
            "Start (ISO 8601, Swedish time); null: all day.",
        ),
    )
    ends_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text=text("Sluttid.", "End.")
    )
    location = _str(help_text=text("Plats, som den publiceras.", "Place, as published."))
    description = _str(help_text=text("Kort beskrivning.", "Short description."))
    url = serializers.SerializerMethodField(
        help_text=text("Den publika sidan, om någon.", "The public page, if any.")
    )

    def get_url(self, step) -> str:
        return absolute(step.url) if step.url else ""


class MeetingSerializer(serializers.Serializer):
    title = serializers.CharField(source="meeting.title", read_only=True)
    slug = serializers.CharField(source="meeting.slug", read_only=True)
    kind = serializers.CharField(
        source="meeting.kind",
        read_only=True,
        help_text=text(
            "work_meeting, direction_meeting eller conference.",
            "work_meeting, direction_meeting or conference.",
        ),
    )
    kind_label = serializers.CharField(source="meeting.get_kind_display", read_only=True)
    summary = serializers.CharField(source="meeting.summary", read_only=True)
    date = serializers.DateField(source="meeting.date", read_only=True)
    starts_at = serializers.SerializerMethodField(
        help_text=text(
            "Starttid (ISO 8601, svensk tid); null: inte bestämd.",
            "Start (ISO 8601, Swedish time); null: not decided.",
        )
    )
    ends_at = serializers.DateTimeField(
        source="meeting.ends_at_datetime", read_only=True, allow_null=True
    )
    venue_name = serializers.CharField(source="meeting.venue_name", read_only=True)
    venue_address = serializers.CharField(source="meeting.venue_address", read_only=True)
    map_url = serializers.CharField(source="meeting.map_url", read_only=True)
    participation = serializers.CharField(
        source="meeting.participation",
        read_only=True,
        help_text=text(
            "coordinators, invitation, open eller undecided.",
            "coordinators, invitation, open or undecided.",
        ),
    )
    participation_label = serializers.CharField(
        source="meeting.get_participation_display", read_only=True
    )
    registration_closes_at = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text=text(
            "Sista anmälan, för möten man anmäler sig till.",
            "The registration deadline, for meetings one registers for.",
        ),
    )
    cancelled = serializers.BooleanField(source="meeting.is_cancelled", read_only=True)
    url = _str()
    calendar_url = _str(help_text=text("Mötet som kalenderfil.", "The meeting as a calendar file."))

    def get_starts_at(self, item) -> str | None:
        meeting = item.meeting
        if not meeting.starts_at:
            return None
        return serializers.DateTimeField().to_representation(meeting.starts_at_datetime)


class CycleSerializer(serializers.Serializer):
    year = serializers.IntegerField(read_only=True)
    name = serializers.CharField(source="cycle.name", read_only=True)
    strategy = serializers.CharField(source="cycle.strategy.name", read_only=True)
    introduction = serializers.CharField(source="cycle.introduction", read_only=True)
    challenges = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text=text("Årets fokusutmaningar.", "The year's focus challenges."),
    )
    url = _str(help_text=text("Årshjulets publika sida.", "The cycle's public page."))
    calendar_url = _str(
        help_text=text("Alla steg som kalenderfil.", "Every step as a calendar file.")
    )
    api_url = serializers.SerializerMethodField()
    steps = StepSerializer(
        many=True,
        read_only=True,
        help_text=text(
            "Stegen som hjulet och tidslinjen visar dem, i datumordning.",
            "The steps as the wheel and timeline show them, in date order.",
        ),
    )
    meetings = MeetingSerializer(many=True, read_only=True)

    def get_api_url(self, item) -> str:
        return absolute(reverse("opendata:cycle-detail", args=[item.year]))


# --- Survey results -------------------------------------------------------------------------------


class ResultRowSerializer(serializers.Serializer):
    year = serializers.IntegerField(read_only=True)
    survey = _str()
    kind = _str(
        help_text=text(
            "answer: ett svarsalternativ; indicator: en indikators andel; responses: "
            "grupper som svarat.",
            "answer: an answer option; indicator: an indicator's share; responses: groups "
            "that answered.",
        )
    )
    section = _str()
    question = _str()
    question_kind = _str()
    indicator = _str(help_text=text("Indikatorns kod, t.ex. ENK-1.", "The indicator's code."))
    option = _str(help_text=text("Svarsalternativets värde.", "The answer option's value."))
    option_label = _str()
    category = _str(
        help_text=text("all eller en organisationskategori.", "all or an organisation category.")
    )
    category_label = _str()
    count = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text=text("Antal grupper; null om undertryckt.", "Groups; null when suppressed."),
    )
    answered = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text=text("Grupper som svarade (nämnaren).", "Groups that answered (denominator)."),
    )
    share = serializers.DecimalField(
        max_digits=5,
        decimal_places=1,
        read_only=True,
        allow_null=True,
        help_text=text("Andel i procent; null om undertryckt.", "Share in per cent."),
    )
    mean = serializers.DecimalField(
        max_digits=4,
        decimal_places=2,
        read_only=True,
        allow_null=True,
        help_text=text("Medelvärde 1–5 (skalfrågor).", "Mean 1–5 (scale questions)."),
    )
    suppressed = serializers.BooleanField(
        read_only=True,
        help_text=text(
            "Färre än tre svar: inget antal, ingen andel.",
            "Fewer than three answers: no count, no share.",
        ),
    )
    preliminary = serializers.BooleanField(read_only=True)
    published_at = serializers.DateTimeField(read_only=True)
    url = _str(help_text=text("Resultatsidan.", "The results page."))


# --- Documents ------------------------------------------------------------------------------------


class SectionSerializer(serializers.Serializer):
    key = _str()
    heading = _str()
    text = _str(help_text=text("Kansliets text i Markdown.", "Staff's text in Markdown."))


class DocumentSerializer(serializers.Serializer):
    kind = _str(
        help_text=text(
            "status_analysis, lagesbild eller followup_report.",
            "status_analysis, lagesbild or followup_report.",
        )
    )
    kind_label = _str()
    year = serializers.IntegerField(read_only=True)
    cycle = _str()
    title = _str()
    stage = _str(
        help_text=text("preliminary, published eller final.", "preliminary, published or final.")
    )
    published_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)
    url = _str(help_text=text("Den publika sidan.", "The public page."))
    pdf_url = _str(help_text=text("Dokumentet som PDF.", "The document as PDF."))
    api_url = serializers.SerializerMethodField()
    sections = SectionSerializer(many=True, read_only=True)

    def get_api_url(self, document) -> str:
        return absolute(document.api_path)


def _int(**kwargs):
    return serializers.IntegerField(read_only=True, **kwargs)


def _many(child):
    return serializers.ListField(child=child, read_only=True)


class YearValueSerializer(serializers.Serializer):
    year = _int()
    value = serializers.DecimalField(max_digits=14, decimal_places=3, read_only=True)


class FigureSerializer(serializers.Serializer):
    code = _str()
    name = _str()
    unit = _str()
    desired_direction = _str(help_text=text("up eller down.", "up or down."))
    target_value = serializers.DecimalField(
        max_digits=14, decimal_places=3, read_only=True, allow_null=True
    )
    target_year = _int(allow_null=True)
    source = _str(help_text=text("Källan i sidans ord.", "The source in the page's words."))
    is_demo = serializers.BooleanField(read_only=True)
    values = YearValueSerializer(
        many=True,
        read_only=True,
        help_text=text("Länets värden per år.", "The county's values by year."),
    )


class AnalysisSectionSerializer(serializers.Serializer):
    heading = _str()
    challenge = _str()
    indicators = FigureSerializer(many=True, read_only=True)


class AnalysisValuesSerializer(serializers.Serializer):
    """A status analysis's values, as its page shows them."""

    values_kept_at = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text=text(
            "En slutlig analys värden är de från denna tid.",
            "A final analysis's values are those of this moment.",
        ),
    )
    sections = AnalysisSectionSerializer(many=True, read_only=True)


class RuleSerializer(serializers.Serializer):
    rule = _str()
    label = _str()
    explanation = _str()


class PictureIndicatorSerializer(serializers.Serializer):
    code = _str()
    name = _str()
    latest = _str()
    year = _int(allow_null=True)
    change_words = _str()
    desired = serializers.BooleanField(read_only=True, allow_null=True)


class SurveyIndicatorSerializer(serializers.Serializer):
    code = _str()
    name = _str()
    value = _str()
    previous = _str()
    previous_year = _int(allow_null=True)


class EntrySerializer(serializers.Serializer):
    kind = _str()
    kind_label = _str()
    name = _str()
    organisation = _str()
    category_label = _str()


class WorkshopItemSerializer(serializers.Serializer):
    kind = _str()
    kind_label = _str()
    name = _str()
    description = _str()
    organisations = _many(serializers.CharField())


class GapSerializer(serializers.Serializer):
    rule = _str()
    rule_label = _str()
    text = _str()


class MatchSerializer(GapSerializer):
    what = _str()
    organisations = _many(serializers.CharField())


class PictureChallengeSerializer(serializers.Serializer):
    id = _int()
    name = _str()
    indicators = PictureIndicatorSerializer(many=True, read_only=True)
    survey_indicators = SurveyIndicatorSerializer(many=True, read_only=True)
    entries = EntrySerializer(many=True, read_only=True)
    workshop_added = WorkshopItemSerializer(many=True, read_only=True)
    gaps = GapSerializer(many=True, read_only=True)
    matches = MatchSerializer(many=True, read_only=True)


class PictureValuesSerializer(serializers.Serializer):
    """A lägesbild as its public pages show it."""

    gap_rules = RuleSerializer(many=True, read_only=True)
    match_rules = RuleSerializer(many=True, read_only=True)
    challenges = PictureChallengeSerializer(many=True, read_only=True)


class EarlierMeetingSerializer(serializers.Serializer):
    year = _int()
    title = _str()
    organisations = _int()
    people = _int()


class CategoryCountSerializer(serializers.Serializer):
    key = _str()
    label = _str()
    organisations = _int()
    people = _int()
    previous_organisations = _int()
    previous_people = _int()


class ParticipationSerializer(serializers.Serializer):
    kind = _str()
    kind_label = _str()
    title = _str()
    date = serializers.DateField(read_only=True)
    organisations = _int()
    people = _int()
    previous = EarlierMeetingSerializer(read_only=True, allow_null=True)
    categories = CategoryCountSerializer(many=True, read_only=True)


class RateSerializer(serializers.Serializer):
    year = _int()
    groups = _int()
    submitted = _int()
    rate = _str()


class ReportSurveyIndicatorSerializer(serializers.Serializer):
    code = _str()
    name = _str()
    value = _str()
    previous = _str()


class ReportSurveySerializer(serializers.Serializer):
    title = _str()
    groups = _int()
    submitted = _int()
    rate = _str()
    previous = RateSerializer(read_only=True, allow_null=True)
    results_public = serializers.BooleanField(read_only=True)
    indicators = ReportSurveyIndicatorSerializer(many=True, read_only=True)


class AreaCountSerializer(serializers.Serializer):
    name = _str()
    indicators = _int()
    with_trend = _int()
    desired = _int()


class IndicatorCountSerializer(serializers.Serializer):
    areas = AreaCountSerializer(many=True, read_only=True)
    indicators = _int()
    with_trend = _int()
    desired = _int()


class ReportChallengeSerializer(serializers.Serializer):
    name = _str()
    gaps = GapSerializer(many=True, read_only=True)
    matches = MatchSerializer(many=True, read_only=True)


class ConferenceSerializer(serializers.Serializer):
    title = _str()
    date = serializers.DateField(read_only=True)
    summary = _str()


class ReportValuesSerializer(serializers.Serializer):
    """A follow-up report's figures, as its page shows them."""

    previous_year = _int(allow_null=True)
    participation = ParticipationSerializer(
        many=True,
        read_only=True,
        help_text=text(
            "Bekräftade deltagare per möte, räknade.",
            "Confirmed participants per meeting, counted.",
        ),
    )
    survey = ReportSurveySerializer(read_only=True, allow_null=True)
    indicators = IndicatorCountSerializer(read_only=True)
    picture = ReportChallengeSerializer(many=True, read_only=True)
    conference = ConferenceSerializer(read_only=True, allow_null=True)


VALUES = {
    "status_analysis": AnalysisValuesSerializer,
    "lagesbild": PictureValuesSerializer,
    "followup_report": ReportValuesSerializer,
}


class DocumentDetailSerializer(DocumentSerializer):
    values = serializers.SerializerMethodField(
        help_text=text(
            "Dokumentets värden som den publika sidan visar dem (formen beror på kind).",
            "The document's values as its public page shows them (the shape depends on kind).",
        ),
    )

    @extend_schema_field(
        PolymorphicProxySerializer(
            component_name="DocumentValues",
            serializers=list(VALUES.values()),
            resource_type_field_name=None,
        )
    )
    def get_values(self, document):
        return VALUES[document.kind](document.values).data


# --- Errors ---------------------------------------------------------------------------------------


# The one shape of every error of the API (opendata.errors), for all its operations
# (opendata.schema.error_responses).
@extend_schema_serializer(component_name="ErrorAnswerMessage")
class MessageSerializer(serializers.Serializer):
    sv = _str()
    en = _str()


@extend_schema_serializer(component_name="ErrorAnswerBody")
class ErrorBodySerializer(serializers.Serializer):
    status = serializers.IntegerField(read_only=True)
    code = _str(help_text=text("Stabil kod, t.ex. not_found.", "A stable code, e.g. not_found."))
    message = MessageSerializer(read_only=True)
    # Not read-only: a read-only field is one every answer has (drf-spectacular).
    details = serializers.DictField(
        required=False,
        help_text=text("Vilken parameter och varför.", "Which parameter and why."),
    )


@extend_schema_serializer(component_name="ErrorAnswer")
class ErrorSerializer(serializers.Serializer):
    """An error, as every error of the API reads (opendata.errors)."""

    error = ErrorBodySerializer(read_only=True)
