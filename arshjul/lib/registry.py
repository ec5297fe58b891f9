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
        self._depends_on: dict[str, tuple[str, ...]] = {}

    def register(self, item: Any = None, *, name: str | None = None, depends_on=()):
        """``registry.register(function)``, or as a decorator: ``@registry.register`` or
        ``@registry.register(name="…")``. ``depends_on`` names the models ("app.Model") what
        the item contributes is read from, for the page cache."""
        if item is None:
            return lambda actual: self.register(actual, name=name, depends_on=depends_on)
        name = name or _name_of(item)
        self._items[name] = item
        self._depends_on[name] = tuple(depends_on)
        return item

    def unregister(self, name: str) -> None:
        self._items.pop(name, None)
        self._depends_on.pop(name, None)

    def dependencies(self) -> list[str]:
        """Every model the registered items read from."""
        return sorted({label for labels in self._depends_on.values() for label in labels})

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
