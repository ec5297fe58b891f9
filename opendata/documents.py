"""The published documents as open data — each cycle's status analysis, lägesbild and
follow-up report — with their text (staff's Markdown, as published) and their values as
their public pages show them, and nothing more.

- The status analysis a cycle's page shows (:func:`indicators.selectors.analysis_published`:
  the final one once published, else the preliminary one); a final one's values as it keeps
  them (:func:`indicators.selectors.kept_values`).
- The lägesbild as published (its snapshot, without the coordinators to contact, as
  :func:`situation.compile.without_contacts` gives the public page), and of it only what its
  public page shows: the organisations' entries by name (not their descriptions), what the
  workshop added, the gaps and the matches with the organisations' names.
- The follow-up report once published (:func:`followup.selectors.report_published`): its
  snapshot once final, else as compiled now — of the lägesbild only the gaps and matches its
  page shows.

The list (``/api/v1/documents/``) and the dataset "dokument" read :func:`documents_published`
(documents and their text, a fixed number of queries); one document's values are read by
:func:`document_values`.
"""

from dataclasses import dataclass, field, replace

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from followup import selectors as followup_selectors
from followup.models import Report
from indicators import selectors as indicator_selectors
from indicators.models import AnalysisSection, StatusAnalysis
from situation.compile import without_contacts
from situation.models import Picture

from .cycles import absolute
from .moments import earliest, next_moment

ANALYSIS, PICTURE, REPORT = "status_analysis", "lagesbild", "followup_report"
KINDS = [ANALYSIS, PICTURE, REPORT]

DEPENDS_ON = sorted(
    {
        "arshjul.Cycle",
        "arshjul.Challenge",
        "indicators.Area",
        "indicators.Goal",
        "indicators.Geography",
        "indicators.Indicator",
        "indicators.IndicatorValue",
        "indicators.StatusAnalysis",
        "indicators.AnalysisSection",
        "situation.Picture",
        *followup_selectors.DEPENDS_ON,
    }
)


@dataclass(frozen=True)
class Section:
    """A part of a document's text: its heading ("" for an introduction) and staff's
    Markdown as published."""

    key: str
    heading: str
    text: str


@dataclass(frozen=True)
class Document:
    kind: str
    year: int
    cycle: str
    title: str
    stage: str  # the analysis's "preliminary" or "final"; a report's "published" or "final"
    published_at: object
    updated_at: object
    url: str
    pdf_url: str
    sections: list[Section] = field(default_factory=list)
    source: object = None  # the row it is made from
    values: dict | None = None  # one document's values (document_values), when read

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind]())

    @property
    def api_path(self) -> str:
        return reverse("opendata:document-detail", args=[self.year, self.kind])


KIND_LABELS = {
    ANALYSIS: lambda: _("Status analysis"),
    PICTURE: lambda: _("Lägesbild"),
    REPORT: lambda: _("Follow-up report"),
}


def documents_published(*, year: int | None = None, kind: str | None = None) -> list[Document]:
    """Every published document (or one year's, one kind's), newest cycle first, each
    cycle's in the order of the year: analysis, lägesbild, report (five queries)."""
    found = []
    if kind in (None, ANALYSIS):
        found += _analyses(year)
    if kind in (None, PICTURE):
        found += _pictures(year)
    if kind in (None, REPORT):
        found += _reports(year)
    return sorted(found, key=lambda d: (-d.year, KINDS.index(d.kind)))


def document_get(*, year: int, kind: str) -> Document | None:
    return next(iter(documents_published(year=year, kind=kind)), None)


def _in_year(queryset, year):
    return queryset if year is None else queryset.filter(cycle__year=year)


