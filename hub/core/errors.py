"""Errors that reach callers with a stable ``extensions.code``."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    BAD_USER_INPUT = "BAD_USER_INPUT"
    LIMIT_EXCEEDED = "LIMIT_EXCEEDED"
    INTERNAL = "INTERNAL"
    UNAVAILABLE = "UNAVAILABLE"
    # The HTTP request itself is wrong: not JSON, no query, a mutation over GET, a media
    # type the hub does not speak.
    BAD_REQUEST = "BAD_REQUEST"
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
    NOT_ACCEPTABLE = "NOT_ACCEPTABLE"
    UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"
    # Trusted documents: no registered document has that id in this tenant; the document
    # sent is not registered and the tenant runs registered documents only.
    PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
    UNTRUSTED_DOCUMENT = "UNTRUSTED_DOCUMENT"
    RATE_LIMITED = "RATE_LIMITED"
    # A statement ran, or waited for a lock, longer than the server allows.
    TIMEOUT = "TIMEOUT"
    # A write to a record this hub holds a copy of: another hub owns its tenant.
    READ_ONLY_COPY = "READ_ONLY_COPY"


HTTP_STATUS = {
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.BAD_USER_INPUT: 400,
    ErrorCode.LIMIT_EXCEEDED: 400,
    ErrorCode.INTERNAL: 500,
    ErrorCode.UNAVAILABLE: 503,
    ErrorCode.BAD_REQUEST: 400,
    ErrorCode.METHOD_NOT_ALLOWED: 405,
    ErrorCode.NOT_ACCEPTABLE: 406,
    ErrorCode.UNSUPPORTED_MEDIA_TYPE: 415,
    ErrorCode.PERSISTED_QUERY_NOT_FOUND: 400,
    ErrorCode.UNTRUSTED_DOCUMENT: 403,
    ErrorCode.RATE_LIMITED: 429,
    ErrorCode.TIMEOUT: 503,
    ErrorCode.READ_ONLY_COPY: 403,
}


class HubError(Exception):
    """An error whose message is safe to show to the caller.

    A kind of error is declared by its code alone, e.g.
    ``class NotFound(HubError, code=ErrorCode.NOT_FOUND): ...``; its HTTP status follows
    from the code unless ``http_status=`` says otherwise.
    """

    code: ErrorCode = ErrorCode.INTERNAL
    _http_status: int | None = None

    def __init_subclass__(
        cls, *, code: ErrorCode | None = None, http_status: int | None = None, **kwargs: Any
    ) -> None:
        super().__init_subclass__(**kwargs)
        if code is not None:
            cls.code = code
        if http_status is not None:
            cls._http_status = http_status

    def __init__(self, message: str, **extensions: Any) -> None:
        super().__init__(message)
        self.message = message
        self.extensions = extensions

    @property
    def http_status(self) -> int:
        return self._http_status or HTTP_STATUS[self.code]


class Unauthenticated(HubError, code=ErrorCode.UNAUTHENTICATED): ...


class Forbidden(HubError, code=ErrorCode.FORBIDDEN): ...


class NotFound(HubError, code=ErrorCode.NOT_FOUND): ...


class BadUserInput(HubError, code=ErrorCode.BAD_USER_INPUT): ...


class Timeout(HubError, code=ErrorCode.TIMEOUT):
    """PostgreSQL stopped a statement at one of the server's bounds; retrying may succeed."""


class Unavailable(HubError, code=ErrorCode.UNAVAILABLE):
    """A dependency (the database) cannot be reached; retrying later may succeed."""


# Too large a body is a limit exceeded, with the status HTTP has for it.
class BodyTooLarge(HubError, code=ErrorCode.LIMIT_EXCEEDED, http_status=413): ...


class BadRequest(HubError, code=ErrorCode.BAD_REQUEST): ...


class MethodNotAllowed(HubError, code=ErrorCode.METHOD_NOT_ALLOWED): ...


class NotAcceptable(HubError, code=ErrorCode.NOT_ACCEPTABLE): ...


class UnsupportedMediaType(HubError, code=ErrorCode.UNSUPPORTED_MEDIA_TYPE): ...


class PersistedQueryNotFound(HubError, code=ErrorCode.PERSISTED_QUERY_NOT_FOUND): ...


class UntrustedDocument(HubError, code=ErrorCode.UNTRUSTED_DOCUMENT): ...


class RateLimited(HubError, code=ErrorCode.RATE_LIMITED): ...


def error_body(error: HubError) -> dict[str, Any]:
    """A GraphQL response carrying one error, for failures before execution starts."""
    return {
        "errors": [
            {"message": error.message, "extensions": {"code": str(error.code), **error.extensions}}
        ]
    }
