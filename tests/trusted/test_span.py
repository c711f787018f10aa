"""The operation span names the document it ran."""

from __future__ import annotations

from pathlib import Path

import pytest
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from hub.api.trusted_documents import read_documents
from hub.core.config import Settings
from hub.core.document_ids import document_id
from hub.observability.telemetry import setup_telemetry
from hub.trusted.service import register_documents
from tests.conftest import Client
from tests.trusted.support import UNREGISTERED, WORK_STREAM_COUNT_ID, post, write_documents


@pytest.fixture(scope="module")
def exporter() -> InMemorySpanExporter:
    memory = InMemorySpanExporter()
    setup_telemetry(Settings(), exporter=memory)
    return memory


def _operation(exporter: InMemorySpanExporter, name: str) -> ReadableSpan:
    [span] = [s for s in exporter.get_finished_spans() if s.name == name]
    return span


async def test_a_document_run_by_its_id_is_named_and_registered(
    exporter: InMemorySpanExporter, client: Client, tmp_path: Path
) -> None:
    # given
    await register_documents(read_documents(write_documents(tmp_path)))
    exporter.clear()
    # when
    reply = await post(client, {"documentId": WORK_STREAM_COUNT_ID})
    # then
    assert reply.status_code == 200
    attributes = _operation(exporter, "query WorkStreamCount").attributes or {}
    assert attributes["graphql.document.id"] == WORK_STREAM_COUNT_ID
    assert attributes["hub.document.registered"] is True


async def test_text_that_was_not_looked_up_is_named_by_its_hash(
    exporter: InMemorySpanExporter, client: Client
) -> None:
    # given
    exporter.clear()
    # when
    reply = await post(client, {"query": UNREGISTERED})
    # then
    assert reply.status_code == 200
    attributes = _operation(exporter, "query anonymous").attributes or {}
    assert attributes["graphql.document.id"] == document_id(UNREGISTERED)
    assert attributes["hub.document.registered"] is False