def _analyses(year) -> list[Document]:
    analyses = _in_year(
        StatusAnalysis.objects.filter(
            cycle__status="published", published_at__lte=timezone.now()
        ).select_related("cycle"),
        year,
    ).order_by("cycle__year", "stage")  # "final" before "preliminary", as the page picks
    shown = {}
    for analysis in analyses:
        shown.setdefault(analysis.cycle_id, analysis)
    sections = AnalysisSection.objects.filter(analysis__in=shown.values()).order_by(
        "position", "pk"
    )
    by_analysis = {}
    for section in sections:
        by_analysis.setdefault(section.analysis_id, []).append(section)
    return [_analysis(a, by_analysis.get(a.pk, [])) for a in shown.values()]


def _analysis(analysis: StatusAnalysis, sections) -> Document:
    year = analysis.cycle.year
    text = [Section("introduction", "", analysis.introduction)]
    text += [Section(f"section-{s.pk}", s.title, s.text) for s in sections]
    text += [
        Section("summary", _("Summary"), analysis.summary),
        Section("recommendations", _("Recommendations"), analysis.recommendations),
    ]
    return Document(
        kind=ANALYSIS,
        year=year,
        cycle=analysis.cycle.name,
        title=analysis.title,
        stage=analysis.stage,
        published_at=analysis.published_at,
        updated_at=analysis.changed_at or analysis.published_at,
        url=absolute(reverse("indicators:analysis", args=[year])),
        pdf_url=absolute(reverse("indicators:analysis-pdf", args=[year])),
        sections=[s for s in text if s.text.strip()],
        source=analysis,
    )


def _pictures(year) -> list[Document]:
    pictures = _in_year(
        Picture.objects.filter(cycle__status="published", published_at__isnull=False)
        .exclude(snapshot=None)
        .select_related("cycle"),
        year,
    )
    return [_picture(p) for p in pictures]


def _picture(picture: Picture) -> Document:
    year = picture.cycle.year
    introduction = picture.snapshot.get("introduction", "")
    return Document(
        kind=PICTURE,
        year=year,
        cycle=picture.cycle.name,
        title=_("Lägesbild %(year)s") % {"year": year},
        stage="final",
        published_at=picture.published_at,
        updated_at=picture.published_at,
        url=absolute(reverse("situation:index", args=[year])),
        pdf_url=absolute(reverse("situation:pdf", args=[year])),
        sections=[Section("introduction", "", introduction)] if introduction.strip() else [],
        source=picture,
    )


def _reports(year) -> list[Document]:
    reports = _in_year(
        Report.objects.filter(
            cycle__status="published", published_at__lte=timezone.now()
        ).select_related("cycle"),
        year,
    )
    return [_report(r) for r in reports]


def _report(report: Report) -> Document:
    year = report.cycle.year
    # A final report's words are its record's; a published one's are staff's as they stand.
    kept = report.snapshot if report.is_final and report.snapshot else {}
    conclusions = kept.get("conclusions", report.conclusions)
    next_steps = kept.get("next_steps", report.next_steps)
    text = [
        Section("conclusions", _("The direction meeting's conclusions"), conclusions),
        Section("next_steps", _("What comes next"), next_steps),
    ]
    return Document(
        kind=REPORT,
        year=year,
        cycle=report.cycle.name,
        title=str(report),
        stage="final" if report.is_final else "published",
        published_at=report.published_at,
        updated_at=report.final_at or report.published_at,
        url=absolute(reverse("followup:report", args=[year])),
        pdf_url=absolute(reverse("followup:report-pdf", args=[year])),
        sections=[s for s in text if s.text.strip()],
        source=report,
    )


# --- One document's values, as its page shows them ---------------------------------------------


def document_with_values(document: Document) -> Document:
    """The document with its values as its page shows them."""
    return replace(document, values=document_values(document))


def document_values(document: Document) -> dict:
    return {
        ANALYSIS: _analysis_values,
        PICTURE: _picture_values,
        REPORT: _report_values,
    }[document.kind](document.source)


