from __future__ import annotations

import pytest

from hub.tenancy.domains import object_matches, within


@pytest.mark.parametrize(
    ("path", "ancestor", "expected"),
    [
        ("/global/asia-pacific", "/global/asia-pacific", True),
        ("/global/asia-pacific/bangladesh", "/global/asia-pacific", True),
        ("/global/asia-pacific", "/global/asia", False),
        ("/global/asia-pacific", "/global/asia-pacific/bangladesh", False),
        ("/global", "*", True),
        ("/global/europe", "/global/", True),
    ],
)
def test_within_respects_the_separator(path: str, ancestor: str, expected: bool) -> None:
    assert within(path, ancestor) is expected


@pytest.mark.parametrize(
    ("requested", "granted", "expected"),
    [
        ("work_stream:restricted", "work_stream", True),
        ("work_stream:restricted", "work_stream:restricted", True),
        ("work_stream:restricted", "work_stream:network", False),
        ("work_stream_extra:public", "work_stream", False),
        ("fund.pledge:public", "*", True),
    ],
)
def test_object_matches(requested: str, granted: str, expected: bool) -> None:
    assert object_matches(requested, granted) is expected
