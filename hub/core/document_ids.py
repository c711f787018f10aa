"""Document ids (``sha256:`` and the hex digest of the document's UTF-8 bytes), and a
document as read from a file for registering."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

DOCUMENT_ID = re.compile(r"^sha256:[0-9a-f]{64}$")


def document_id(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class DocumentFile:
    source: str
    text: str
    id: str
    operation_names: list[str]
