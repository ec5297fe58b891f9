"""A registry of what apps contribute to a shared page or process: steps on the wheel, tasks
on an organisation's page, parts of the cycle pages, sweeps, kinds of PDF, demo data.

Apps register in ``AppConfig.ready()``; the core reads the registry and never imports the
app. (Hooks that react to something saved are Django signals instead.)
"""

from collections.abc import Callable, Iterator
from typing import Any


class Registry:
    """Named contributions in the order they were registered. Registering the same name
    again replaces it (a reloaded app does not register twice)."""

    def __init__(self, what: str):
        self.what = what
        self._items: dict[str, Any] = {}

    def register(self, item: Any = None, *, name: str | None = None):
        """``registry.register(function)``, or as a decorator: ``@registry.register`` or
        ``@registry.register(name="…")``."""
        if item is None:
            return lambda actual: self.register(actual, name=name)
        self._items[name or _name_of(item)] = item
        return item

    def unregister(self, name: str) -> None:
        self._items.pop(name, None)

    def get(self, name: str) -> Any:
        try:
            return self._items[name]
        except KeyError:
            raise KeyError(f"No {self.what} named {name!r}") from None

    def names(self) -> list[str]:
        return list(self._items)

    def __iter__(self) -> Iterator[Any]:
        return iter(list(self._items.values()))

    def __contains__(self, name: str) -> bool:
        return name in self._items


def _name_of(item: Callable) -> str:
    return f"{getattr(item, '__module__', '')}.{getattr(item, '__qualname__', repr(item))}"
