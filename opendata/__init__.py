"""The open data: the strategy's indicators, the published results and the cycle, read by
machines — a read-only JSON API (``/api/v1/``, described by OpenAPI), bulk files (CSV and
XLSX with a data dictionary) and a DCAT-AP-SE catalogue that Sveriges dataportal harvests.

It stands beside ``pages``: it reads the apps' public selectors and shows what their public
pages show, never more. Nothing personal leaves through it — no name, e-mail address,
organisation's contact or a person's free text (tests/opendata/test_nothing_personal.py).
"""
