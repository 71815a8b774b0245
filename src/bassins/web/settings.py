"""Django settings of the bassins platform.

SQLite under `var/` by default; PostgreSQL (or any database) when `DATABASE_URL` says so.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import dj_database_url
from csp import constants as csp_constants

from bassins.config import PROJECT_DIR, VAR_DIR

PACKAGE_DIR = Path(__file__).resolve().parents[1]

DEFAULT_SECRET_KEY = "bassins-local-only-not-secret"  # `bassins serve` refuses it off localhost
SECRET_KEY = os.environ.get("BASSINS_SECRET_KEY", DEFAULT_SECRET_KEY)
DEBUG = os.environ.get("BASSINS_DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("BASSINS_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "bassins.web",
    "bassins.territory",
    "bassins.directory",
    "bassins.offer",
    "bassins.population",
    "bassins.portal",
    "bassins.search",
    "bassins.indicators",
    "bassins.access",
    "bassins.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "bassins.api.middleware.ApiMiddleware",  # /api/: CORS, rate limit, ETag / 304
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "bassins.web.urls"
WSGI_APPLICATION = "bassins.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bassins.portal.context.languages",
            ],
        },
    },
]

SQLITE_PATH = VAR_DIR / "bassins.sqlite3"
# An empty DATABASE_URL counts as unset (SQLite), as `make test` assumes.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{SQLITE_PATH}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Its own test database; BASSINS_TEST_DB lets several checkouts test side by side on one server.
    DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ.get(
        "BASSINS_TEST_DB", "test_bassins"
    )

# What only changes with the data is cached under the data version (bassins.web.cache); an entry
# never goes stale, so the process-local memory cache needs no invalidation between processes.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "bassins",
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": 500},
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("nl", "Nederlands"), ("en", "English")]
USE_I18N = True
# Numbers in templates in the reader's locale (FR 1 234,5 · NL 1.234,5 · EN 1,234.5).
USE_THOUSAND_SEPARATOR = True
TIME_ZONE = "Europe/Brussels"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("BASSINS_LOG_LEVEL", "WARNING")},
}

STATIC_ROOT.mkdir(parents=True, exist_ok=True)
PROJECT_ROOT = PROJECT_DIR

# --- helpdesk: accounts and security (bassins.helpdesk; keep additions inside this block) ---------
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "axes", "bassins.helpdesk"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE += [
    "bassins.helpdesk.middleware.PrivatePagesMiddleware",  # no-store, noindex on helpdesk pages
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out logins
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("BASSINS_AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "helpdesk/locked_out.html"
LOGIN_URL = "helpdesk:login"
LOGIN_REDIRECT_URL = "helpdesk:home"
OTP_TOTP_ISSUER = "bassins helpdesk"
# Session ends after 30 minutes without a request, and at browser close. Its expiry is renewed at
# most once a minute (bassins.helpdesk.middleware.SessionRenewalMiddleware), not written at every
# request: a session idle for 30 minutes less at most 60 seconds has ended.
SESSION_COOKIE_AGE = int(os.environ.get("BASSINS_SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = False
BASSINS_SESSION_RENEW_SECONDS = 60
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1,
    "bassins.helpdesk.middleware.SessionRenewalMiddleware",
)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Secure cookies; BASSINS_INSECURE_COOKIES=1 only for plain-http tests on loopback (bench).
_SECURE = os.environ.get("BASSINS_INSECURE_COOKIES", "0") != "1"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
BASSINS_HELPDESK_RETENTION_MONTHS = int(os.environ.get("BASSINS_HELPDESK_RETENTION_MONTHS", "24"))
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Concurrent writers wait their turn (busy timeout, writes taken at BEGIN) instead of failing
    # with "database is locked"; WAL lets readers go on while one writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# --- end of helpdesk block ----------------------------------------------------------------------

# --- agenda: events, registrations, open-door weeks (bassins.agenda; keep additions here) -------
INSTALLED_APPS += ["bassins.agenda"]
# E-mails (registration confirmations, waiting-list promotions, visit bookings) are written to files
# under var/mail/ unless BASSINS_EMAIL_BACKEND names another backend (the tests use locmem).
EMAIL_BACKEND = os.environ.get(
    "BASSINS_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = Path(os.environ.get("BASSINS_EMAIL_FILE_PATH", str(VAR_DIR / "mail")))
DEFAULT_FROM_EMAIL = os.environ.get("BASSINS_FROM_EMAIL", "agenda@bassins.localhost")
# Personal data of registrations and visit bookings is deleted this many days after the event.
BASSINS_AGENDA_RETENTION_DAYS = int(os.environ.get("BASSINS_AGENDA_RETENTION_DAYS", "30"))
# Base of the links in e-mails sent outside a request (a command); requests use their own host.
BASSINS_SITE_URL = os.environ.get("BASSINS_SITE_URL", "http://127.0.0.1:8000")
# --- end of agenda block ------------------------------------------------------------------------
# --- open API (bassins.api; keep additions inside this block) ------------------------------------
# Requests per window per client address on /api/ (429 with Retry-After past it).
BASSINS_API_RATE_LIMIT = int(os.environ.get("BASSINS_API_RATE_LIMIT", "600"))
BASSINS_API_RATE_WINDOW = int(os.environ.get("BASSINS_API_RATE_WINDOW", "60"))
# Count clients by the first X-Forwarded-For address (only behind a proxy that sets it).
BASSINS_API_TRUST_FORWARDED = os.environ.get("BASSINS_API_TRUST_FORWARDED", "0") == "1"
# --- end of open API block ------------------------------------------------------------------------


# --- bassin sites (bassins.sites; keep additions inside this block) ------------------------------
INSTALLED_APPS += ["csp", "bassins.sites"]
# A bassin's site by host name: host -> bassin code, e.g. {"bassin-nord.brussels": "N"} (JSON in
# BASSINS_SITE_HOSTS); the host's /fr/ is then that bassin's home.
BASSINS_SITE_HOSTS = json.loads(os.environ.get("BASSINS_SITE_HOSTS", "{}") or "{}")
ALLOWED_HOSTS += [host for host in BASSINS_SITE_HOSTS if host not in ALLOWED_HOSTS]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "bassins.sites.hosts.SiteHostMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("bassins.sites.hosts.SiteHostMiddleware") + 1,
    "bassins.sites.csp.SiteCSPMiddleware",
)
# Content Security Policy: everything from this server, nothing inline (no page needs it: scripts
# and styles are files; the maps set styles through the DOM). No nonce: public pages are cached.
# The admin alone allows inline styles (its rich-text editor adds <style> elements):
# bassins.sites.csp.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp_constants.SELF],
        "script-src": [csp_constants.SELF],
        "style-src": [csp_constants.SELF],
        "img-src": [csp_constants.SELF, "data:"],
        "font-src": [csp_constants.SELF],
        "connect-src": [csp_constants.SELF],
        "object-src": [csp_constants.NONE],
        "base-uri": [csp_constants.SELF],
        "form-action": [csp_constants.SELF],
        "frame-ancestors": [csp_constants.NONE],
    }
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("BASSINS_MEDIA_ROOT", str(VAR_DIR / "media")))
# --- end of bassin sites block ------------------------------------------------------------------
