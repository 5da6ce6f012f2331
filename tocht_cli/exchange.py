"""A session as a JSON document, and back: the export format and its complete validation.

An import is checked from top to bottom before anything is written, with the
same value descriptions the direct commands use, so a file that `tocht
import` accepts holds nothing `tocht run` could not have recorded.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tocht_cli import records
from tocht_cli.errors import InvalidData, NotFound, TochtError
from tocht_cli.exercises.values import Date, Timestamp
from tocht_cli.invocation import current
from tocht_cli.kit import loader
from tocht_cli.kit.model import Kit
from tocht_cli.text import norm
from tocht_cli.workspace import Workspace

FORMAT = "tocht-session"
VERSION = 1
MAX_BYTES = 20 * 1024 * 1024
MAX_PROBLEMS = 20
SESSION_FIELDS = ("name", "date", "place", "facilitator", "groups", "kit", "from", "merged_from")
ANSWER_FIELDS = ("exercise", "item", "group", "value", "at")


def answer_order(kit: Kit, groups: list[str]):
    """Sort key: kit order of exercises, then groups, then the exercise-wide answer and items in kit order."""
    exercises = {ex.id: n for n, ex in enumerate(kit.exercises)}
    items = {ex.id: {item: n for n, (item, _) in enumerate(ex.kind.answer_items(ex))} for ex in kit.exercises}
    group_index = {g: n for n, g in enumerate(groups)}

    def key(doc: dict):
        ex = doc["exercise"]
        return (
            exercises.get(ex, len(exercises)),
            ex,
            group_index.get(doc["group"], len(groups)),
            doc["group"],
            items.get(ex, {}).get(doc["item"], 1 << 30),
            doc["item"],
        )

    return key


def export_doc(ws: Workspace) -> dict:
    """Everything needed to rebuild the session, in a stable order."""
    session = {"id": ws.id, **{k: ws.session[k] for k in SESSION_FIELDS if k in ws.session}}
    answers = [{k: doc[k] for k in ANSWER_FIELDS if k in doc} for doc in ws.answers()]
    answers.sort(key=answer_order(ws.kit, ws.groups))
    return {"format": FORMAT, "version": VERSION, "session": session, "answers": answers}


# -- import -----------------------------------------------------------------


class Problems(list):
    def add(self, where: str, what: str) -> None:
        self.append(f"{where}: {what}")


def read_text(path: str) -> tuple[str, str]:
    """The file's text and a name for it in messages; `-` reads stdin."""
    import sys

    if path == "-":
        raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        where = "stdin"
    else:
        file = Path(path)
        if file.is_dir():
            raise NotFound(f"{path} is a folder, not an export file")
        try:  # a regular file, or a pipe such as /dev/stdin: read up to the limit either way
            with file.open("rb") as fh:
                raw = fh.read(MAX_BYTES + 1)
        except FileNotFoundError:
            raise NotFound(f"no file {path}") from None
        except OSError as exc:
            raise NotFound(f"cannot read {path}: {exc.strerror or exc}") from None
        where = path
    if len(raw) > MAX_BYTES:
        raise InvalidData(f"{where} is not a tocht export", [f"more than {MAX_BYTES:,} bytes; an export is at most {MAX_BYTES:,}"])
    try:
        return raw.decode("utf-8"), where
    except UnicodeDecodeError as exc:
        raise InvalidData(f"{where} is not a tocht export", [f"not UTF-8 text (byte {exc.start})"]) from None


