"""The API's query parameters, read strictly: a view names the parameters it takes (a small
DRF serializer, :class:`Query`), and a request with a value it cannot read — a year "abc",
``year_from`` after ``year_to``, a code nobody has — or with a parameter it does not know is
answered 400, with ``details`` naming each parameter and what is wrong with it.

Why an unknown parameter is an error rather than ignored: ``?year_form=2015`` (a typo) would
otherwise answer every year without a word; and the shared page cache keys answers by the
query, so a parameter that changed nothing would still be a page of its own to make and to
keep (``?n=1``, ``?n=2``, …). Errors are never kept.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

# The shared pagination (opendata.api.Pagination) reads and checks these; a list view
# takes them too.
PAGE_PARAMETERS = ("page", "page_size")


CODE_LENGTH = 40


def is_code(text: str) -> bool:
    """Could ``text`` be a code at all? One line, short, no control character: PostgreSQL
    refuses a NUL in a query, and nothing longer names anything (asked of addresses too)."""
    return 0 < len(text) <= CODE_LENGTH and all(ord(c) >= 32 and c != "\x7f" for c in text)


class CodeList(serializers.Field):
    """Codes, comma-separated (``?indicator=N00914,ENK-1``) or the parameter repeated
    (``?indicator=N00914&indicator=ENK-1``): a list of unique codes, in the order given."""

    default_error_messages = {
        "empty": _("Give at least one code."),
        "invalid": _("A code is a short line of letters, digits and signs."),
        "too_many": _("Give at most %(limit)s codes."),
    }
    LIMIT = 200

    def get_value(self, dictionary):
        if self.field_name not in dictionary:
            return serializers.empty
        if hasattr(dictionary, "getlist"):
            return ",".join(dictionary.getlist(self.field_name))
        return dictionary[self.field_name]

    def to_internal_value(self, data):
        codes = list(dict.fromkeys(c.strip() for c in str(data).split(",") if c.strip()))
        if not codes:
            self.fail("empty")
        if not all(is_code(code) for code in codes):
            self.fail("invalid")
        if len(codes) > self.LIMIT:
            self.fail("too_many", limit=self.LIMIT)
        return codes

    def to_representation(self, value):
        return ",".join(value)


class Year(serializers.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(min_value=1000, max_value=9999, required=False, **kwargs)


class Query(serializers.Serializer):
    """The parameters a view takes, validated; ``paginated`` views take ``page`` and
    ``page_size`` as well (checked by the shared pagination, opendata.api.Pagination)."""

    paginated = True

    default_error_messages = {
        "unknown": _("This API does not know the parameter. It takes: %(known)s."),
        "blank": _("Give a value, or leave the parameter out."),
    }

    def to_internal_value(self, data):
        known = [*self.fields, *(PAGE_PARAMETERS if self.paginated else ())]
        unknown = sorted(set(data) - set(known))
        if unknown:
            known = ", ".join(known) or "–"
            message = self.error_messages["unknown"] % {"known": known}
            raise serializers.ValidationError({name: [message] for name in unknown})
        # DRF reads "?area=" as no area at all: an answer to a question nobody asked.
        getlist = getattr(data, "getlist", lambda name: [data[name]])
        blank = sorted(name for name in data if not any(v.strip() for v in getlist(name)))
        if blank:
            message = self.error_messages["blank"]
            raise serializers.ValidationError({name: [message] for name in blank})
        return super().to_internal_value(data)

    @classmethod
    def read(cls, request, *, paginated: bool | None = None) -> dict:
        """The request's parameters, validated (a ValidationError — 400 — otherwise)."""
        query = cls(data=request.query_params)
        if paginated is not None:
            query.paginated = paginated
        query.is_valid(raise_exception=True)
        return query.validated_data


class NoParameters(Query):
    """A view that takes no parameter at all (one object, an unpaginated list)."""

    paginated = False


class ValidatedQuery:
    """A mixin for the API's views: ``self.query``, the request's parameters as
    ``query_class`` reads them, before the view does anything else."""

    query_class: type[Query] = NoParameters

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method in {"GET", "HEAD"}:
            self.query = self.query_class.read(request)
