"""Shared fixtures: the trained model and the running assistant."""
from pathlib import Path

import pytest

from tests.support.chat import Conversation
from tests.support.servers import Stack


@pytest.fixture(scope="session")
def model() -> Path:
    from scripts.train import ensure_model

    return ensure_model(quiet=True)


@pytest.fixture(scope="session")
def assistant(model: Path, tmp_path_factory) -> Stack:
    """The real action server and Rasa server, on free ports, for the whole session."""
    stack = Stack(model, tmp_path_factory.mktemp("assistant")).start()
    yield stack
    stack.stop()


@pytest.fixture
def person(assistant: Stack) -> Conversation:
    return Conversation(assistant)
