"""Input problems collected by services and returned to callers in mutation payloads."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlsplit

from hub.core.currencies import ISO_4217


@dataclass(frozen=True, slots=True)
class Problem:
    field: str
    code: str
    message: str
    # For DUPLICATE: the record the input repeats, as (node type, id).
    existing: tuple[str, str] | None = None


class InvalidInput(Exception):
    """Raised by a service, before it writes anything, with every problem it found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def raise_if_any(problems: list[Problem]) -> None:
    """InvalidInput with ``problems`` when the checks found any: a service checks all of
    its input first, so that the caller hears of every problem at once."""
    if problems:
        raise InvalidInput(problems)


def check_country(problems: list[Problem], value: str) -> str:
    """An ISO 3166 alpha-2 code in upper case, or "" when none is given."""
    country = value.strip().upper()
    if country and (len(country) != 2 or not country.isalpha()):
        problems.append(Problem("country", "INVALID", "country is a two-letter ISO code."))
    return country


def check_number(problems: list[Problem], number: int | None) -> None:
    """A place in a numbered series (a working session, a thematic area): 1 to 99; None
    (not given) passes."""
    if number is not None and not 1 <= number <= 99:
        problems.append(Problem("number", "OUT_OF_RANGE", "number is between 1 and 99."))


def check_text(
    problems: list[Problem],
    field: str,
    value: str | None,
    *,
    max_length: int,
    required: bool = False,
    allow_blank: bool = True,
) -> str | None:
    """Strip ``value`` and record a problem when it is missing, blank or too long."""
    if value is None:
        if required:
            problems.append(Problem(field, "REQUIRED", f"{field} is required."))
        return None
    value = value.strip()
    if not value and not allow_blank:
        problems.append(Problem(field, "REQUIRED", f"{field} must not be blank."))
    elif len(value) > max_length:
        problems.append(
            Problem(field, "TOO_LONG", f"{field} must be at most {max_length} characters.")
        )
    return value


def check_currency(problems: list[Problem], field: str, value: str) -> str:
    """An ISO 4217 code in upper case."""
    code = value.strip().upper()
    if code not in ISO_4217:
        problems.append(Problem(field, "INVALID", f"{field} is not an ISO 4217 currency code."))
    return code


# Enough for any budget in any currency, and what the columns hold (18 digits, 2 places).
MAX_AMOUNT = Decimal("9999999999999999.99")


def check_amount(problems: list[Problem], field: str, value: Decimal) -> Decimal:
    """A positive amount with at most two decimal places."""
    if not value.is_finite() or value <= 0:
        problems.append(Problem(field, "NOT_POSITIVE", f"{field} must be more than zero."))
    elif value > MAX_AMOUNT:
        problems.append(Problem(field, "TOO_LARGE", f"{field} must be at most {MAX_AMOUNT}."))
    elif value != value.quantize(Decimal("0.01")):
        problems.append(Problem(field, "TOO_PRECISE", f"{field} has at most two decimal places."))
    return value


def check_url(problems: list[Problem], field: str, value: str | None) -> str | None:
    """An absolute http(s) URL, or "" to clear it."""
    if value is None:
        return None
    url = value.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 2000:
        problems.append(Problem(field, "INVALID", f"{field} must be an http(s) URL."))
    return url


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")


def check_email(problems: list[Problem], field: str, value: str | None) -> str | None:
    """An email address in lower case, "" to clear it, None when not given."""
    if value is None:
        return None
    email = value.strip().lower()
    if email and (len(email) > 254 or not _EMAIL.match(email)):
        problems.append(Problem(field, "INVALID", f"{field} is not an email address."))
    return email
