"""Running the `gongkai` command in a child process, as an operator would."""

import os
import subprocess
import sys

# Variables of the test run that must not leak into the child's configuration.
_ISOLATED = {"DATABASE_URL", "GONGKAI_ENV", "DJANGO_ALLOW_ASYNC_UNSAFE", "PYTEST_XDIST_WORKER"}


def run_gongkai(*args: str, **env: str) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k not in _ISOLATED}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "gongkai", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
    )
