"""GraphQL over HTTP: media types, status codes and request errors, as the specification
(https://graphql.github.io/graphql-over-http/) describes them.

- Responses are ``application/graphql-response+json`` when the client names it in
  ``Accept`` (at least as high as ``application/json``), else ``application/json``, also for
  ``*/*`` and for no ``Accept`` at all; a client accepting neither gets 406.
- With ``application/graphql-response+json``, a request error (the document does not parse
  or validate, or a variable cannot be coerced) answers 400 without a ``data`` entry. With
  ``application/json`` it answers 200, as the specification asks for legacy clients.
- POST bodies are ``application/json`` in UTF-8 (415 otherwise); a mutation over GET is 405.
- Each member of a request body has the types the specification gives it (``query`` and
  ``operationName`` strings, ``variables`` and ``extensions`` maps; ``documentId`` a string);
  a member of any other JSON type is a 400 request error that names it.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.datastructures import Headers

from hub.core.errors import NotAcceptable, UnsupportedMediaType

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"


@dataclass(frozen=True)
class _Range:
    media: str
    quality: float
    position: int


def _ranges(accept: str) -> list[_Range]:
    ranges = []
    for position, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media:
            ranges.append(_Range(media.lower(), quality, position))
    return ranges


def _quality(media: str, ranges: list[_Range]) -> float:
    """The quality the client gives ``media``: its most specific matching range decides."""
    kind = media.split("/")[0]
    for pattern in (media, f"{kind}/*", "*/*"):
        matching = [r for r in ranges if r.media == pattern]
        if matching:
            return max(r.quality for r in matching)
    return 0.0


def response_media_type(headers: Headers) -> str:
    """The media type to answer with, or ``NotAcceptable``."""
    accept = headers.get("accept")
    if not accept:
        # The specification's advice for clients that say nothing: the legacy type.
        return JSON
    ranges = _ranges(accept)
    # The new type only when the client names it: a wildcard (curl's */*, say) stands for
    # a client that may not know it, which the specification answers with the legacy type.
    named = max((r.quality for r in ranges if r.media == GRAPHQL_RESPONSE), default=0.0)
    scored = [(named, True, GRAPHQL_RESPONSE), (_quality(JSON, ranges), False, JSON)]
    quality, _, media = max(scored)
    if quality <= 0:
        raise NotAcceptable(
            f"The hub answers {GRAPHQL_RESPONSE} or {JSON}; the Accept header allows neither."
        )
    return media


_JSON_TYPE_NAMES: dict[type, str] = {
    str: "a string",
    bool: "a boolean",
    int: "a number",
    float: "a number",
    list: "an array",
    dict: "an object",
}
# Each member's accepted types; null stands for a member left out, except for ``query``,
# whose absence is refused where a document id does not stand in for it.
_MEMBER_TYPES: dict[str, tuple[type, ...]] = {
    "query": (str,),
    "operationName": (str,),
    "variables": (dict,),
    "extensions": (dict,),
    "documentId": (str,),
}


def json_type_name(value: object) -> str:
    return _JSON_TYPE_NAMES.get(type(value), "null")


def body_member_error(body: dict[str, object]) -> str | None:
    """Why a request body's members are not of their types, or ``None`` when they are."""
    for member, types in _MEMBER_TYPES.items():
        value = body.get(member)
        if value is not None and not isinstance(value, types):
            expected = " or ".join(_JSON_TYPE_NAMES[t] for t in types)
            return f"The member {member} must be {expected}, not {json_type_name(value)}."
    return None


def check_request_media_type(method: str, headers: Headers) -> None:
    if method != "POST":
        return
    media, *params = (part.strip() for part in headers.get("content-type", "").split(";"))
    content_type = media.lower()
    if content_type != JSON:
        raise UnsupportedMediaType(
            f"A GraphQL request is posted as {JSON}"
            + (f", not {content_type}." if content_type else "; the Content-Type is missing.")
        )
    for param in params:
        name, _, value = param.partition("=")
        charset = value.strip().strip('"').lower()
        if name.strip().lower() == "charset" and charset not in {"utf-8", "utf8"}:
            raise UnsupportedMediaType(f"A GraphQL request is encoded in UTF-8, not {charset}.")
