"""The network's one shared list of themes, used to tag every kind of record."""

from __future__ import annotations

from enum import StrEnum

from hub.graphql.enums import described_enum


class Theme(StrEnum):
    """Themes drawn from the consultation of 4 April 2019 and the compact's objectives."""

    ACCESS_TO_JUSTICE = "access_to_justice"
    CHILDREN_AND_YOUTH = "children_and_youth"
    CIVIC_SPACE = "civic_space"
    CLIMATE_CHANGE = "climate_change"
    DATA_PROTECTION = "data_protection"
    DECENT_WORK = "decent_work"
    DIGITAL_TECHNOLOGIES = "digital_technologies"
    GENDER = "gender"
    HEALTH = "health"
    HUMAN_RIGHTS = "human_rights"
    LABOUR_MOBILITY = "labour_mobility"
    MIXED_MIGRATION = "mixed_migration"
    NON_DISCRIMINATION = "non_discrimination"
    RACISM_AND_XENOPHOBIA = "racism_and_xenophobia"
    REFUGEE_COMPACT_COMPLEMENTARITY = "refugee_compact_complementarity"
    REGULAR_PATHWAYS = "regular_pathways"
    REINTEGRATION = "reintegration"
    SAVING_LIVES = "saving_lives"
    SECURITY = "security"
    SUSTAINABLE_DEVELOPMENT = "sustainable_development"


LABELS: dict[Theme, str] = {
    Theme.ACCESS_TO_JUSTICE: "Access to justice",
    Theme.CHILDREN_AND_YOUTH: "Migrant children and youth",
    Theme.CIVIC_SPACE: "Civic space",
    Theme.CLIMATE_CHANGE: "Climate change",
    Theme.DATA_PROTECTION: "Data protection",
    Theme.DECENT_WORK: "Decent work and labour rights",
    Theme.DIGITAL_TECHNOLOGIES: "Digital technologies and the private sector",
    Theme.GENDER: "Gender",
    Theme.HEALTH: "Health and migration",
    Theme.HUMAN_RIGHTS: "Human rights-based, migrant-centred approach",
    Theme.LABOUR_MOBILITY: "Labour mobility and economic growth",
    Theme.MIXED_MIGRATION: "Mixed migration",
    Theme.NON_DISCRIMINATION: "Non-discrimination",
    Theme.RACISM_AND_XENOPHOBIA: "Racism and xenophobia",
    Theme.REFUGEE_COMPACT_COMPLEMENTARITY: "Complementarity with the Global Compact on Refugees",
    Theme.REGULAR_PATHWAYS: "Regularization and regular migration pathways",
    Theme.REINTEGRATION: "Sustainable integration and reintegration",
    Theme.SAVING_LIVES: "Saving the lives of migrants",
    Theme.SECURITY: "A balanced approach to security",
    Theme.SUSTAINABLE_DEVELOPMENT: "2030 Agenda and the SDGs",
}

# Registered here, once: every module that uses it then shares one GraphQL enum.
described_enum(Theme, "A theme of the network's shared taxonomy.", LABELS)


_KNOWN = frozenset(t.value for t in Theme)


def parse_themes(values: list[str]) -> list[Theme]:
    """Stored theme names as themes, skipping any the taxonomy no longer has."""
    return [Theme(v) for v in values if v in _KNOWN]


def stored(themes: list[Theme]) -> list[str]:
    """Themes as stored: unique, in taxonomy order so equal sets compare equal."""
    chosen = set(themes)
    return [t.value for t in Theme if t in chosen]
