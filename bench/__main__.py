"""Run the benchmarks: ``make bench`` (or ``python -m bench [name …]``).

Each module in this folder with a ``run()`` function is a benchmark; it prints its figures.
Benchmarks measure, they do not pass or fail: the figures go in the closing notes of issues.
"""

import importlib
import os
import pkgutil
import sys
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "arshjul.settings")


def main(names: list[str]) -> None:
    import django

    from bench import server

    # This process reads and writes the same database and cache as the server it measures
    # (and signs sessions with the same key), never the developer's own.
    benched = server.environment()
    for name in ["DATABASE_URL", "CACHE_URL", "SECRET_KEY", "ENV_FILE", "EMAIL_URL"]:
        os.environ[name] = benched[name]

    django.setup()
    here = Path(__file__).parent
    modules = sorted(
        m.name
        for m in pkgutil.iter_modules([str(here)])
        if not m.name.startswith("_") and hasattr(importlib.import_module(f"bench.{m.name}"), "run")
    )
    for name in names or modules:
        module = importlib.import_module(f"bench.{name}")
        print(f"== {name}: {(module.__doc__ or '').strip().splitlines()[0]}")
        module.run()


if __name__ == "__main__":
    main(sys.argv[1:])
