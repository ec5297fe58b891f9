import pytest

# The helpers' asserts say what differed when they fail, as a test's do (pytest rewrites the
# asserts of test modules and conftest files only, unless told).
pytest.register_assert_rewrite(
    "tests.helpers",
    "tests.html",
    "tests.confirming",
    "tests.indicators.helpers",
    "tests.site.helpers",
    "tests.site.walker",
    "tests.survey.helpers",
    "tests.working_material.helpers",
)