def parse(text: str, where: str) -> tuple[dict, list[dict]]:
    """Session fields and answers of an export; InvalidData listing every problem found."""
    if text.startswith("\ufeff"):
        raise InvalidData(
            f"{where} is not a tocht export", ["it starts with a byte order mark (saved as 'UTF-8 with BOM'); save it as plain UTF-8"]
        )
    doc, repeated = strict_json(text, where)
    problems = Problems()
    if not isinstance(doc, dict):
        raise InvalidData(f"{where} is not a tocht export", [f"expected a JSON object at the top, got {type(doc).__name__}"])
    if doc.get("format") != FORMAT:
        raise InvalidData(
            f"{where} is not a tocht export",
            [f"format: expected {FORMAT!r}, got {str(doc.get('format'))[:40]!r}"],
            "make one with `tocht export --format json`",
        )
    for at, key in repeated:
        problems.add(at[:80], f"the key {key[:40]!r} is given twice")
    version = doc.get("version")
    if type(version) is not int or version != VERSION:
        newer = type(version) is int and version > VERSION
        hint = "upgrade tocht to read it" if newer else None
        shown = repr(version)[:40]
        raise InvalidData(
            f"{where} has format version {shown}; this tocht reads version {VERSION}",
            [f"version: expected the whole number {VERSION}, got {shown}"],
            hint,
        )
    for key in sorted(set(doc) - {"format", "version", "session", "answers"}):
        problems.add(key, "unknown key")
    fields = _session(doc.get("session"), problems)
    kit = _kit(fields.get("kit"), problems) if "kit" in fields else None
    answers = _answers(doc.get("answers"), fields.get("groups") or [], kit, problems) if kit else []
    if problems:
        shown = problems[:MAX_PROBLEMS] + ([f"… and {len(problems) - MAX_PROBLEMS} more"] if len(problems) > MAX_PROBLEMS else [])
        raise InvalidData(f"{where} does not validate; nothing was imported", shown)
    fields["kit"] = kit.reference()
    return fields, answers


