"""Input problems collected by services and returned to callers in mutation payloads."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    field: str
    code: str
    message: str


class InvalidInput(Exception):
    """Raised by a service, before it writes anything, with every problem it found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def check_country(problems: list[Problem], value: str) -> str:
    """An ISO 3166 alpha-2 code in upper case, or "" when none is given."""
    country = value.strip().upper()
    if country and (len(country) != 2 or not country.isalpha()):
        problems.append(Problem("country", "INVALID", "country is a two-letter ISO code."))
    return country


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
