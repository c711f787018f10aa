"""Settings read from ``HUB_*`` environment variables."""

from __future__ import annotations

import base64
import ipaddress
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from hub.core.origins import parse_origins

DEFAULT_SECRET_KEY = "insecure-development-key-change-me"
# 32 bytes, base64: the development master key for encryption at rest, refused in production.
DEFAULT_MASTER_KEY = "ZGV2ZWxvcG1lbnQtb25seS1tYXN0ZXIta2V5LTMyYiE="
DEFAULT_DATABASE_URL = "sqlite://var/hub.sqlite3"
GENERATE_SECRET_KEY = "python -c 'import secrets; print(secrets.token_urlsafe(32))'"
# The checkout the package runs from (an editable install): tenants/ and policies/ live here.
PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Where an installed wheel puts them (pyproject.toml, data-files).
INSTALLED_DATA = Path(sys.prefix) / "share" / "network-engagement-hub"


def shipped(folder: str) -> Path:
    """A folder the project ships (``policies``, ``tenants``): the checkout's own when the
    package runs from one, else the copy installed with the wheel."""
    if (PROJECT_ROOT / "pyproject.toml").is_file():
        return PROJECT_ROOT / folder
    return INSTALLED_DATA / folder


@dataclass(frozen=True)
class OidcSettings:
    issuer: str
    audience: str
    jwks_url: str
    email_claim: str = "email"
    leeway_seconds: int = 60


class TrustedDocumentsMode(StrEnum):
    """Whether a tenant runs any document or only registered (trusted) ones."""

    # Any document runs: development, and tenants whose clients are scripts and explorers.
    OFF = "off"
    # Only documents registered with `hub schema operations register` run, sent by their
    # id or as their full text.
    REQUIRED = "required"


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class OtelExporter(StrEnum):
    NONE = "none"
    CONSOLE = "console"
    OTLP = "otlp"


class LogFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