def strict_json(text: str, where: str) -> tuple[Any, list[tuple[str, str]]]:
    """Parse JSON, noting every object that repeats a key (json.loads would keep the last silently)."""
    repeats: dict[int, list[str]] = {}

    def pairs(items: list[tuple[str, Any]]) -> dict:
        obj = dict(items)
        if len(obj) != len(items):
            seen: set[str] = set()
            repeats[id(obj)] = [k for k, _ in items if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
        return obj

    try:
        doc = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise InvalidData(f"{where} is not a tocht export", [f"not valid JSON: line {exc.lineno}, column {exc.colno}: {exc.msg}"]) from None
    except RecursionError:
        raise InvalidData(f"{where} is not a tocht export", ["JSON nested too deeply"]) from None
    except ValueError as exc:  # e.g. a number with thousands of digits
        raise InvalidData(f"{where} is not a tocht export", [f"not valid JSON: {exc}"]) from None
    found: list[tuple[str, str]] = []
    if repeats:
        stack: list[tuple[str, Any]] = [("", doc)]
        while stack:
            at, node = stack.pop()
            if isinstance(node, dict):
                found += [(f"{at}.{key}" if at else key, key) for key in repeats.get(id(node), [])]
                stack += [(f"{at}.{k}" if at else k, v) for k, v in node.items()]
            elif isinstance(node, list):
                stack += [(f"{at}[{n}]", v) for n, v in enumerate(node)]
    return doc, sorted(found)


def _session(value: Any, problems: Problems) -> dict:
    if not isinstance(value, dict):
        problems.add("session", "expected an object with the session's name, date, groups and kit")
        return {}
    for key in sorted(set(value) - {"id", *SESSION_FIELDS}):
        problems.add(f"session.{key}", "unknown key")
    fields: dict = {}
    checks = {
        "name": records.session_name,
        "date": Date().check,
        "place": lambda v: records.detail(v, "the place"),
        "facilitator": lambda v: records.detail(v, "the facilitator"),
    }
    for key, check in checks.items():
        try:
            fields[key] = check(value.get(key, ""))
        except ValueError as exc:
            problems.add(f"session.{key}", str(exc))
    if "date" in fields and not fields["date"]:
        problems.add("session.date", "a session needs a date (YYYY-MM-DD)")
    fields["groups"] = _groups(value.get("groups"), problems)
    for key in ("from", "merged_from"):
        if key in value:
            fields[key] = _provenance(value[key], f"session.{key}", problems, many=key == "merged_from")
    if not isinstance(value.get("kit"), dict):
        problems.add("session.kit", "expected an object with the kit's name and version")
    else:
        fields["kit"] = value["kit"]
    return fields


def _groups(value: Any, problems: Problems) -> list[str]:
    if not isinstance(value, list) or not value:
        problems.add("session.groups", "expected a non-empty list of group names")
        return []
    if len(value) > records.MAX_GROUPS:
        problems.add("session.groups", f"{len(value)} groups; at most {records.MAX_GROUPS}")
        return []
    groups: list[str] = []
    for n, g in enumerate(value):
        try:
            name = records.group_name(g)
        except ValueError as exc:
            problems.add(f"session.groups[{n}]", str(exc))
            continue
        if name != g:
            problems.add(f"session.groups[{n}]", "contains control characters, invisible characters or surrounding spaces")
        elif any(norm(x) == norm(g) for x in groups):
            problems.add(f"session.groups[{n}]", f"group {g!r} is given twice, or would be mistaken for another when typed")
        else:
            groups.append(g)
    return groups


def _provenance(value: Any, where: str, problems: Problems, many: bool) -> Any:
    """{id, name, date} of an earlier or merged session (kept as a record; never followed)."""
    entries = value if many else [value]
    if not isinstance(entries, list) or len(entries) > records.MAX_GROUPS:
        problems.add(where, "expected a list of sessions")
        return value
    for n, entry in enumerate(entries):
        at = f"{where}[{n}]" if many else where
        if not isinstance(entry, dict) or set(entry) != {"id", "name", "date"}:
            problems.add(at, "expected an object with id, name and date")
            continue
        for key, text in entry.items():
            try:
                if records.detail(text, key) != text:
                    problems.add(f"{at}.{key}", "contains control characters, invisible characters or surrounding spaces")
            except ValueError as exc:
                problems.add(f"{at}.{key}", str(exc))
    return value


def _kit(ref: dict, problems: Problems) -> Kit | None:
    """The kit to validate against: --kit if given, else the recorded folder if it exists here, else the shipped one by name."""
    name, path = ref.get("name"), ref.get("path")
    try:
        if current().kit:
            kit = current().load_kit(current().kit)
        elif isinstance(path, str) and Path(path).is_dir():
            kit = current().kit_of({"kit": ref})
        elif isinstance(name, str) and name in loader.builtin_names():
            kit = current().load_kit(name)
        else:
            problems.add(
                "session.kit",
                f"kit {name!r} is not shipped with tocht and its folder {path!r} is not here; give it with `tocht --kit FOLDER import …`",
            )
            return None
    except TochtError as exc:
        problems.add("session.kit", exc.message)
        return None
    if name != kit.name:
        problems.add("session.kit.name", f"the answers are for kit {name!r}, not {kit.name!r}")
        return None
    if ref.get("version") != kit.version:
        from tocht_cli import output

        output.message(f"note: exported with kit {name} {ref.get('version')}; checking against {kit.version}")
    return kit


def _answers(value: Any, groups: list[str], kit: Kit, problems: Problems) -> list[dict]:
    if not isinstance(value, list):
        problems.add("answers", "expected a list")
        return []
    most = sum(len(ex.kind.answer_items(ex)) for ex in kit.exercises) * max(1, len(groups))
    if len(value) > most:
        problems.add("answers", f"{len(value)} answers; this kit with {len(groups)} group(s) holds at most {most}")
        return []
    out, seen = [], set()
    for n, doc in enumerate(value):
        where = f"answers[{n}]"
        if not isinstance(doc, dict):
            problems.add(where, "expected an object")
            continue
        missing = [k for k in ANSWER_FIELDS if k not in doc]
        unknown = sorted(set(doc) - set(ANSWER_FIELDS))
        if missing or unknown:
            problems.add(
                where,
                "; ".join(
                    filter(None, [f"missing {', '.join(missing)}" if missing else "", f"unknown {', '.join(unknown)}" if unknown else ""])
                ),
            )
            continue
        checked = _answer(doc, groups, kit, where, problems)
        if checked is None:
            continue
        key = (checked["exercise"], checked["item"], checked["group"])
        if key in seen:
            problems.add(where, f"a second answer for {key[0]}/{key[1]} of group {key[2]!r}")
            continue
        seen.add(key)
        out.append(checked)
    return out


def _answer(doc: dict, groups: list[str], kit: Kit, where: str, problems: Problems) -> dict | None:
    ex_id, item, group = doc["exercise"], doc["item"], doc["group"]
    ex = next((e for e in kit.exercises if e.id == ex_id), None)
    if ex is None:
        problems.add(where, f"kit {kit.name} has no exercise {ex_id!r}")
        return None
    if group not in groups:
        problems.add(where, f"group {group!r} is not one of the session's groups")
        return None
    kind = ex.kind
    if not isinstance(item, str) or item not in {i for i, _ in kind.answer_items(ex)}:
        problems.add(where, f"exercise {ex.id} has no item {item!r}")
        return None
    try:
        value = kind.validate(ex, item, doc["value"])
        at = Timestamp().check(doc["at"])
    except ValueError as exc:
        problems.add(where, str(exc))
        return None
    if at is None:
        problems.add(where, "at: expected an ISO timestamp")
        return None
    return {"exercise": ex.id, "item": item, "group": group, "value": value, "at": at}
