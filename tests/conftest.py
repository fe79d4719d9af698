"""Shared fixtures: the trained model and the running assistant."""

from pathlib import Path

import pytest

from harness.servers import Stack
from tests.support.chat import Conversation


@pytest.fixture(scope="session")
def model() -> Path:
    from scripts.train import ensure_model

    return ensure_model(quiet=True)


@pytest.fixture(scope="session")
def assistant(model: Path, tmp_path_factory) -> Stack:
    """The real action server and Rasa server, on free ports, for the whole session."""
    # The browser tests' page is served from 127.0.0.1 on some port: allow it.
    stack = Stack(model, tmp_path_factory.mktemp("assistant"), cors_origins=[r"http://127\.0\.0\.1:\d+$"]).start()
    yield stack
    stack.stop()


@pytest.fixture
def person(assistant: Stack) -> Conversation:
    return Conversation(assistant)
