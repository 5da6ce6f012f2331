"""tocht's message catalogs: extract the marked texts, update each language's .po, compile the .mo.

    python tools/catalogs.py update   # after changing a message: then translate the new entries
    python tools/catalogs.py check    # what the tests check: complete, nothing stale, .mo up to date

Babel reads the Python sources (and the HTML templates) for `_()`, `N_()`,
`.gettext()` and `.ngettext()`; the standard library's gettext reads the
compiled .mo at run time. The .mo files are committed, so an install needs
no build step; `check` fails when one no longer matches its .po.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tocht_cli"
LOCALE_DIR = PACKAGE / "locale"
DOMAIN = "tocht"
TRANSLATED = ("nl",)  # English is the message ids' own language
METHODS = [("**.py", "python"), ("**/templates/**.html", "jinja2"), ("**/templates/**.typ", "jinja2")]
FIXED_DATE = dt.datetime(2026, 11, 27, tzinfo=dt.UTC)  # no churn in the headers on every update


def template() -> Catalog:
    """Every marked message in the package, as Babel finds it."""
    catalog = Catalog(project="tocht", domain=DOMAIN, creation_date=FIXED_DATE, revision_date=FIXED_DATE, fuzzy=False)
    found = extract_from_dir(PACKAGE, METHODS, keywords=DEFAULT_KEYWORDS, comment_tags=("TRANSLATORS:",), strip_comment_tags=True)
    for filename, lineno, message, comments, context in found:
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(language: str) -> Catalog:
    path = po_path(language)
    if not path.exists():
        return Catalog(locale=language, domain=DOMAIN, creation_date=FIXED_DATE, revision_date=FIXED_DATE, fuzzy=False)
    with path.open("rb") as f:
        return read_po(f, locale=language, domain=DOMAIN)


def compiled(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def update() -> None:
    fresh = template()
    for language in TRANSLATED:
        catalog = read(language)
        catalog.update(fresh, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        catalog.project, catalog.version, catalog.msgid_bugs_address = "tocht", "1", "-"
        catalog.last_translator = catalog.language_team = "tocht"
        catalog.revision_date = FIXED_DATE
        path = po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = io.BytesIO()  # written whole, so that a failure leaves the old file as it was
        write_po(text, catalog, width=100, no_location=True, sort_output=True, ignore_obsolete=True)
        path.write_bytes(text.getvalue())
        path.with_suffix(".mo").write_bytes(compiled(read(language)))
        print(f"{path.relative_to(ROOT)}: {len(problems(language, fresh))} to translate", file=sys.stderr)


def problems(language: str, fresh: Catalog | None = None) -> list[str]:
    """What keeps `language`'s catalog from being complete, current and compiled."""
    fresh = fresh or template()
    catalog = read(language)
    wanted = {m.id for m in fresh if m.id}
    have = {m.id: m for m in catalog if m.id}
    found = [f"not in the catalog: {message_id!r}" for message_id in wanted - have.keys()]
    found += [f"no longer used: {message_id!r}" for message_id in have.keys() - wanted]
    for message_id, message in have.items():
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if message.fuzzy or not all(strings):
            found.append(f"not translated: {message_id!r}")
        else:
            found += [f"{problem}: {message_id!r}" for problem in _placeholder_problems(message)]
    mo = po_path(language).with_suffix(".mo")
    if not mo.exists() or mo.read_bytes() != compiled(catalog):
        found.append(f"{mo.relative_to(ROOT)} is not compiled from its .po (run `python tools/catalogs.py update`)")
    return sorted(found)


def _placeholder_problems(message) -> list[str]:
    """A translation must use the same {placeholders} as its id, or `.format` fails at run time."""
    from string import Formatter

    def names(text: str) -> set[str]:
        return {field for _, field, _, _ in Formatter().parse(text) if field is not None}

    ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    expected = set().union(*(names(i) for i in ids))
    return [f"placeholders {sorted(names(s))} instead of {sorted(expected)}" for s in strings if names(s) - expected]


def main(argv: list[str]) -> int:
    if argv == ["update"]:
        update()
        return 0
    if argv == ["check"]:
        fresh = template()
        found = [f"{language}: {problem}" for language in TRANSLATED for problem in problems(language, fresh)]
        print("\n".join(found) or "catalogs complete", file=sys.stderr)
        return 1 if found else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
