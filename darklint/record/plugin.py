"""The pytest plugin: a ``darklint_recorder`` fixture for Playwright tests.

Registered as a ``pytest11`` entry point, so installing ``darklint[record]`` makes it
available in every pytest run; it costs nothing until a test asks for the fixture::

    def test_cancel(page, darklint_recorder):
        flow = darklint_recorder(page, product="Acme Stream", flow="cancel", kind="cancel",
                                 overlay="flows/acme.overlay.yaml")
        page.goto(base_url + "/account")
        page.get_by_role("button", name="Cancel plan").click()
        ...
        flow.outcome("cancelled")

``pytest --darklint-record DIR`` writes one flow file per product into DIR when the session
ends (nothing is written without it). Then ``darklint check DIR`` lints what was shipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from darklint.record import FlowRecording, Recorder, RecordingError

_RECORDER = pytest.StashKey[Recorder]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("darklint", "darklint flow recording")
    group.addoption(
        "--darklint-record",
        metavar="DIR",
        default=None,
        help="Write the flows the tests record (darklint_recorder) as flow files into DIR.",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_RECORDER] = Recorder()


@pytest.fixture
def darklint_recorder(request: pytest.FixtureRequest) -> Iterator[Callable[..., FlowRecording]]:
    """Start recording a flow on a Playwright page: ``darklint_recorder(page, product=...,
    flow=..., kind=..., overlay=None)``. Recordings still open when the test ends stop where
    their page is."""
    recorder = request.config.stash[_RECORDER]
    started: list[FlowRecording] = []

    def record(page: Any, **options: Any) -> FlowRecording:
        recording = recorder.record(page, test=request.node.nodeid, **options)
        started.append(recording)
        return recording

    yield record
    for recording in started:
        recording.stop()


def pytest_sessionfinish(session: pytest.Session) -> None:
    directory = session.config.getoption("--darklint-record")
    recorder = session.config.stash.get(_RECORDER, None)
    if directory is None or recorder is None or not recorder.recordings:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    try:
        written = recorder.write(directory)
    except (RecordingError, OSError) as error:
        if reporter is not None:
            reporter.write_line(f"darklint: recorded flows not written: {error}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        return
    if reporter is not None:
        for path in written:
            reporter.write_line(f"darklint: recorded flows written to {path}")
