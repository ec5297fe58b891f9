"""What a cycle's lägesbild shows, as plain data (JSON-able): what the pages, the PDF, the
follow-up report and the published record all read.

    {
      "year": 2024,
      "introduction": str,                      # staff's Markdown (render it made safe)
      "published_at": str | None,               # ISO 8601, when published
      "gap_rules": [{"rule", "label", "explanation"}],
      "match_rules": [{"rule", "label", "explanation"}],
      "challenges": [
        {
          "id": 3, "name": "Kompetensförsörjning och matchningsproblematik",
          "indicators": [{"code", "name", "area", "latest", "year", "change_words", "arrow",
                          "desired": true | false | null}],
          "survey_indicators": [{"code", "name", "value", "previous", "previous_year"}],
          "entries": [{"kind", "kind_label", "name", "description", "organisation",
                       "category", "category_label"}],
          "workshop": [{"kind", "kind_label", "name", "description", "organisations": [str]}],
          "gaps": [{"rule", "rule_label", "text"}],
          "matches": [{"rule", "rule_label", "what", "text",
                       "organisations": [{"id", "name", "category",
                                          "contacts": [{"name", "email"}]}]}]
        }
      ]
    }

``contacts`` are personal data: staff's pages show them, public pages and documents never do
(:func:`without_contacts`). The indicators' ``change_words`` and ``arrow`` are the year's
change in words ("↑ ökar, önskad riktning") in the language it was made in.
"""

from django.utils.translation import gettext as _

from working_material.models import Entry

from . import gaps, matches, selectors

KINDS = list(Entry.Kind.values)  # the order entries are shown in, by type
ARROWS = {"up": "↑", "down": "↓", "same": "→", "": ""}


def _indicator(series) -> dict:
    indicator = series.indicator
    return {
        "code": indicator.code,
        "name": indicator.name,
        "area": indicator.area.name,
        "latest": series.latest_words,
        "year": series.latest.year if series.latest else None,
        "change_words": series.trend_words or _("One value so far"),
        "arrow": ARROWS[series.change],
        "desired": series.is_desired,
    }


def _entry(item) -> dict:
    organisation = item.organisations[0]
    return {
        "kind": item.kind,
        "kind_label": item.kind_label,
        "name": item.name,
        "description": item.description,
        "organisation": organisation.name,
        "category": organisation.category,
        "category_label": organisation.category_label,
    }


def _workshop(item) -> dict:
    return {
        "kind": item.kind,
        "kind_label": item.kind_label,
        "name": item.name,
        "description": item.description,
        "organisations": [o.name for o in item.organisations],
    }


def picture(cycle) -> dict:
    """The lägesbild of ``cycle`` as it stands now (a fixed number of queries)."""
    found = cycle.picture if _has_picture(cycle) else None
    survey = selectors.survey_indicators(cycle)
    return {
        "year": cycle.year,
        "introduction": found.introduction if found else "",
        "published_at": None,
        "gap_rules": gaps.rules_in_words(),
        "match_rules": matches.rules_in_words(),
        "challenges": [
            {
                "id": facts.challenge_id,
                "name": facts.name,
                "indicators": [_indicator(s) for s in facts.series],
                "survey_indicators": survey,
                "entries": sorted(
                    (_entry(i) for i in facts.entries),
                    key=lambda e: (
                        KINDS.index(e["kind"]) if e["kind"] in KINDS else 99,
                        e["organisation"],
                    ),
                ),
                "workshop": [_workshop(i) for i in facts.workshop],
                "gaps": gaps.gaps(facts),
                "matches": matches.matches(facts),
            }
            for facts in selectors.facts(cycle)
        ],
    }


def _has_picture(cycle) -> bool:
    from .models import Picture

    try:
        return isinstance(cycle.picture, Picture)
    except Picture.DoesNotExist:
        return False


def current(cycle) -> dict:
    """What the lägesbild of ``cycle`` shows: as published if it is, else as it stands."""
    if _has_picture(cycle) and cycle.picture.snapshot:
        return cycle.picture.snapshot
    return picture(cycle)


def without_contacts(data: dict) -> dict:
    """The lägesbild without the coordinators' names and addresses: for the public."""
    return {
        **data,
        "challenges": [
            {
                **challenge,
                "matches": [
                    {
                        **match,
                        "organisations": [{**o, "contacts": []} for o in match["organisations"]],
                    }
                    for match in challenge["matches"]
                ],
            }
            for challenge in data["challenges"]
        ],
    }


def challenge_of(data: dict, challenge_id: int) -> dict | None:
    return next((c for c in data["challenges"] if c["id"] == challenge_id), None)
