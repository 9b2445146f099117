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


SECRET_KEY = _secret_key()
DEBUG = _flag("DEBUG") and not PRODUCTION
DATABASES = {"default": _database()}

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
    # gongkai, lowest layer first
    "gongkai.accounts",
    "gongkai.workdays",
    "gongkai.catalog",
    "gongkai.guides",
    "gongkai.channels",
    "gongkai.applications",
    "gongkai.appeals",
    "gongkai.consultations",
    "gongkai.proposals",
    "gongkai.inspection",
    "gongkai.analytics",
    "gongkai.reports",
    "gongkai.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gongkai.accounts.middleware.RequestContextMiddleware",
    "gongkai.analytics.middleware.VisitCounterMiddleware",
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

# Staff sessions end after two idle hours and when the browser closes.
SESSION_COOKIE_AGE = 2 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
GONGKAI_SEARCH_INDEX_DIR = VAR_DIR / "search-index"
# The public Q&A's own small index (gongkai.consultations.search).
GONGKAI_QA_INDEX_DIR = VAR_DIR / "qa-index"

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
    "handlers": {"console": {"class": "logging.StreamHandler"}},
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
