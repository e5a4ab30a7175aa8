"Helpers of the box's tests"
import os
from pathlib import Path


def artifact(name):
    """A path among the test run's artifacts: $IOT_BOX_TEST_OUTPUT, else
    test-output/ in the working folder"""
    folder = Path(os.environ.get('IOT_BOX_TEST_OUTPUT', 'test-output'))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name
