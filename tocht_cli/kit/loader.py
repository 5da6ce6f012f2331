"""Finding and loading kits: the ones shipped in the package, or a folder of TOML files."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from tocht_cli.errors import InvalidData, NotFound
from tocht_cli.kit.model import LABEL_KEYS, Exercise, Kit
from tocht_cli.kit.reader import Reader

if TYPE_CHECKING:
    from tocht_cli.exercises.contract import ExerciseKind

Kinds = Mapping[str, "ExerciseKind"]

DEFAULT_KIT = "tocht-2017"
KIT_FILE = "kit.toml"
MAX_KIT_FILE = 1024 * 1024
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def data_root() -> Path:
    """The shipped data: inside the installed package, or `data/` in a checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "data", here.parent / "data"):
        if (candidate / "kits").is_dir():
            return candidate
    raise NotFound(f"the shipped kits are missing (looked in {here / 'data'})", "reinstall tocht")


def builtin_names() -> list[str]:
    root = data_root() / "kits"
    return sorted(p.name for p in root.iterdir() if (p / KIT_FILE).is_file())


def load(ref: str, kinds: Kinds) -> Kit:
    """A kit by shipped name, or by path to its folder or its kit.toml; `kinds` are the exercise kinds it may use."""
    if ref in builtin_names():
        return load_path(data_root() / "kits" / ref, kinds, builtin=True)
    path = Path(ref).expanduser()
    if path.exists():
        return load_path(path, kinds)
    raise NotFound(
        f"no kit {ref!r}: not a shipped kit ({', '.join(builtin_names())}) and no such folder",
        "see `tocht kit list`, or give the path of a kit folder",
    )


def load_path(path: Path, kinds: Kinds, builtin: bool = False) -> Kit:
    path = path.resolve()
    folder = path.parent if path.is_file() else path
    return _load_folder(folder, kinds, builtin)


@lru_cache(maxsize=8)
def _load_folder(folder: Path, kinds: Kinds, builtin: bool) -> Kit:
    problems: list[str] = []
    kit_file = folder / KIT_FILE
    table = _read_toml(kit_file, problems)
    if table is None:
        raise InvalidData(f"kit {folder} is not valid", problems)
    r = Reader(kit_file, table, problems)
    name, version = r.text("name"), r.text("version")
    language, title = r.text("language"), r.text("title")
    source = r.text("source", optional=True)
    intro = r.text("intro", optional=True)
    lr = r.sub("labels")
    labels = {key: lr.text(key) for key in LABEL_KEYS}
    lr.finish()
    exercise_ids = r.words("exercises")
    r.finish()

    exercises = []
    for number, ex_id in enumerate(exercise_ids, start=1):
        ex_file = folder / f"{ex_id}.toml"
        if not _ID.fullmatch(ex_id) or folder not in Path(os.path.realpath(ex_file)).parents:
            r.problem(
                f"exercises[{number}]",
                f"{ex_id[:40]!r} is not an exercise file of this kit: ids are letters, digits, '-' and '_', and the file lies in the kit's folder",
            )
            continue
        if not ex_file.is_file():
            r.problem(f"exercises[{number}]", f"no file {ex_file.name} beside {KIT_FILE}")
            continue
        ex_table = _read_toml(ex_file, problems)
        if ex_table is None:
            continue
        er = Reader(ex_file, ex_table, problems)
        kind_name = er.text("kind")
        kind = kinds.get(kind_name) if kind_name in kinds else None
        if kind_name and kind is None:
            er.problem("kind", f"unknown kind {kind_name!r}; known: {', '.join(sorted(kinds))}")
        code = er.text("code", optional=True)
        ex_title = er.text("title")
        subtitle = er.text("subtitle", optional=True)
        intro_text = er.text("intro", optional=True)
        spec = kind.parse(er) if kind else None
        er.finish()
        if kind is None:
            continue
        exercises.append(Exercise(ex_id, kind, code, ex_title, intro_text, spec, ex_file, number, subtitle))

    if problems:
        raise InvalidData(f"kit {folder} is not valid ({len(problems)} problem(s))", problems)
    return Kit(name, version, language, title, source, intro, labels, tuple(exercises), folder, builtin)


def _read_toml(file: Path, problems: list[str]) -> dict | None:
    try:
        with file.open("rb") as fh:
            raw = fh.read(MAX_KIT_FILE + 1)
    except FileNotFoundError:
        problems.append(f"{file}: no such file")
        return None
    except OSError as exc:
        problems.append(f"{file}: cannot be read: {exc.strerror or exc}")
        return None
    if len(raw) > MAX_KIT_FILE:
        problems.append(f"{file}: larger than {MAX_KIT_FILE // 1024} KiB; a kit file is text for a workshop")
    elif raw.startswith(b"\xef\xbb\xbf"):
        problems.append(f"{file}: starts with a byte order mark (saved as 'UTF-8 with BOM'); save it as plain UTF-8")
    else:
        try:
            return tomllib.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            problems.append(f"{file}: not UTF-8 text (byte {exc.start}: {exc.reason})")
        except tomllib.TOMLDecodeError as exc:
            problems.append(f"{file}: not valid TOML: {exc}")
        except RecursionError:
            problems.append(f"{file}: not valid TOML: nested too deeply")
        except ValueError as exc:  # an integer with thousands of digits
            problems.append(f"{file}: not valid TOML: {exc}")
    return None
