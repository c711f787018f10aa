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

# The labels in the other UN languages, for pickers and legends in the language a front end
# shows (English above).
TRANSLATED_LABELS: dict[Theme, dict[str, str]] = {
    Theme.ACCESS_TO_JUSTICE: {
        "fr": "Accès à la justice",
        "es": "Acceso a la justicia",
        "ar": "الوصول إلى العدالة",
        "ru": "Доступ к правосудию",
        "zh": "诉诸司法",
    },
    Theme.CHILDREN_AND_YOUTH: {
        "fr": "Enfants et jeunes migrants",
        "es": "Niños, niñas y jóvenes migrantes",
        "ar": "الأطفال والشباب المهاجرون",
        "ru": "Дети и молодежь из числа мигрантов",
        "zh": "移民儿童和青年",
    },
    Theme.CIVIC_SPACE: {
        "fr": "Espace civique",
        "es": "Espacio cívico",
        "ar": "الحيز المدني",
        "ru": "Гражданское пространство",
        "zh": "公民空间",
    },
    Theme.CLIMATE_CHANGE: {
        "fr": "Changements climatiques",
        "es": "Cambio climático",
        "ar": "تغير المناخ",
        "ru": "Изменение климата",
        "zh": "气候变化",
    },
    Theme.DATA_PROTECTION: {
        "fr": "Protection des données",
        "es": "Protección de datos",
        "ar": "حماية البيانات",
        "ru": "Защита данных",
        "zh": "数据保护",
    },
    Theme.DECENT_WORK: {
        "fr": "Travail décent et droits des travailleurs",
        "es": "Trabajo decente y derechos laborales",
        "ar": "العمل اللائق وحقوق العمال",
        "ru": "Достойный труд и трудовые права",
        "zh": "体面工作和劳工权利",
    },
    Theme.DIGITAL_TECHNOLOGIES: {
        "fr": "Technologies numériques et secteur privé",
        "es": "Tecnologías digitales y sector privado",
        "ar": "التكنولوجيات الرقمية والقطاع الخاص",
        "ru": "Цифровые технологии и частный сектор",
        "zh": "数字技术与私营部门",
    },
    Theme.GENDER: {
        "fr": "Genre",
        "es": "Género",
        "ar": "النوع الاجتماعي",
        "ru": "Гендерные вопросы",
        "zh": "性别",
    },
    Theme.HEALTH: {
        "fr": "Santé et migration",
        "es": "Salud y migración",
        "ar": "الصحة والهجرة",
        "ru": "Здоровье и миграция",
        "zh": "健康与移民",
    },
    Theme.HUMAN_RIGHTS: {
        "fr": "Approche fondée sur les droits humains et centrée sur les migrants",
        "es": "Enfoque basado en los derechos humanos y centrado en las personas migrantes",
        "ar": "نهج قائم على حقوق الإنسان ومحوره المهاجرون",
        "ru": "Правозащитный подход, ориентированный на мигрантов",
        "zh": "以人权为基础、以移民为中心的方针",
    },
    Theme.LABOUR_MOBILITY: {
        "fr": "Mobilité de la main-d'œuvre et croissance économique",
        "es": "Movilidad laboral y crecimiento económico",
        "ar": "تنقل اليد العاملة والنمو الاقتصادي",
        "ru": "Трудовая мобильность и экономический рост",
        "zh": "劳动力流动与经济增长",
    },
    Theme.MIXED_MIGRATION: {
        "fr": "Migrations mixtes",
        "es": "Migración mixta",
        "ar": "الهجرة المختلطة",
        "ru": "Смешанная миграция",
        "zh": "混合移民",
    },
    Theme.NON_DISCRIMINATION: {
        "fr": "Non-discrimination",
        "es": "No discriminación",
        "ar": "عدم التمييز",
        "ru": "Недискриминация",
        "zh": "不歧视",
    },
    Theme.RACISM_AND_XENOPHOBIA: {
        "fr": "Racisme et xénophobie",
        "es": "Racismo y xenofobia",
        "ar": "العنصرية وكراهية الأجانب",
        "ru": "Расизм и ксенофобия",
        "zh": "种族主义和仇外心理",
    },
    Theme.REFUGEE_COMPACT_COMPLEMENTARITY: {
        "fr": "Complémentarité avec le Pacte mondial sur les réfugiés",
        "es": "Complementariedad con el Pacto Mundial sobre los Refugiados",
        "ar": "التكامل مع الاتفاق العالمي بشأن اللاجئين",
        "ru": "Взаимодополняемость с Глобальным договором о беженцах",
        "zh": "与《难民问题全球契约》的互补性",
    },
    Theme.REGULAR_PATHWAYS: {
        "fr": "Régularisation et voies de migration régulière",
        "es": "Regularización y vías de migración regular",
        "ar": "تسوية الأوضاع ومسارات الهجرة النظامية",
        "ru": "Урегулирование статуса и пути регулярной миграции",
        "zh": "身份正规化与正常移民途径",
    },
    Theme.REINTEGRATION: {
        "fr": "Intégration et réintégration durables",
        "es": "Integración y reintegración sostenibles",
        "ar": "الإدماج وإعادة الإدماج المستدامان",
        "ru": "Устойчивая интеграция и реинтеграция",
        "zh": "可持续融合与重新融合",
    },
    Theme.SAVING_LIVES: {
        "fr": "Sauver la vie des migrants",
        "es": "Salvar la vida de las personas migrantes",
        "ar": "إنقاذ أرواح المهاجرين",
        "ru": "Спасение жизни мигрантов",
        "zh": "拯救移民生命",
    },
    Theme.SECURITY: {
        "fr": "Une approche équilibrée de la sécurité",
        "es": "Un enfoque equilibrado de la seguridad",
        "ar": "نهج متوازن إزاء الأمن",
        "ru": "Сбалансированный подход к безопасности",
        "zh": "平衡的安全方针",
    },
    Theme.SUSTAINABLE_DEVELOPMENT: {
        "fr": "Programme 2030 et objectifs de développement durable",
        "es": "Agenda 2030 y Objetivos de Desarrollo Sostenible",
        "ar": "خطة عام 2030 وأهداف التنمية المستدامة",
        "ru": "Повестка дня на период до 2030 года и ЦУР",
        "zh": "2030年议程和可持续发展目标",
    },
}


def labels_of(theme: Theme) -> dict[str, str]:
    """A theme's label in every UN language, by language code."""
    return {"en": LABELS[theme], **TRANSLATED_LABELS[theme]}


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
