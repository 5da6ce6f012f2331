"""Every test gets its own database in tmp_path; none touches the user's real one."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from tests.helpers.browser import Patient, served_chromium
from tests.helpers.examples import PROFILE, examples
from tests.helpers.files import KIT_DIR
from tests.helpers.memory import MEMORY, roomy
from tocht_cli.base import i18n
from tocht_cli.cli.app import app
from tocht_cli.cli.invocation import Invocation, begin
from tocht_cli.kinds.registry import installed
from tocht_cli.kit import loader
from tocht_cli.sessions import runtime

# A suite started in the background (`nohup .ci/run &`) inherits Ctrl-C ignored, and every tocht it
# starts would too: the tests that send Ctrl-C need it delivered, whoever started the suite.
signal.signal(signal.SIGINT, signal.default_int_handler)

# No property test depends on the machine's speed: no deadline per example, no health check that
# fails when generating data is slow (a loaded laptop). Loaded before any test module is imported,
# so an `@settings(...)` of a test inherits it for what it does not set. The examples a test tries
# are the profile's (tests/helpers/examples.py): all of them in CI, a quarter on a contributor's machine.
settings.register_profile("ci", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", settings.get_profile("ci"), max_examples=examples(100))
settings.load_profile("ci" if PROFILE == "ci" else "dev")


IN_MEMORY = pytest.StashKey[str]()  # the folder this run made there, removed when it ends


@pytest.hookimpl(tryfirst=True)  # before pytest makes its folder of temporary files from the option
def pytest_configure(config):
    """Every test's tmp_path (its database) in memory where the machine has such a folder: the store syncs
    each answer to disk (thousands of times over the suite), which on a disk shared with other work costs
    tens of milliseconds a write (27 ms measured beside other work) and nothing in memory; the code run is
    the same. `--basetemp DIR` keeps them in DIR instead, to look at after the run."""
    if config.option.basetemp or hasattr(config, "workerinput") or not roomy(MEMORY):
        return  # given, an xdist worker (the controller gives it its part of the controller's folder), or no room
    config.option.basetemp = tempfile.mkdtemp(prefix="tocht-tests-", dir=MEMORY)
    config.stash[IN_MEMORY] = config.option.basetemp


@pytest.hookimpl(trylast=True)  # after pytest-randomly's shuffle, whose order it keeps within each part
def pytest_collection_modifyitems(items):
    """The files that drive Chromium first: they hold most of the suite's CPU, and `--dist loadfile` hands out
    files in this order as workers get free, so a browser file drawn last would keep one worker busy long
    after the other has finished (the longest work first keeps the workers' ends close)."""
    browsing = {item.path for item in items if "chromium" in item.fixturenames}
    items.sort(key=lambda item: item.path not in browsing)


def pytest_unconfigure(config):
    """Memory is not a disk: the folder goes when the run ends."""
    if IN_MEMORY in config.stash:
        shutil.rmtree(config.stash[IN_MEMORY], ignore_errors=True)


@pytest.fixture(autouse=True, scope="session")
def prompt_key_bindings():
    """The prompts' default key bindings built once per worker (tests/helpers/terminal.py)."""
    from tests.helpers.terminal import shared_default_key_bindings

    with pytest.MonkeyPatch.context() as patch:
        shared_default_key_bindings(patch)
        yield


@pytest.fixture(autouse=True)
def isolated_db(tmp_path, monkeypatch):
    db = tmp_path / "tocht.json"
    monkeypatch.setenv("TOCHT_DB", str(db))
    monkeypatch.setenv("TOCHT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    for variable in ("COLUMNS", "LINES"):  # the size of no terminal in particular (an xdist worker gets 80×24)
        monkeypatch.delenv(variable, raising=False)
    for variable in i18n.LOCALE_VARIABLES:  # English messages unless a test asks for another language
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LC_CTYPE", "C.UTF-8")
    i18n.use(None)
    return db


@pytest.fixture(autouse=True)
def run(isolated_db) -> Invocation:
    """This test's run, as the command line begins one: its store and kits, which a test hands to what it
    calls (`run.workspace(id)`, `run.store`) as the commands do; a `cli` call begins a run of its own."""
    return begin(Invocation(find_kinds=installed))


@pytest.fixture
def cli():
    """Invoke tocht in-process; returns the Result (stdout and stderr apart)."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, ok: bool = True):
        result = runner.invoke(app, list(args), input=input)
        if ok:
            assert result.exit_code == 0, (result.exit_code, result.stdout, result.stderr, result.exception)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
        return result

    return invoke


@pytest.fixture
def keyed(cli, monkeypatch):
    """Run `tocht ARGS` in a pretend terminal with KEYS typed (prompt_toolkit pipe input, as questionary's tests do)."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    monkeypatch.setattr(runtime, "is_interactive", lambda: True)

    def drive(keys: str, *args: str, code: int = 0, screen=None):
        """SCREEN: a tests/helpers/terminal.py Terminal for the prompts to draw on, typed into as it shows
        what the keys wait for (`room.sees`); without one they draw nowhere and all keys go at once."""
        from tests.helpers.terminal import SEES

        with create_pipe_input() as pipe:
            if screen is None:
                pipe.send_text("".join(keys.split(SEES)[::2]))
                pipe.close()  # typed out: a prompt the keys do not answer ends with EOF instead of waiting forever
            else:
                screen.play(pipe, keys)
            with create_app_session(input=pipe, output=screen.output() if screen else DummyOutput()):
                result = cli(*args, ok=False)
        if screen is not None:
            screen.check()
        assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr, result.exception)
        return result

    return drive


@pytest.fixture
def session(cli):
    """A fresh current session with one group; returns its id."""
    return cli("new", "Testsessie", "--place", "Strombeek").stdout.strip()


@pytest.fixture
def two_groups(cli):
    return cli("new", "Twee tafels", "--group", "tafel 1", "--group", "tafel 2").stdout.strip()


@pytest.fixture
def kit_copy(tmp_path):
    """A writable copy of the shipped kit, to break in tests."""
    target = tmp_path / "kit"
    shutil.copytree(KIT_DIR, target)
    loader._load_folder.cache_clear()
    return target


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless, launched once per xdist worker by Playwright's driver and served on 127.0.0.1
    (tests/helpers/browser.py); CI installs it, so there its absence fails the run. Launching it costs more
    than connecting to it, and a worker runs a dozen browser modules."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs Debian's chromium before the tests")
        pytest.skip("no chromium on this machine (apt-get install chromium)")
    with served_chromium(path) as address:
        yield address


@pytest.fixture(scope="module")
def browser(chromium):
    """The worker's Chromium, driven by Playwright. Connected per module, never per session: Playwright's
    sync API leaves its event loop running in the thread, and the walk's prompts (asyncio.run) cannot run
    beside it, so it must be gone before another module's tests. What a module opened closes with it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        connected = playwright.chromium.connect(chromium)
        yield Patient(connected)
        connected.close()


@pytest.fixture
def arena(run, cli):
    """A two-table session with its room open in-process (tests/helpers/room.py)."""
    from tests.helpers.room import open_room

    sid = cli("new", "Zaal", "-g", "tafel 1", "-g", "tafel 2").stdout.strip()
    opened = open_room(run.workspace(sid))
    yield opened
    opened.close()


@pytest.fixture
def settled_store(isolated_db, monkeypatch):
    """A database of two sessions whose files count as settled at once: the kept caches (store/checked.py)
    wait 2 s after a change, which a test that just wrote the files cannot."""
    from tocht_cli.store import Store, checked

    monkeypatch.setattr(checked, "SETTLED_NS", 0)
    made = Store(isolated_db)
    for name in ("Overleg", "Ontmoetingsdag"):
        made.create_session({"name": name, "groups": ["tafel 1"], "kit": {"name": "tocht-2017"}})
    made.fold()  # both in the list's cache, as after any rename or `tocht use` (`new` writes only the file)
    return made
