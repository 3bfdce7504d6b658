"""The scanner's words are data: one file per language (helpdesk/scanner/lexicons/).

Adding a language is a data file plus its market in orders.markets, and no code: shown by a
copy of the scanner's package with a Dutch file added, run in a subprocess.  A malformed file
is refused with a message that names the file and the key.  No database.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from helpdesk.scanner import lexicon as lexicon_module
from helpdesk.scanner import scan
from helpdesk.scanner.lexicon import (
    COMMON_FILE,
    LANGUAGE_KEYS,
    LEXICON,
    LEXICON_DIR,
    NUMBERS,
    LexiconError,
    load,
)
from helpdesk.scanner.phone import regions_for
from orders import markets as markets_module
from orders.markets import MARKETS

SCANNER_DIR = Path(lexicon_module.__file__).parent
MARKETS_FILE = Path(markets_module.__file__)

#: A minimal Dutch file: what a translator writes; every other key is an empty list.
DUTCH = {
    "address.at_words_bare": ["apenstaartje"],
    "address.dot_words": ["punt"],
    "address.provider_prepositions": ["bij", "op"],
    "phone.cues": [r"bel\w*", r"telefoon\w*", "nummer"],
    "numbers.connectors": ["en"],
    "numbers.words": {
        "0": ["nul"],
        "1": ["een", "één"],
        "2": ["twee"],
        "3": ["drie"],
        "4": ["vier"],
        "5": ["vijf"],
        "6": ["zes"],
        "7": ["zeven"],
        "8": ["acht"],
        "9": ["negen"],
        "10": ["tien"],
        "20": ["twintig"],
        "hundred": ["honderd"],
    },
    "payment.strong": [r"\bbuiten\s+het\s+platform\b"],
    "marketing.discount_codes": ["kortingscode"],
    # the intent model's concepts: any word of these counts as the concept it learned
    "intent.money": ["betal*", "afreken*", "contant", "overmaken"],
    "intent.outside": ["buiten het platform", "rechtstreeks"],
    "intent.platform": ["platform*"],
}
#: The line a new market adds to orders/markets.py (appended to a copy of the file).
DUTCH_MARKET = (
    'MARKETS = (*MARKETS, MarketSpec("NL", "Netherlands", "NL", "Europe/Amsterdam", "EUR", "nl"))'
)

MESSAGES = {
    "email": "Stuur de factuur naar jan.devries apenstaartje ziggo punt nl, bedankt.",
    "payment": "Kunnen we buiten het platform afrekenen? Dat is goedkoper.",
    "marketing": "Met de kortingscode ZOMER krijgt u tien procent.",
    "phone": "Bel me op nul zes een twee drie vier vijf zes zeven acht.",
}


def language_file(values: dict) -> str:
    """A language file with every key of LANGUAGE_KEYS: ``values``, or an empty list."""
    tables: dict[str, list[str]] = {}
    for key, kind in LANGUAGE_KEYS.items():
        table, name = key.rsplit(".", 1)
        value = values.get(key, {} if kind == NUMBERS else [])
        if kind == NUMBERS:
            tables[key] = [f'"{number}" = {json.dumps(forms)}' for number, forms in value.items()]
        else:
            tables.setdefault(table, []).append(f"{name} = [{', '.join(map(literal, value))}]")
    return "\n".join(f"[{table}]\n" + "\n".join(lines) + "\n" for table, lines in tables.items())


def literal(entry: str) -> str:
    """A TOML literal string: what the data files use for regular expressions."""
    return f"'{entry}'"


def scan_in_a_copy(folder: Path) -> dict:
    """The scanner package copied (code unchanged) with orders/markets.py, with the Dutch
    file and market line, asked in a fresh interpreter."""
    (folder / "helpdesk").mkdir(parents=True)
    (folder / "helpdesk" / "__init__.py").write_text("")
    shutil.copytree(
        SCANNER_DIR, folder / "helpdesk" / "scanner", ignore=shutil.ignore_patterns("__pycache__")
    )
    (folder / "orders").mkdir()
    (folder / "orders" / "__init__.py").write_text("")
    markets = MARKETS_FILE.read_text(encoding="utf-8") + f"\n{DUTCH_MARKET}\n"
    (folder / "helpdesk" / "scanner" / "lexicons" / "nl.toml").write_text(
        language_file(DUTCH), encoding="utf-8"
    )
    (folder / "orders" / "markets.py").write_text(markets, encoding="utf-8")
    program = textwrap.dedent(
        """
        import json, sys
        from helpdesk.scanner import scan
        from helpdesk.scanner.lexicon import LEXICON
        from helpdesk.scanner.phone import regions_for
        messages = json.loads(sys.argv[1])
        print(json.dumps({
            "languages": LEXICON.languages,
            "regions": regions_for("nl"),
            "found": {
                name: sorted({f.kind for f in scan(text, language="nl")})
                for name, text in messages.items()
            },
        }))
        """
    )
    # no Django settings: the scanner is a plain library call there (default platform domain)
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment["PYTHONPATH"] = str(folder)
    done = subprocess.run(
        [sys.executable, "-c", program, json.dumps(MESSAGES)],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def read_here() -> dict:
    """What ``scan_in_a_copy``'s program prints, read in this process: the package as it is,
    without the Dutch file (a copy without it would be this package again, seconds more)."""
    return {
        "languages": list(LEXICON.languages),
        "regions": list(regions_for("nl")),
        "found": {
            name: sorted({f.kind for f in scan(text, language="nl")})
            for name, text in MESSAGES.items()
        },
    }


def test_a_new_language_is_a_data_file_and_a_market_line(tmp_path):
    before = read_here()
    after = scan_in_a_copy(tmp_path / "after")
    assert "nl" not in before["languages"]
    assert before["found"]["email"] == []
    assert before["found"]["payment"] == []
    assert before["found"]["marketing"] == []
    # the languages are the files present, Dutch after those of language_order
    assert after["languages"] == [*before["languages"], "nl"]
    assert after["regions"] == ["NL"]  # from the market table
    assert after["found"] == {
        "email": ["email"],  # "apenstaartje" for "@", "punt" for "."
        "payment": ["payment"],
        "marketing": ["marketing"],
        "phone": ["phone"],  # Dutch number words, a Dutch mobile number
    }


def copy_of_the_lexicons(folder: Path) -> Path:
    shutil.copytree(LEXICON_DIR, folder / "lexicons")
    return folder / "lexicons"


def test_the_package_lexicons_load_and_every_market_language_has_a_file():
    assert load(LEXICON_DIR) == LEXICON
    assert {market.language for market in MARKETS} <= set(LEXICON.languages)
    assert LEXICON.languages[: len(LEXICON.common["language_order"])] == tuple(
        LEXICON.common["language_order"]
    )


def test_a_new_file_with_the_same_keys_loads(tmp_path):
    folder = copy_of_the_lexicons(tmp_path)
    (folder / "nl.toml").write_text(language_file(DUTCH), encoding="utf-8")
    loaded = load(folder)
    assert loaded.languages[-1] == "nl"
    assert "apenstaartje" in loaded.union("address.at_words_bare")


def test_an_unknown_key_is_refused_naming_the_file_and_the_key(tmp_path):
    folder = copy_of_the_lexicons(tmp_path)
    text = language_file(DUTCH).replace("[payment]\n", "[payment]\nstrongg = []\n")
    (folder / "nl.toml").write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=r"^nl\.toml: unknown key 'payment\.strongg'"):
        load(folder)


def test_a_missing_key_is_refused_naming_the_file_and_the_key(tmp_path):
    folder = copy_of_the_lexicons(tmp_path)
    text = language_file(DUTCH).replace("iban_names = []\n", "")
    (folder / "nl.toml").write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=r"^nl\.toml: missing key 'payment\.iban_names'"):
        load(folder)


def test_a_broken_entry_is_refused_naming_the_file_and_the_key(tmp_path):
    folder = copy_of_the_lexicons(tmp_path)
    broken = {**DUTCH, "payment.weak": [r"\bcontant(\b"]}
    (folder / "nl.toml").write_text(language_file(broken), encoding="utf-8")
    with pytest.raises(LexiconError, match=r"^nl\.toml: 'payment\.weak': .* is not a valid"):
        load(folder)
    (folder / "nl.toml").write_text(
        language_file({**DUTCH, "phone.neighbour_languages": ["be"]}), encoding="utf-8"
    )
    with pytest.raises(LexiconError, match=r"^nl\.toml: 'phone\.neighbour_languages' .*'be'"):
        load(folder)
    (folder / "nl.toml").write_text(language_file({**DUTCH, "address.dot_words": ["Punt"]}))
    with pytest.raises(LexiconError, match=r"^nl\.toml: 'address\.dot_words': 'Punt' must be"):
        load(folder)
    for concept in ("Betal*", "bet*", "betal-en", "een twee drie vier"):
        (folder / "nl.toml").write_text(language_file({**DUTCH, "intent.money": [concept]}))
        with pytest.raises(LexiconError, match=r"^nl\.toml: 'intent\.money': .* must be one to"):
            load(folder)


def test_common_data_is_checked_too(tmp_path):
    folder = copy_of_the_lexicons(tmp_path)
    common = folder / COMMON_FILE
    common.write_text(common.read_text(encoding="utf-8").replace("tlds = [", "tld = ["))
    with pytest.raises(LexiconError, match=r"^common\.toml: unknown key 'tld'"):
        load(folder)


@pytest.mark.parametrize(
    ("pattern", "typed", "written"),
    [
        (r"zdzwo[nń]my\s+si[ęe]", "zdzwonmy sie", "zdzwońmy się"),
        (r"suna[țt]i-mă", "sunati-ma", "sunați-mă"),
        (r"przelał\w*", "przelal", "przelał"),
        (r"kedvezm[ée]ny", "kedvezmeny", "kedvezmény"),
        (r"\bwięc\b", "wiec", "więc"),
    ],
)
def test_a_language_s_patterns_also_match_their_words_typed_without_accents(
    pattern, typed, written
):
    bare = lexicon_module.typed_bare(pattern)
    assert re.fullmatch(bare, typed)
    assert re.fullmatch(bare, written)


def test_a_negated_class_is_left_as_it_is():
    assert lexicon_module.typed_bare("[^ąę]x") == "[^ąę]x"  # "ax" still matches, "ąx" not


def test_a_check_remembered_is_for_the_same_files_only(tmp_path, monkeypatch):
    """A process that finds the package's files as a valid check left them skips compiling
    each regular expression again; an edit makes it check them again, a broken entry is
    refused."""
    folder = copy_of_the_lexicons(tmp_path)
    monkeypatch.setattr(lexicon_module, "LEXICON_DIR", folder)
    monkeypatch.setattr(lexicon_module, "_CHECKED_PATH", tmp_path / "checked")
    assert load(folder) == load(LEXICON_DIR)  # the first checks and remembers
    remembered = (tmp_path / "checked").read_text()
    compiled = []
    monkeypatch.setattr(lexicon_module.re, "compile", lambda *a: compiled.append(a))
    load(folder)
    assert compiled == []  # the same files: nothing compiled to check them
    monkeypatch.undo()
    monkeypatch.setattr(lexicon_module, "LEXICON_DIR", folder)
    monkeypatch.setattr(lexicon_module, "_CHECKED_PATH", tmp_path / "checked")
    broken = (
        (folder / "en.toml")
        .read_text(encoding="utf-8")
        .replace("[payment]\nstrong = [", "[payment]\nstrong = ['cash(', ", 1)
    )
    (folder / "en.toml").write_text(broken, encoding="utf-8")
    with pytest.raises(LexiconError, match=r"^en\.toml: 'payment\.strong': .* is not a valid"):
        load(folder)
    assert (tmp_path / "checked").read_text() == remembered
