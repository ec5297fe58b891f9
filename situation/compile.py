"""What a cycle's lägesbild shows, as plain data (JSON-able): what the pages, the PDF, the
follow-up report and the published record all read.

PLACEHOLDER until the lägesbild is built: the format below is the contract; only the
challenges are filled in.

    {
      "year": 2024,
      "challenges": [
        {
          "id": 3, "name": "Kompetensförsörjning och matchningsproblematik",
          "indicators": [{"code", "name", "area", "latest", "change_words", "arrow",
                          "desired": true | false | null}],
          "survey_indicators": [{"name", "value", "previous"}],
          "entries": [{"kind", "kind_label", "name", "organisation", "category"}],
          "workshop": [{"kind", "kind_label", "name", "description", "organisations": [str]}],
          "gaps": [{"rule", "rule_label", "text"}],
          "matches": [{"rule", "rule_label", "what", "text",
                       "organisations": [{"name", "contacts": [{"name", "email"}]}]}]
        }
      ]
    }
"""

from arshjul.models import CycleChallenge


def picture(cycle) -> dict:
    """The lägesbild of ``cycle`` as it stands now."""
    challenges = (
        CycleChallenge.objects.filter(cycle=cycle)
        .select_related("challenge")
        .order_by("position", "pk")
    )
    return {
        "year": cycle.year,
        "challenges": [
            {
                "id": c.challenge_id,
                "name": c.challenge.name,
                "indicators": [],
                "survey_indicators": [],
                "entries": [],
                "workshop": [],
                "gaps": [],
                "matches": [],
            }
            for c in challenges
        ],
    }


def current(cycle) -> dict:
    """What the lägesbild of ``cycle`` shows: as published if it is, else as it stands."""
    published = getattr(cycle, "picture", None)  # no row: None
    if published is not None and published.snapshot:
        return published.snapshot
    return picture(cycle)
