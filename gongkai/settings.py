"""gongkai's one settings module, read from the environment.

Environment:
  GONGKAI_ENV      "development" (default) or "production"
  DATABASE_URL     default sqlite:///var/gongkai.sqlite3; postgres://user@host:port/name
  SECRET_KEY       required in production; generated into var/secret_key in development
  DEBUG            "1"/"true" to turn on (never on unless asked)
  ALLOWED_HOSTS    comma-separated; production requires it
  GONGKAI_BASE_URL the site's public address for links in e-mails (https://xxgk.example.gov.cn)
  GONGKAI_VAR_DIR  where the database, search index and uploads live (default ./var)
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from celery.schedules import crontab as _crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR", Path.cwd() / "var")).resolve()

ENV = os.environ.get("GONGKAI_ENV", "development").strip().lower()
if ENV not in {"development", "production"}:
    raise ImproperlyConfigured(f"GONGKAI_ENV 只能是 development 或 production，而不是 {ENV!r}")
PRODUCTION = ENV == "production"


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} 应为整数，而不是 {value!r}") from None


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "").strip()
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("生产环境必须设置 SECRET_KEY 环境变量 (SECRET_KEY is required)")
    # Development: one key per checkout, kept out of git, stable across restarts.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def _database() -> dict:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}"
    try:
        config = dj_database_url.parse(url, conn_max_age=0 if not PRODUCTION else 60)
    except Exception as exc:  # dj_database_url raises several types for bad URLs
        raise ImproperlyConfigured(f"DATABASE_URL 无法识别: {url!r} ({exc})") from exc
    engine = config.get("ENGINE", "")
    if engine not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL 只支持 sqlite:// 或 postgres://，而不是 {url.split(':', 1)[0]!r}"
        )
    if engine.endswith("sqlite3"):
        # WAL lets the site read while the background worker writes.
        config.setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
        config["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    test_name = os.environ.get("GONGKAI_TEST_DB_NAME")
    if test_name:
        config["TEST"] = {"NAME": test_name}
    return config


def _replicas() -> dict:
    """Read-only aliases replica1, replica2, … from DATABASE_REPLICA_URLS (see lib/replicas.py)."""
    urls = [u.strip() for u in os.environ.get("DATABASE_REPLICA_URLS", "").split(",") if u.strip()]
    replicas = {}
    for n, url in enumerate(urls, start=1):
        try:
            config = dj_database_url.parse(url, conn_max_age=0 if not PRODUCTION else 60)
        except Exception as exc:
            raise ImproperlyConfigured(f"DATABASE_REPLICA_URLS 无法识别: {url!r} ({exc})") from exc
        if config.get("ENGINE") != "django.db.backends.postgresql":
            raise ImproperlyConfigured("只读副本只支持 PostgreSQL（postgres://…）")
        config["TEST"] = {"MIRROR": "default"}
        replicas[f"replica{n}"] = config
    return replicas


SECRET_KEY = _secret_key()
DEBUG = _flag("DEBUG") and not PRODUCTION
DATABASES = {"default": _database(), **_replicas()}
GONGKAI_READ_REPLICAS = [alias for alias in DATABASES if alias != "default"]
# How long someone who has just written reads from the primary instead of a replica.
GONGKAI_READ_YOUR_WRITES_SECONDS = int(os.environ.get("GONGKAI_READ_YOUR_WRITES_SECONDS", "10"))
DATABASE_ROUTERS = ["gongkai.lib.replicas.ReplicaRouter"]

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
if not ALLOWED_HOSTS:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "生产环境必须设置 ALLOWED_HOSTS 环境变量 (ALLOWED_HOSTS is required)"
        )
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Django's own widget templates, for FORM_RENDERER below.
    "django.forms",
    # django-ninja: its swagger-ui assets are served from our static files, not a CDN.
    "ninja",
    # gongkai, lowest layer first
    "gongkai.accounts",
    "gongkai.workdays",
    "gongkai.catalog",
    "gongkai.guides",
    "gongkai.channels",
    "gongkai.applications",
    "gongkai.letters",
    "gongkai.appeals",
    "gongkai.consultations",
    "gongkai.proposals",
    "gongkai.inspection",
    "gongkai.analytics",
    "gongkai.reports",
    "gongkai.portal",
    "gongkai.backups",
    "gongkai.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads: decides whether this request's reads may come from a replica.
    "gongkai.lib.replicas.ReplicaMiddleware",
    "gongkai.lib.middleware.SecurityHeadersMiddleware",
    # Before anything reads the body (CSRF reads the form): an oversized one is never read.
    "gongkai.lib.middleware.RequestSizeLimitMiddleware",
    # Before the session, CSRF and authentication: an anonymous visitor's cached public page
    # skips them (gongkai/portal/page_cache.py).
    "gongkai.portal.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "gongkai.accounts.middleware.InitialPasswordMiddleware",
    "gongkai.accounts.middleware.SessionRefreshMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Before any view reads a parameter: PostgreSQL cannot hold a NUL byte (issue 15).
    "gongkai.lib.inputs.RefuseControlCharactersMiddleware",
    "gongkai.accounts.middleware.RequestContextMiddleware",
    "gongkai.analytics.middleware.VisitCounterMiddleware",
    "gongkai.api.errors.JsonErrorsMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.portal.context_processors.site",
            ],
        },
    },
]

# Widgets are rendered through TEMPLATES, so gongkai/templates/django/forms/ overrides Django's
# (the select boxes' "请选择" instead of "---------"); select boxes themselves are written out in
# Python with the same markup (gongkai/lib/form_renderer.py).
FORM_RENDERER = "gongkai.lib.form_renderer.Renderer"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["gongkai.accounts.backends.LockoutModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "gongkai.accounts.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# How many reverse proxies (nginx, a load balancer) stand in front of gongkai and append the
# client's address to X-Forwarded-For. 0: trust REMOTE_ADDR only (X-Forwarded-For can be forged).
GONGKAI_TRUSTED_PROXIES = _int("GONGKAI_TRUSTED_PROXIES", 0)

# Lockout: this many failures for one username from one address within the window lock that
# username for that address for the window...
GONGKAI_LOGIN_MAX_FAILURES = _int("GONGKAI_LOGIN_MAX_FAILURES", 5)
# ...and this many from anywhere lock the username itself (guessing spread over many addresses).
GONGKAI_LOGIN_MAX_FAILURES_ANYWHERE = _int("GONGKAI_LOGIN_MAX_FAILURES_ANYWHERE", 30)
GONGKAI_LOGIN_LOCKOUT_MINUTES = _int("GONGKAI_LOGIN_LOCKOUT_MINUTES", 15)

# Staff sessions end after two idle hours and when the browser closes. The idle expiry moves
# forward every few minutes of use, not on every request (accounts.SessionRefreshMiddleware).
SESSION_COOKIE_AGE = 2 * 60 * 60
GONGKAI_SESSION_REFRESH_SECONDS = 5 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# One language: Django speaks LANGUAGE_CODE without LocaleMiddleware, which would only weigh each
# request's Accept-Language to choose it again and mark every response "Vary: Accept-Language".
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# 第35条: an applicant with at least this many applications within the period, and this many
# times the office's usual per applicant, is flagged on the case (the clerk decides).
GONGKAI_BULK_PERIOD_DAYS = int(os.environ.get("GONGKAI_BULK_PERIOD_DAYS", "30"))
GONGKAI_BULK_MIN_APPLICATIONS = int(os.environ.get("GONGKAI_BULK_MIN_APPLICATIONS", "10"))
GONGKAI_BULK_FACTOR = float(os.environ.get("GONGKAI_BULK_FACTOR", "5"))
# Applicants' files: outside MEDIA_ROOT, served only through permission-checked views.
GONGKAI_PRIVATE_DIR = Path(os.environ.get("GONGKAI_PRIVATE_DIR", VAR_DIR / "private")).resolve()
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
# The largest request body accepted at all, files included (an application carries at most
# 5 attachments of 10 MB): larger ones get a Chinese 413 page before being read. Keep nginx's
# client_max_body_size at the same value (README).
GONGKAI_MAX_REQUEST_BYTES = _int("GONGKAI_MAX_REQUEST_BYTES", 52 * 1024 * 1024)


def _caches() -> dict:
    """The local-memory cache, or Redis when GONGKAI_CACHE_URL names one (several workers then
    share the request throttles of gongkai.lib.throttle and the portal's cached pages)."""
    url = os.environ.get("GONGKAI_CACHE_URL", "").strip()
    if url.startswith(("redis://", "rediss://")):
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    elif url:
        raise ImproperlyConfigured(f"GONGKAI_CACHE_URL 只支持 redis://，而不是 {url!r}")
    else:
        local = "django.core.cache.backends.locmem.LocMemCache"
        return {
            "default": {"BACKEND": local},
            "throttle": {"BACKEND": local, "LOCATION": "throttle"},
            # Each worker's own copies of public pages (≈ 30 KB each, so ≈ 30 MB at most).
            "pages": {"BACKEND": local, "LOCATION": "pages", "OPTIONS": {"MAX_ENTRIES": 1000}},
        }
    return {
        "default": backend,
        "throttle": {**backend, "KEY_PREFIX": "throttle"},
        "pages": {**backend, "KEY_PREFIX": "pages"},
    }


CACHES = _caches()
# Anonymous visitors' public pages are kept this many seconds (0: off), and dropped at once when
# public content changes (gongkai/portal/page_cache.py, docs/scaling.md).
GONGKAI_PAGE_CACHE_SECONDS = _int("GONGKAI_PAGE_CACHE_SECONDS", 60)

# /apply/: every POST from one client address counts (valid or not), and every application
# filed with one ID number; beyond the limit the answer is a Chinese 429 page.
GONGKAI_APPLY_LIMIT_PER_ADDRESS = _int("GONGKAI_APPLY_LIMIT_PER_ADDRESS", 10)  # per hour
GONGKAI_APPLY_LIMIT_PER_ID = _int("GONGKAI_APPLY_LIMIT_PER_ID", 5)  # per day

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The open cases' counting index carries extra columns (INCLUDE) for PostgreSQL; SQLite builds
# it without them, as intended, and `make run` should not greet a new install with the warning.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
GONGKAI_SEARCH_INDEX_DIR = VAR_DIR / "search-index"
# The public Q&A's own small index (gongkai.consultations.search).
GONGKAI_QA_INDEX_DIR = VAR_DIR / "qa-index"
# Background work on Celery when a broker is set (e.g. redis://127.0.0.1:6379/0); without it
# (the default) changes are applied in the web process and cron runs the commands.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "").strip()
CELERY_TASK_IGNORE_RESULT = True
# Only `report parse DIR` waits for results (one per report file): kept in the broker's Redis.
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", CELERY_BROKER_URL).strip() or None
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_TIMEZONE = "Asia/Shanghai"
# Report parsing (OCR: minutes a file) has a queue of its own, so a batch never holds up mail,
# letters and index changes on the default queue "celery" (README: Background work).
CELERY_TASK_ROUTES = {"reports.parse_report": {"queue": "reports"}}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE = {
    # Catches what the after-commit task missed (a worker restarted) and rebuilds after upgrades.
    "search-apply": {"task": "catalog.search_apply", "schedule": 30.0},
    "remind": {"task": "applications.remind", "schedule": _crontab(hour=8, minute=0)},
    "visits-roll-up": {"task": "analytics.visits_roll_up", "schedule": _crontab(hour=0, minute=5)},
    # Letters whose files are still missing (a render task lost or out of retries).
    "letters-render-missing": {"task": "letters.render_missing", "schedule": 600.0},
}
# Page views are counted in memory and folded into the database this often (seconds); 0 writes
# each view at once (see gongkai/analytics/buffer.py).
GONGKAI_VISIT_BUFFER_SECONDS = float(os.environ.get("GONGKAI_VISIT_BUFFER_SECONDS", "5") or 0)
# `gongkai demo` also loads the demo office's 2008–2018 back catalog (110,757 items, which its
# published 2018 report counts); `gongkai demo --no-archive` leaves it out.
GONGKAI_DEMO_ARCHIVE = True
# tantivy: an index on this machine's disk (one app server); postgres: a RUM-indexed table in
# the database that every app server shares (needs the rum extension, see docs/scaling.md).
GONGKAI_SEARCH_BACKEND = os.environ.get("GONGKAI_SEARCH_BACKEND", "tantivy").strip() or "tantivy"
if GONGKAI_SEARCH_BACKEND not in {"tantivy", "postgres"}:
    raise ImproperlyConfigured(
        f"GONGKAI_SEARCH_BACKEND 只能是 tantivy 或 postgres，而不是 {GONGKAI_SEARCH_BACKEND!r}"
    )

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "gongkai@localhost")
# The site's address as the public reaches it, for every link in an e-mail (a mail has no
# "current site" to be relative to). In production it defaults to https:// and the first host.
GONGKAI_BASE_URL = os.environ.get(
    "GONGKAI_BASE_URL",
    f"https://{ALLOWED_HOSTS[0].lstrip('.')}" if PRODUCTION else "http://127.0.0.1:8000",
).rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"quiet_client_errors": {"()": "gongkai.lib.middleware.QuietClientErrors"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        # A 403 or 404 is a line in the log; only server errors keep their traceback.
        "django.request": {"filters": ["quiet_client_errors"]},
        "django.security": {"filters": ["quiet_client_errors"]},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}

if PRODUCTION:
    # Serves /static/ itself, so a production site needs no separate static-file server.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")
    # Hashed, compressed static files, built by `gongkai collectstatic`.
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    SECURE_SSL_REDIRECT = _flag("SECURE_SSL_REDIRECT", True)
    if GONGKAI_TRUSTED_PROXIES:
        # Only a proxy we trust may tell us the original request was HTTPS.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    X_FRAME_OPTIONS = "DENY"
    SECURE_REFERRER_POLICY = "same-origin"
    CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS if not h.startswith(".")]