class ConfigurationError(Exception):
    """The settings cannot run the hub; the message says which setting and why."""


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach: 127.0.0.0/8, ::1 or localhost."""
    name = host.strip().strip("[]").rstrip(".").lower()
    if name == "localhost":
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False  # another host name: it may resolve to any address
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HUB_", extra="ignore")

    environment: Environment = Environment.DEVELOPMENT
    database_url: str = DEFAULT_DATABASE_URL
    secret_key: str = DEFAULT_SECRET_KEY
    master_key: str = DEFAULT_MASTER_KEY
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    otel_exporter: OtelExporter = OtelExporter.NONE
    # JSON lines in production unless set.
    log_format: LogFormat | None = None
    # OpenID Connect: bearer JWTs from an identity provider, when all three are set.
    oidc_issuer: str | None = None
    oidc_audience: str | None = None
    oidc_jwks_url: str | None = None
    oidc_email_claim: str = "email"
    oidc_leeway_seconds: int = Field(default=60, ge=0, le=600)
    # How often a process checks for policy changes made elsewhere; 0 turns it off.
    policy_poll_seconds: float = Field(default=1.0, ge=0)
    policy_model: Path = shipped("policies") / "model.conf"
    # On SIGTERM, how long in-flight requests may take to finish; within the chart's
    # termination grace period (30 s, less 5 s of preStop sleep).
    shutdown_grace_seconds: int = Field(default=20, ge=0)
    # Trusted documents: `off` runs any document, `required` only registered ones. Off in
    # production too unless set, so that turning it on is a deliberate step taken once the
    # front ends' documents are registered; a tenant manifest can override it either way.
    trusted_documents: TrustedDocumentsMode = TrustedDocumentsMode.OFF

    # Bounded waits on PostgreSQL (hub.core.pg_engine): connections per server process, how long
    # a request waits for one (then 503 UNAVAILABLE), and how long one statement may run or
    # wait for a lock (then TIMEOUT); 0 leaves a wait unbounded. A database URL's own
    # `maxsize` wins over the pool size.
    db_pool_size: int = Field(default=10, ge=1, le=1000)
    db_acquire_timeout_seconds: float = Field(default=5.0, ge=0)
    db_statement_timeout_ms: int = Field(default=15_000, ge=0)
    db_lock_timeout_ms: int = Field(default=5_000, ge=0)
    # GraphQL requests in progress per process before more are refused (hub.serving.load_shedding);
    # 0 turns it off.
    max_requests_in_flight: int = Field(default=200, ge=0)

    # Results of read operations kept per process, and the size of their JSON together
    # (either 0 turns the cache off).
    result_cache_entries: int = Field(default=2000, ge=0)
    result_cache_bytes: int = Field(default=64 * 1024 * 1024, ge=0)
    # Answer the read operations it can with one SQL statement per root field that builds
    # their JSON in PostgreSQL (hub.compiled); off, every operation runs its resolvers.
    compiled_reads: bool = True
    # Keep what start-up built out of the garbage collector's full collections (hub.serving.heap).
    freeze_heap: bool = True

    # Protection of the GraphQL endpoints (hub.http_guard). CORS origins are comma-separated
    # scheme://host[:port]; none means no CORS headers at all. A check or limit left unset
    # follows the environment: on in production, off in development. Limits are requests a
    # minute, 0 turning one off; with a Redis URL the server processes share them.
    cors_origins: str = ""
    csrf_check: bool | None = None
    rate_limit_per_token: int | None = Field(default=None, ge=0)
    rate_limit_per_ip: int | None = Field(default=None, ge=0)
    rate_limit_redis_url: str | None = None

    # E-mail notifications: the SMTP server that `hub mail send` delivers them to. Without a
    # host they are kept, queued, until one is set.
    smtp_host: str | None = None
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_from: str = "hub@localhost"
    smtp_starttls: bool = False
    smtp_username: str | None = None
    smtp_password: str | None = None
    mail_max_attempts: int = Field(default=8, ge=1, le=100)
    # Federation: this hub's name. A tenant whose `hub` names another hub is a read-only
    # copy here; a tenant that names none is this hub's own.
    # How often a PostgreSQL hub reads its links for the federation metrics; 0: never.
    federation_poll_seconds: float = Field(default=15.0, ge=0)
    federation_name: str = Field(
        default="global", min_length=1, max_length=63, pattern=r"^[a-z0-9-]+$"
    )

    @property
    def allowed_origins(self) -> frozenset[str]:
        return parse_origins(self.cors_origins)

    @property
    def effective_csrf_check(self) -> bool:
        return self.is_production if self.csrf_check is None else self.csrf_check

    @property
    def effective_rate_limit_per_token(self) -> int:
        if self.rate_limit_per_token is not None:
            return self.rate_limit_per_token
        return 600 if self.is_production else 0

    @property
    def effective_rate_limit_per_ip(self) -> int:
        # Higher than per token: people behind one office's address share it.
        if self.rate_limit_per_ip is not None:
            return self.rate_limit_per_ip
        return 1200 if self.is_production else 0

    @property
    def is_production(self) -> bool:
        return self.environment is Environment.PRODUCTION

    @property
    def effective_log_format(self) -> LogFormat:
        if self.log_format is not None:
            return self.log_format
        return LogFormat.JSON if self.is_production else LogFormat.TEXT

    @property
    def oidc(self) -> OidcSettings | None:
        if not (self.oidc_issuer and self.oidc_audience and self.oidc_jwks_url):
            return None
        return OidcSettings(
            issuer=self.oidc_issuer,
            audience=self.oidc_audience,
            jwks_url=self.oidc_jwks_url,
            email_claim=self.oidc_email_claim,
            leeway_seconds=self.oidc_leeway_seconds,
        )

    @property
    def master_key_bytes(self) -> bytes:
        try:
            key = base64.b64decode(self.master_key, validate=True)
        except ValueError as exc:
            raise ValueError("HUB_MASTER_KEY must be base64") from exc
        if len(key) != 32:
            raise ValueError("HUB_MASTER_KEY must decode to 32 bytes")
        return key

    def check(self) -> None:
        """Refuse settings that would be unsafe to serve with."""
        oidc = (self.oidc_issuer, self.oidc_audience, self.oidc_jwks_url)
        if any(oidc) and not all(oidc):
            raise ConfigurationError(
                "OpenID Connect needs HUB_OIDC_ISSUER, HUB_OIDC_AUDIENCE and HUB_OIDC_JWKS_URL"
            )
        if self.is_production and self.secret_key == DEFAULT_SECRET_KEY:
            raise ConfigurationError(
                "HUB_SECRET_KEY is the development default; set a secret key to run in production"
            )
        if self.is_production and self.master_key == DEFAULT_MASTER_KEY:
            raise ConfigurationError(
                "HUB_MASTER_KEY is the development default; set 32 random bytes, base64-encoded"
            )
        try:
            self.master_key_bytes  # noqa: B018 - decoding is the check
        except ValueError as exc:
            raise ConfigurationError(str(exc)) from exc
        try:
            parse_origins(self.cors_origins)
        except ValueError as exc:
            raise ConfigurationError(f"HUB_CORS_ORIGINS: {exc}") from exc
        if len(self.secret_key) < 16:
            raise ConfigurationError("HUB_SECRET_KEY must be at least 16 characters long")
        self.check_bind(self.host)

    def check_bind(self, host: str) -> None:
        """Refuse to listen beyond this machine under the published development key.

        Anyone who knows that key can sign a token for any user, and the development
        GraphiQL page hands a coordinator's token to whoever opens it: only the machine's
        own users may reach a hub that runs with it, in development too.
        """
        if self.secret_key == DEFAULT_SECRET_KEY and not is_loopback(host):
            raise ConfigurationError(
                f"refusing to serve on {host or 'every address'} with the published default "
                "HUB_SECRET_KEY: whoever reaches the port could sign a token for any user. "
                f"Set HUB_SECRET_KEY=<secret> (e.g. from `{GENERATE_SECRET_KEY}`), or bind a "
                "loopback address (127.0.0.1, ::1, localhost)"
            )
