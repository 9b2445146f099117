"""Settings for the test suite: the real settings with a fast password hasher."""

import os

# Under pytest-xdist (`make test` runs two workers) each worker keeps its own search index,
# uploads and SQLite files: a folder per worker inside the run's GONGKAI_VAR_DIR.
if os.environ.get("PYTEST_XDIST_WORKER") and os.environ.get("GONGKAI_VAR_DIR"):
    os.environ["GONGKAI_VAR_DIR"] = os.path.join(
        os.environ["GONGKAI_VAR_DIR"], os.environ["PYTEST_XDIST_WORKER"]
    )

from gongkai.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Each page view written at once, so a test reads its count right away (buffering has its own
# tests in analytics/tests/test_buffer.py).
GONGKAI_VISIT_BUFFER_SECONDS = 0
# Pages rendered afresh for every request: a test's rows are rolled back without a commit, so
# nothing would invalidate a page another test cached (the cache's own tests turn it on).
GONGKAI_PAGE_CACHE_SECONDS = 0

# A second alias for the read-replica tests (lib/tests/test_replicas.py): a mirror of the
# test database, used only where a test lists it and names it a replica.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["replica1"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
GONGKAI_READ_REPLICAS = []
# The demo's back catalog (110,757 items) only where a test asks for it (the seed report's).
GONGKAI_DEMO_ARCHIVE = False
