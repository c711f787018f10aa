"""The names a rule may use, and what to say about a name that is none of them.

A typo in a rule is not an error to Casbin: ``work_steam`` or ``national_team_membr`` just
never matches, so the rule silently does nothing. Every way into the policy checks names
here and answers an unknown one with the known ones, closest first.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from hub.access.resources import Action, Resource
from hub.core.classification import Classification
from hub.core.validation import Problem

ANY = "*"
ROLE_PREFIX = "role:"
ORGANISATION_PREFIX = "org:"
ROLE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
TENANT_PATH = re.compile(r"^(/[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")
# Tenant trees can be large: past this many, the closest are named and the rest counted.
LISTED_AT_MOST = 12

ACTIONS = frozenset(str(a) for a in Action)
RESOURCES = frozenset(str(r) for r in Resource)
CLASSIFICATIONS = frozenset(str(c) for c in Classification)

UNKNOWN = "UNKNOWN"
INVALID = "INVALID"


def closest_first(value: str, known: Iterable[str]) -> list[str]:
    """``known``, the names most like ``value`` first, then the rest in order."""
    names = sorted(set(known))
    close = difflib.get_close_matches(value.lower(), names, n=5, cutoff=0.6)
    return close + [name for name in names if name not in close]


def known_names(value: str, known: Iterable[str], plural: str) -> str:
    """``known roles: closest, ..., rest``, past a dozen names cut short and counted."""
    names = closest_first(value, known)
    listed = ", ".join(names[:LISTED_AT_MOST])
    if len(names) > LISTED_AT_MOST:
        listed += f" and {len(names) - LISTED_AT_MOST} more"
    return f"known {plural}: {listed or 'none'}"


def unknown(kind: str, value: str, known: Iterable[str], plural: str | None = None) -> str:
    """``unknown role 'x'; known roles: closest, ..., rest``."""
    return f"unknown {kind} '{value}'; {known_names(value, known, plural or kind + 's')}"


def is_uuid(text: str) -> bool:
    try:
        UUID(text)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Vocabulary:
    """The roles a rule may name, and the tenant paths (None: not checked here, as when
    files are read without a database)."""

    roles: frozenset[str]
    tenant_paths: frozenset[str] | None = None


def role_problem(
    field: str, role: str, vocabulary: Vocabulary, *, to_declare: bool = True
) -> Problem | None:
    """None for a known role; else what the known ones are and, where a new role could be
    meant (``to_declare``), how one is declared."""
    if role in vocabulary.roles:
        return None
    message = unknown("role", role, vocabulary.roles)
    if to_declare and ROLE_NAME.match(role):
        message += f" (a new role is declared in a policy file: `role, {role}`)"
    return Problem(field, UNKNOWN, message)


def subject_problem(field: str, subject: str, vocabulary: Vocabulary) -> Problem | None:
    """A rule's subject: a role, a person's email or ``org:ID``."""
    if subject.startswith(ORGANISATION_PREFIX):
        if is_uuid(subject.removeprefix(ORGANISATION_PREFIX)):
            return None
        return Problem(field, INVALID, f"'{subject}' is not org: followed by an organisation id")
    if "@" in subject:
        if EMAIL.match(subject) and subject == subject.lower():
            return None
        return Problem(field, INVALID, f"'{subject}' is not an email address in lower case")
    return role_problem(field, subject, vocabulary)


def domain_problem(field: str, domain: str, vocabulary: Vocabulary) -> Problem | None:
    if domain == ANY:
        return None
    paths = vocabulary.tenant_paths
    if paths is None:
        if TENANT_PATH.match(domain):
            return None
        return Problem(field, INVALID, f"domain '{domain}' is neither '*' nor a tenant path")
    if domain in paths:
        return None
    return Problem(field, UNKNOWN, unknown("tenant path", domain, paths))


def _looks_like_object(text: str) -> bool:
    return text.partition(":")[0] in RESOURCES or text == ANY


def swapped_problem(field: str, action: str, obj: str) -> Problem | None:
    """The action where the object goes and the object where the action goes."""
    if action in ACTIONS or obj not in ACTIONS or not _looks_like_object(action):
        return None
    return Problem(
        field,
        INVALID,
        f"'{action}' is an object and '{obj}' an action: the action comes before the object",
    )


def object_problem(field: str, obj: str, vocabulary: Vocabulary) -> Problem | None:
    """``*``, ``resource``, ``resource:classification``, ``resource:<record id>``, or
    ``role:NAME`` (the object of a grant)."""
    if obj == ANY:
        return None
    resource, colon, qualifier = obj.partition(":")
    if resource == Resource.ROLE:
        return role_problem(field, qualifier, vocabulary) if colon else None
    if resource not in RESOURCES:
        if resource in ACTIONS:
            return Problem(
                field, INVALID, f"'{obj}' is an action, not an object: are they swapped?"
            )
        return Problem(field, UNKNOWN, unknown("resource", resource, RESOURCES))
    if not colon or qualifier in CLASSIFICATIONS or is_uuid(qualifier):
        return None
    message = unknown("classification", qualifier, CLASSIFICATIONS)
    return Problem(field, UNKNOWN, f"{message} (or a record's id after '{resource}:')")


def action_problem(field: str, action: str, obj: str) -> Problem | None:
    if action != ANY and action not in ACTIONS:
        if _looks_like_object(action):
            return Problem(
                field, INVALID, f"'{action}' is an object, not an action: are they swapped?"
            )
        return Problem(field, UNKNOWN, unknown("action", action, ACTIONS))
    granting = obj.partition(":")[0] == Resource.ROLE
    if action == Action.GRANT and not granting and obj != ANY:
        return Problem(field, INVALID, "the action grant is taken on role:NAME objects only")
    if granting and action not in (Action.GRANT, ANY):
        return Problem(field, INVALID, f"a role:NAME object takes the action grant, not {action}")
    return None


def permission_problems(
    subject: str, domain: str, obj: str, action: str, vocabulary: Vocabulary
) -> list[Problem]:
    """What is wrong with a permission rule's names, by input field."""
    found = [
        subject_problem("role", subject, vocabulary),
        domain_problem("tenant", domain, vocabulary),
        *action_and_object_problems(action, obj, vocabulary),
    ]
    return [problem for problem in found if problem is not None]


def action_and_object_problems(action: str, obj: str, vocabulary: Vocabulary) -> list[Problem]:
    swapped = swapped_problem("action", action, obj)
    if swapped is not None:
        return [swapped]
    found = [object_problem("object", obj, vocabulary)]
    # An action is judged against its object only once the object is known to be one.
    if found[0] is None or action not in ACTIONS:
        found.append(action_problem("action", action, obj))
    return [problem for problem in found if problem is not None]
