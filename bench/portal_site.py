"""Settings for bench_portal's gunicorn: the real site plus a bare view to compare against."""

from gongkai.settings import *  # noqa: F403

ROOT_URLCONF = "portal_urls"
