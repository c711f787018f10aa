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


HTTP_STATUS = {
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.BAD_USER_INPUT: 400,
    ErrorCode.LIMIT_EXCEEDED: 400,
    ErrorCode.INTERNAL: 500,
    ErrorCode.UNAVAILABLE: 503,
}


class HubError(Exception):
    """An error whose message is safe to show to the caller."""

    code: ErrorCode = ErrorCode.INTERNAL

    def __init__(self, message: str, **extensions: Any) -> None:
        super().__init__(message)
        self.message = message
        self.extensions = extensions

    @property
    def http_status(self) -> int:
        return HTTP_STATUS[self.code]


class Unauthenticated(HubError):
    code = ErrorCode.UNAUTHENTICATED


class Forbidden(HubError):
    code = ErrorCode.FORBIDDEN


class NotFound(HubError):
    code = ErrorCode.NOT_FOUND


class BadUserInput(HubError):
    code = ErrorCode.BAD_USER_INPUT


class Unavailable(HubError):
    """A dependency (the database) cannot be reached; retrying later may succeed."""

    code = ErrorCode.UNAVAILABLE


def error_body(error: HubError) -> dict[str, Any]:
    """A GraphQL response carrying one error, for failures before execution starts."""
    return {
        "errors": [
            {"message": error.message, "extensions": {"code": str(error.code), **error.extensions}}
        ]
    }
