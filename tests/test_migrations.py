from __future__ import annotations

from tortoise import Tortoise
from tortoise.migrations.autodetector import MigrationAutodetector

from hub.core.db import tortoise_config


async def test_committed_migrations_match_the_models(orm: None, database_url: str) -> None:
    # given the models as the code declares them
    assert Tortoise.apps is not None
    apps_config = tortoise_config(database_url)["apps"]
    # when the committed migrations are replayed and compared with them
    writers = await MigrationAutodetector(Tortoise.apps, apps_config).changes()
    # then nothing is missing
    missing = [op.describe() for w in writers for op in w.operations]
    assert missing == [], (
        "models changed without a migration: run "
        "`.venv/bin/tortoise -c hub.core.db.TORTOISE_ORM makemigrations` and commit it"
    )
