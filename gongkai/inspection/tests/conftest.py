# The catalog's fixtures: an index and media root per test, the vocabularies, items and the
# default review chain walked through.
from gongkai.catalog.tests.conftest import (  # noqa: F401
    category,
    make_item,
    publish,
    search_index,
    topic,
    vocabularies,
)
