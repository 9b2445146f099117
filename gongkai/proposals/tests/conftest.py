from gongkai.applications.tests.conftest import today  # noqa: F401  (the fixed clock)
