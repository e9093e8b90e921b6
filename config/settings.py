"""Schakel settings, read from the environment (django-environ).

Development defaults are safe and need no services: SQLite and a filesystem Celery
broker. Production sets DEBUG=false, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and
REDIS_URL; `manage.py check --deploy` is then clean.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env(
    "SECRET_KEY",
    default="dev-only-insecure-key-change-me" if DEBUG else environ.Env.NOTSET,
)
# Without DEBUG a missing, short or published key is refused (Trust II finding 11): it
# signs sessions and password links. Same rule as Django's security.W009, plus the
# placeholder keys this repository itself has shipped.
_PUBLISHED_KEYS = {"change-me-in-dot-env", "dev-only-insecure-key-change-me", "build-only"}
if not DEBUG and (
    len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
    or SECRET_KEY.startswith("django-insecure-")
    or SECRET_KEY in _PUBLISHED_KEYS
):
    raise ImproperlyConfigured(
        "SECRET_KEY is te zwak voor DEBUG=false: gebruik minstens 50 willekeurige tekens, "
        "bijvoorbeeld python3 -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "guardian",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "lib",
    "accounts",
    "organisations",
    "privacy",
    "cases",
    "triage",
    "escalation",
    "reports",
    "meetings",
    "notifications",
    "documents",
    "workplace",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
    "beheer",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "privacy.middleware.NoStoreMiddleware",
    "accounts.middleware.SessionIdleTimeoutMiddleware",
    "accounts.middleware.Require2FAMiddleware",
    "organisations.middleware.ActiveMembershipMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Our own 404 page also with DEBUG on (config/not_found.py).
    "config.not_found.DebugNotFoundMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
                "organisations.context_processors.membership",
                "accounts.context_processors.security",
                "notifications.context_processors.reminders",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
# A kept connection the database dropped (restart) is replaced, not a failed request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the Celery worker write while runserver reads during `make run`.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:  # one memory cache per process, unless CACHE_URL names a shared one (make run)
    CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username+IP before the password is checked.
    "accounts.backends.AxesLockoutBackend",
    # Loads the user with membership and organisation in the session query.
    "organisations.backends.MembershipBackend",
    "guardian.backends.ObjectPermissionBackend",
    # Single sign-on (OpenID Connect); does nothing unless OIDC_RP_CLIENT_ID is set.
    "accounts.oidc.SSOBackend",
]
# Guardian's anonymous user would be one more user to keep out of every grant.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
DATE_FORMAT = "d-m-Y"
DATETIME_FORMAT = "d-m-Y H:i"
SHORT_DATE_FORMAT = "d-m-Y"
DATE_INPUT_FORMATS = ["%d-%m-%Y", "%Y-%m-%d"]
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env("MEDIA_ROOT", default=str(VAR_DIR / "documents"))
DOCUMENTS_MAX_BYTES = env.int("DOCUMENTS_MAX_BYTES", default=20 * 1024 * 1024)
_FILES = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
_STATIC = "django.contrib.staticfiles.storage.StaticFilesStorage"
STORAGES = {
    "default": _FILES,
    "documents": env.json("DOCUMENTS_STORAGE", default=_FILES),
    "staticfiles": {
        "BACKEND": _STATIC if DEBUG else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Sessions and cookies: health and justice data, so short-lived and locked down.
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=15 * 60)
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS
# The idle-timeout warning (static/js/session-timeout.js) shows this long before logout.
SESSION_WARNING_SECONDS = min(120, SESSION_IDLE_SECONDS // 2)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Health probes from the load balancer and docker compose use plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp 4): no inline script or style anywhere; the only
# scripts are our own static files, htmx's tag carries the per-request nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

# REST API (api/): personal tokens and identity-provider access tokens as bearer tokens
# (api/authentication.py), session auth with CSRF for the docs page, JSON only, a rate
# limit per token, errors as problem+json. No CORS headers are sent.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.PersonalTokenAuthentication",
        "api.authentication.OIDCAccessTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api_token": env("API_RATE_LIMIT", default="600/minute")},
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.problems.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Schakel API",
    "VERSION": "1",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from the sidecar package's static files: no CDN, within the CSP.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {"ActionStatusEnum": "escalation.models.ActionStatus"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.postprocess",
    ],
}

# Login lockout (django-axes): 5 failed passwords for one username from one IP address
# lock that combination for 15 minutes, so one office behind one address is not locked
# out by one colleague, and a guessed username cannot lock its owner out from elsewhere.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout"
# Behind a reverse proxy every request comes from the proxy's address. Set
# TRUSTED_PROXY_COUNT to the number of proxies in front of gunicorn that append to
# X-Forwarded-For (1 for one nginx or load balancer); the client address is then read
# from that header (lib/client_ip.py). Leave 0 without a proxy: clients can forge it.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "lib.client_ip.client_ip"

# Two-factor authentication (django-otp): TOTP app plus single-use backup codes.
OTP_TOTP_ISSUER = "Schakel"
# How long a one-time link (password and/or 2FA enrolment, accounts/links.py) works.
ACCOUNT_LINK_HOURS = env.int("ACCOUNT_LINK_HOURS", default=72)

# Single sign-on with OpenID Connect, on when OIDC_RP_CLIENT_ID is set: accounts/oidc.py
# and README "Single sign-on". Endpoints not set here come from the issuer's discovery.
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_ISSUER = env("OIDC_OP_ISSUER", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_IDP_SIGN_KEY = env("OIDC_RP_IDP_SIGN_KEY", default="")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", default="openid email profile")
# A login never creates an account: the claim is matched to an existing user's field.
OIDC_USERNAME_CLAIM = env("OIDC_USERNAME_CLAIM", default="email")
OIDC_USERNAME_FIELD = env("OIDC_USERNAME_FIELD", default="email")  # or "username"
OIDC_REQUIRED_GROUP = env("OIDC_REQUIRED_GROUP", default="")
OIDC_GROUPS_CLAIM = env("OIDC_GROUPS_CLAIM", default="groups")
# `amr` values (RFC 8176, plus ADFS' URI) and `acr` values that mean "second factor done".
_MFA_AMR = "mfa,otp,hwk,sc,http://schemas.microsoft.com/claims/multipleauthn"
OIDC_MFA_AMR = env.list("OIDC_MFA_AMR", default=_MFA_AMR.split(","))
OIDC_MFA_ACR = env.list("OIDC_MFA_ACR", default=[])
OIDC_PROVIDER_NAME = env("OIDC_PROVIDER_NAME", default="uw organisatieaccount")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT", default=10)
OIDC_STATE_MAX_AGE = env.int("OIDC_STATE_MAX_AGE", default=600)
# The audience of access tokens for the API (the API's id at the provider); empty: off.
OIDC_API_AUDIENCE = env("OIDC_API_AUDIENCE", default="")
LOCAL_LOGIN_ENABLED = env.bool("LOCAL_LOGIN_ENABLED", default=True)

EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Schakel <noreply@schakel.invalid>")
# Where e-mails (reminders) link to.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# Celery. Without REDIS_URL the broker is kombu's filesystem transport: no server
# needed, and unlike memory:// it works between runserver and a separate worker.
CELERY_BROKER_DIR = Path(env("CELERY_BROKER_DIR", default=str(VAR_DIR / "celery-broker")))
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR),
        "data_folder_out": str(CELERY_BROKER_DIR),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        # Fanout (worker remote control) would otherwise land in ./control.
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
    }
    # kombu's filesystem transport does not create its folders; both the web process
    # (publishing) and the worker (consuming) need them.
    for _folder in ("processed", "control"):
        (CELERY_BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# A static schedule: beat's tick (its heartbeat, config.celery) and the outbox retry each
# minute; the reminder scan (reminders are database rows) each quarter of an hour;
# privacy's retention nightly and the expiry of break-the-glass grants hourly.
BEAT_TICK_SECONDS = 60.0
QUARTER = crontab(minute="*/15")
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "beat-tick": {"task": "config.beat_tick", "schedule": BEAT_TICK_SECONDS},
    "drain-outbox": {"task": "lib.tasks.drain_outbox", "schedule": BEAT_TICK_SECONDS},
    "send-reminders": {"task": "escalation.tasks.send_reminders_task", "schedule": QUARTER},
    # Daily notification overviews at each user's hour (and immediate e-mails whose
    # task was lost); idempotent, so the quarter-hour rhythm only bounds the delay.
    "send-notification-digests": {
        "task": "notifications.tasks.send_notification_digests",
        "schedule": QUARTER,
    },
    "privacy-retention-daily": {
        "task": "privacy.tasks.retention_daily",
        "schedule": crontab(hour=3, minute=15),
    },
    "privacy-expire-break-glass": {"task": "privacy.tasks.expire_break_glass", "schedule": 3600.0},
}

# Domain settings. A new region starts with these two (organisations.services.region_create).
RETENTION_YEARS = env.int("RETENTION_YEARS", default=2)
STALLED_WITHOUT_TRIAGE_DAYS = env.int("STALLED_WITHOUT_TRIAGE_DAYS", default=90)  # issue 19
REQUIRE_2FA = env.bool("REQUIRE_2FA", default=not DEBUG)
REGION_NAME = env("REGION_NAME", default="Regio Midden")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs every layout step at INFO; its warnings (refused URLs) stay.
        "weasyprint.progress": {"level": "WARNING"},
        # Axes announces itself at INFO in every management command; lockouts are warnings.
        "axes": {"level": env("AXES_LOG_LEVEL", default="WARNING")},
    },
}
