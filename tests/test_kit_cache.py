"""The kit cache: a validated kit is rebuilt by the next command without pydantic, and only while
every file it follows from is unchanged; a damaged, foreign or stale cache is ignored, never trusted."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.files import KIT_DIR, ROOT, break_kit
from tocht_cli.base import installation
from tocht_cli.base.errors import InvalidData
from tocht_cli.kinds.registry import installed
from tocht_cli.kit import cache, loader, validation


def fresh_load(folder: Path):
    loader._load_folder.cache_clear()
    return loader.load_path(folder, installed())


@pytest.fixture
def settled_kit(kit_copy, monkeypatch):
    """A copy of the kit that may be cached at once (a real one waits until its files are 2 s old)."""
    monkeypatch.setattr(cache, "SETTLED_NS", 0)
    return kit_copy


def test_a_valid_kit_comes_from_the_cache_the_second_time(settled_kit, monkeypatch):
    first = fresh_load(settled_kit)
    assert cache.cache_file(first.path, False).is_file()
    monkeypatch.setattr(validation, "validate", lambda *a: pytest.fail("validated again"))
    assert fresh_load(settled_kit) == first


def test_a_cache_hit_imports_no_pydantic_model_machinery(tmp_path):
    """What the cache is for: the commands of a meeting pay for neither pydantic's models nor a validation."""
    code = (
        "import sys; from tocht_cli.kit import loader; from tocht_cli.kinds.registry import installed; kit = loader.load('tocht-2017', installed()); "
        "print(len(kit.exercises), 'pydantic.main' in sys.modules, 'pydantic.type_adapter' in sys.modules, 'tomllib' in sys.modules)"
    )
    env = {**os.environ, "TOCHT_CACHE_DIR": str(tmp_path / "cache")}
    runs = [
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout for _ in range(2)
    ]
    assert runs[0].split()[0] == "7" and runs[0].split()[1] == "True"  # validated: pydantic at work
    assert runs[1].split() == ["7", "False", "False", "False"]  # from the cache: no pydantic model, no TOML read


def test_an_edited_file_is_validated_again(settled_kit):
    fresh_load(settled_kit)
    break_kit(settled_kit, "regio.toml", "rows = 10", "rows = 0")
    with pytest.raises(InvalidData, match="rows: expected a whole number from 1 to 100"):
        fresh_load(settled_kit)


def test_a_file_edited_moments_ago_is_not_cached(kit_copy):
    break_kit(kit_copy, "regio.toml", "rows = 10", "rows = 9")  # its mtime is now
    fresh_load(kit_copy)
    assert not cache.cache_file(kit_copy.resolve(), False).exists()


def test_an_invalid_kit_is_never_cached(settled_kit):
    break_kit(settled_kit, "regio.toml", "rows = 10", "rows = 0")
    with pytest.raises(InvalidData):
        fresh_load(settled_kit)
    assert not cache.cache_file(settled_kit.resolve(), False).exists()


@pytest.mark.parametrize(
    "spoil",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:-10] + bytes(b ^ 0xFF for b in data[-10:]),  # bytes flipped: the checksum fails
        lambda data: b"",
        lambda data: b"not a cache at all",
        lambda data: data.replace(b'"tocht":"', b'"tocht":"0.', 1),  # another tocht's
    ],
    ids=["truncated", "flipped", "empty", "foreign", "other version"],
)
def test_a_damaged_or_stale_cache_is_ignored_and_replaced(settled_kit, spoil):
    kit = fresh_load(settled_kit)
    file = cache.cache_file(kit.path, False)
    file.write_bytes(spoil(file.read_bytes()))
    assert fresh_load(settled_kit) == kit
    assert cache.read(kit.path, False, installed()) == kit  # replaced by a whole one


def test_a_cache_of_other_code_is_stale(settled_kit, monkeypatch, tmp_path):
    kit = fresh_load(settled_kit)
    assert cache.read(kit.path, False, installed()) == kit
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert cache.read(kit.path, False, installed()) is None
    monkeypatch.undo()
    module = sys.modules[type(installed()["bingo"]).__module__]
    changed = tmp_path / "bingo.py"  # the same module, as if edited since
    changed.write_text(Path(module.__file__).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(module, "__file__", str(changed))
    assert cache.read(kit.path, False, installed()) is None


@pytest.mark.parametrize(
    "foreign", ["subprocess:Popen", "os:system", "tocht_cli.sessions.runtime:Settings", "tocht_cli.kinds.contract:NotThere"]
)
def test_a_cache_naming_anything_but_the_kits_own_dataclasses_is_refused(settled_kit, tmp_path, foreign):
    """Even with a valid checksum and fingerprint (someone who can write the cache folder):
    the JSON may name only dataclasses of the kit's and the kinds' modules."""
    kit = fresh_load(settled_kit)
    file = cache.cache_file(kit.path, False)
    header, _, body = file.read_bytes().removeprefix(cache.MAGIC).split(b"\n", 2)
    doc = json.loads(body)
    doc["exercises"][0]["spec"] = {"$": foreign, "args": [f"touch {tmp_path / 'ran'}"]}
    body = json.dumps(doc).encode()
    checksum = hashlib.sha256(header + b"\n" + body).hexdigest().encode()
    file.write_bytes(cache.MAGIC + header + b"\n" + checksum + b"\n" + body)
    assert cache.read(kit.path, False, installed()) is None
    assert fresh_load(settled_kit) == kit and not (tmp_path / "ran").exists()


def test_an_unwritable_cache_folder_is_no_error(settled_kit, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("TOCHT_CACHE_DIR", str(blocker / "cache"))
    assert fresh_load(settled_kit).name == "tocht-2017"
    assert not list(tmp_path.glob("**/kit-*.json"))


def test_the_kit_cache_is_in_the_folder_every_cache_of_tocht_shares(monkeypatch, tmp_path):
    """One folder for the kit, help, entry-point and list caches, on every platform (it was once
    a second function here that differed from base/installation.py's on macOS and Windows)."""
    monkeypatch.setenv("TOCHT_CACHE_DIR", str(tmp_path / "here"))
    assert cache.folder() == tmp_path / "here"
    monkeypatch.delenv("TOCHT_CACHE_DIR")
    for platform in ("linux", "darwin", "win32"):
        monkeypatch.setattr(sys, "platform", platform)
        monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
        assert cache.folder() == Path(installation.cache_folder() or "")
        assert cache.cache_file(KIT_DIR, True).parent == cache.folder()


def test_the_shipped_kit_and_a_copy_have_their_own_caches(settled_kit):
    shipped = loader.load_path(KIT_DIR, installed(), builtin=True)
    copy = fresh_load(settled_kit)
    assert shipped.builtin and not copy.builtin
    assert cache.cache_file(shipped.path, True) != cache.cache_file(copy.path, False)
    assert cache.read(copy.path, False, installed()) == copy
