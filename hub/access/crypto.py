"""Encryption at rest for the most sensitive text (advocacy-note bodies).

AES-256-GCM with a key per tenant, derived from the master key with HKDF, so that one
tenant's key opens nothing of another's. The record's id and tenant are bound to the
ciphertext as associated data: a body copied onto another record does not decrypt.
"""

from __future__ import annotations

import base64
import os
from uuid import UUID

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

VERSION = "v1"


class UndecryptableText(Exception):
    """The stored text does not open with this tenant's key for this record."""


def _tenant_key(master_key: bytes, tenant_id: UUID) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"hub tenant key " + tenant_id.bytes
    ).derive(master_key)


def _associated(record_id: UUID, tenant_id: UUID) -> bytes:
    return record_id.bytes + tenant_id.bytes


def encrypt(master_key: bytes, tenant_id: UUID, record_id: UUID, plaintext: str) -> str:
    nonce = os.urandom(12)
    sealed = AESGCM(_tenant_key(master_key, tenant_id)).encrypt(
        nonce, plaintext.encode(), _associated(record_id, tenant_id)
    )
    return f"{VERSION}:{base64.b64encode(nonce + sealed).decode()}"


def decrypt(master_key: bytes, tenant_id: UUID, record_id: UUID, stored: str) -> str:
    version, _, payload = stored.partition(":")
    if version != VERSION:
        raise UndecryptableText(f"unknown encryption version {version!r}")
    try:
        raw = base64.b64decode(payload, validate=True)
        opened = AESGCM(_tenant_key(master_key, tenant_id)).decrypt(
            raw[:12], raw[12:], _associated(record_id, tenant_id)
        )
    except (ValueError, InvalidTag) as exc:
        raise UndecryptableText("the text does not open with this tenant's key") from exc
    return opened.decode()
