"""Cursors write text as PostgreSQL's JSON writes it, and those written before still work."""

from __future__ import annotations

import base64
import json
import uuid

from hub.core.pagination import Ordering, decode_cursor, encode_cursor
from hub.directory.models import Organisation

NAME = 'Réseau d\'accès "migrants" — 移民'


def test_text_is_written_as_it_is_and_old_cursors_still_decode() -> None:
    # given
    row = Organisation(id=uuid.uuid4(), name=NAME)
    by_name = Ordering("name")
    old = base64.urlsafe_b64encode(json.dumps(["name", NAME, str(row.id)]).encode()).decode()
    # when
    cursor = encode_cursor(by_name, row)
    # then
    text = base64.urlsafe_b64decode(cursor).decode()
    assert text == f'["name", {json.dumps(NAME, ensure_ascii=False)}, "{row.id}"]'
    assert "移民" in text
    assert decode_cursor(by_name, cursor, Organisation) == (NAME, str(row.id))
    assert decode_cursor(by_name, old, Organisation) == (NAME, str(row.id))