def _analysis_values(analysis: StatusAnalysis) -> dict:
    """Per section, its indicators with the county's values over the years (a final
    analysis's as it keeps them), the source in the page's words, and the target."""
    sections = indicator_selectors.analysis_sections(analysis)
    kept = indicator_selectors.kept_values(analysis)
    return {
        "values_kept_at": analysis.snapshot_at if kept else None,
        "sections": [
            {
                "heading": section.title,
                "challenge": section.challenge.name if section.challenge else "",
                "indicators": [_figure(figure.series) for figure in section.figures],
            }
            for section in sections
        ],
    }


def _figure(series) -> dict:
    indicator = series.indicator
    return {
        "code": indicator.code,
        "name": indicator.name,
        "unit": indicator.unit,
        "desired_direction": indicator.direction,
        "target_value": indicator.target_value,
        "target_year": indicator.target_year,
        "source": series.source_words,
        "is_demo": series.is_demo,
        "values": [{"year": v.year, "value": v.value} for v in series.county],
    }


def _rules(rules) -> list[dict]:
    return [{k: str(rule[k]) for k in ("rule", "label", "explanation")} for rule in rules]


def picture_public(data: dict) -> dict:
    """Of a lägesbild's data (:mod:`situation.compile`), what its public pages show."""
    data = without_contacts(data)
    return {
        "gap_rules": _rules(data.get("gap_rules", [])),
        "match_rules": _rules(data.get("match_rules", [])),
        "challenges": [
            {
                "id": challenge["id"],
                "name": challenge["name"],
                "indicators": [
                    {k: item.get(k) for k in ("code", "name", "latest", "year", "change_words")}
                    | {"desired": item.get("desired")}
                    for item in challenge["indicators"]
                ],
                "survey_indicators": [
                    {k: item.get(k) for k in ("code", "name", "value", "previous", "previous_year")}
                    for item in challenge["survey_indicators"]
                ],
                # The organisations' entries by name: their descriptions, contacts and
                # participants are on staff's pages only.
                "entries": [
                    {
                        k: item.get(k, "")
                        for k in ("kind", "kind_label", "name", "organisation", "category_label")
                    }
                    for item in challenge["entries"]
                ],
                "workshop_added": [
                    {
                        k: item.get(k, "")
                        for k in ("kind", "kind_label", "name", "description", "organisations")
                    }
                    for item in challenge["workshop"]
                    if item["kind"] not in {"gap", "idea"}
                ],
                "gaps": [_gap(gap) for gap in challenge["gaps"]],
                "matches": [_match(match) for match in challenge["matches"]],
            }
            for challenge in data["challenges"]
        ],
    }


def _gap(gap: dict) -> dict:
    return {k: gap.get(k, "") for k in ("rule", "rule_label", "text")}


def _match(match: dict) -> dict:
    return {
        **{k: match.get(k, "") for k in ("rule", "rule_label", "what", "text")},
        "organisations": [o["name"] for o in match["organisations"]],
    }


def _picture_values(picture: Picture) -> dict:
    return picture_public(picture.snapshot)


def _report_values(report: Report) -> dict:
    """What the report's page shows besides staff's text: who took part (counted), the
    survey, the indicators by area, and of the lägesbild the gaps and matches."""
    content = followup_selectors.report_content(report)
    picture = without_contacts(content["picture"])
    return {
        "previous_year": content.get("previous_year"),
        "participation": content["participation"],
        "survey": content["survey"],
        "indicators": content["indicators"],
        "picture": [
            {
                "name": challenge["name"],
                "gaps": [_gap(gap) for gap in challenge["gaps"]],
                "matches": [_match(match) for match in challenge["matches"]],
            }
            for challenge in picture["challenges"]
        ],
        "conference": content.get("conference"),
    }


def next_change():
    """When a document published from a later moment appears (or a final analysis takes the
    preliminary one's place)."""
    return earliest(
        next_moment(StatusAnalysis.objects.filter(cycle__status="published"), "published_at"),
        next_moment(Report.objects.filter(cycle__status="published"), "published_at"),
    )
