"""Shared by the scenario data generators: paths, Salesforce ids, names, CSV writing and reading.

Salesforce record ids are 15 case-sensitive base-62 characters; the 18-character
form appends a case-safe suffix of three characters, one per five characters,
each encoding which of those five are upper case.

CSV files are written by `csv_bytes` (every field quoted unless quote_all=False) and
read back by `Table`, which also asserts that the file is exactly what `csv_bytes`
would write for its rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import random
import re
import sys
import unicodedata
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
SCEN = ROOT / "scenarios"
CRLF, LF = "\r\n", "\n"

B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"


def sf_suffix(id15: str) -> str:
    """The 3-character case-safe suffix of a 15-character id."""
    assert len(id15) == 15, id15
    out = []
    for c in range(3):
        n = 0
        for i, ch in enumerate(id15[c * 5:(c + 1) * 5]):
            if "A" <= ch <= "Z":
                n |= 1 << i
        out.append(SUFFIX_CHARS[n])
    return "".join(out)


def to18(id15: str) -> str:
    """The 18-character form of a 15-character id."""
    return id15 + sf_suffix(id15)


assert to18("001M000000qfPyS") == "001M000000qfPySIAU"
assert to18("a0RE000000IJmcN") == "a0RE000000IJmcNMAT"


def b62(n: int, width: int) -> str:
    """`n` in base 62, left-padded with zeros to `width`."""
    s = ""
    while n:
        n, r = divmod(n, 62)
        s = B62[r] + s
    assert len(s) <= width
    return s.rjust(width, "0")


def mixed_case(s: str) -> bool:
    return any("A" <= c <= "Z" for c in s) and any("a" <= c <= "z" for c in s)


class IdFactory:
    """Per-prefix ascending base62 counters: <prefix><pod>00000<5 chars> + suffix.

    Counters advance by small random steps; a value is skipped unless its 5-char tail mixes
    upper and lower case and its lower-cased 15-char form is new in the scenario.
    """

    def __init__(self, rng: random.Random, pod: str = "5g"):
        self.rng = rng
        self.pod = pod
        self.counters: dict[str, int] = {}
        self.used_ci: set[str] = set()

    def next(self, prefix: str) -> str:
        n = self.counters.get(prefix)
        if n is None:
            n = self.rng.randint(62 ** 4 * 12, 62 ** 4 * 50)
        while True:
            n += self.rng.randint(1, 29)
            tail = b62(n, 5)
            id15 = prefix + self.pod + "00000" + tail
            if mixed_case(tail) and id15.lower() not in self.used_ci:
                break
        self.counters[prefix] = n
        self.used_ci.add(id15.lower())
        return to18(id15)


def sf_id_ok(v: str, prefix: str, mixed_tail: bool = True) -> bool:
    """`v` is an 18-character id with `prefix` and the right suffix; with `mixed_tail`, its
    5-char counter part (v[10:15], as IdFactory makes it) also mixes upper and lower case."""
    return (len(v) == 18 and v.startswith(prefix) and all(c in B62 for c in v)
            and v[15:] == sf_suffix(v[:15]) and (not mixed_tail or mixed_case(v[10:15])))


def rand_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """A date between `start` and `end`, inclusive."""
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


# Letters NFKD does not take apart, spelled the way an address would.
TRANSLIT = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                          "ß": "ss", "æ": "ae", "Æ": "AE", "ı": "i", "œ": "oe", "Œ": "OE",
                          "þ": "th", "ð": "d"})


def ascii_fold(s: str) -> str:
    """`s` in ASCII letters: accents dropped, ł → l, ß → ss."""
    s = unicodedata.normalize("NFKD", s.translate(TRANSLIT))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.encode("ascii", "ignore").decode("ascii")


def slug(s: str) -> str:
    """`s` folded to ASCII, lower case, letters and digits only (for e-mails and domains)."""
    return re.sub(r"[^a-z0-9]+", "", ascii_fold(s).lower())


LAST = ["Smith", "Johnson", "Brown", "Taylor", "Wilson", "Martin", "Anderson", "Moore",
        "Clark", "Walker", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams",
        "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Evans", "Turner",
        "Parker", "Collins", "Edwards", "Stewart", "Morris", "Rossi", "Bianchi", "Jensen",
        "Hansen", "Tanaka", "Suzuki", "Kim", "Chen", "Wang", "Singh", "Patel", "Okafor",
        "Mensah", "Silva", "Santos", "Costa", "Novak", "Horvat", "Nagy", "Virtanen",
        "Murphy", "Kelly", "O'Brien", "de Vries", "Janssen", "Becker", "Wagner", "Fischer",
        # accented, here and there
        "Müller", "Schäfer", "Großmann", "García", "Núñez", "Lefèvre", "Pérez", "Sørensen",
        "Öztürk", "Kowalczyk", "Fernández", "Gómez", "Björklund", "Çelik", "Brontë",
        "Dvořák", "Löfgren", "Ibáñez", "Wiśniewski"]
CO_NOUNS = ["Logistics", "Systems", "Analytics", "Foods", "Energy", "Robotics", "Textiles",
            "Pharma", "Media", "Consulting", "Software", "Labs", "Holdings", "Partners",
            "Manufacturing", "Retail", "Bau", "Technik", "Médical", "Solutions", "Freight",
            "Insurance", "Devices", "Studios", "Brewing", "Optics"]
INDUSTRIES = ["Agriculture", "Apparel", "Banking", "Biotechnology", "Chemicals",
              "Communications", "Construction", "Consulting", "Education", "Electronics",
              "Energy", "Engineering", "Finance", "Food & Beverage", "Healthcare",
              "Hospitality", "Insurance", "Manufacturing", "Media", "Not For Profit",
              "Retail", "Technology", "Telecommunications", "Transportation", "Utilities",
              "Other"]


class UniqueEmails:
    """first.last@domain addresses, made unique by a counter (first.last2@...).
    `slug` turns a name into the part of an address it gives."""

    def __init__(self, slug: Callable[[str], str]) -> None:
        self.slug = slug
        self.used: set[str] = set()

    def make(self, first: str, last: str, domain: str) -> str:
        base = f"{self.slug(first)}.{self.slug(last)}"
        cand, k = f"{base}@{domain}", 2
        while cand.lower() in self.used:
            cand, k = f"{base}{k}@{domain}", k + 1
        self.used.add(cand.lower())
        return cand


def write(path: Path, data: bytes) -> None:
    """Writes `data` to `path` exactly, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data)


def csv_bytes(header: list[str], rows: list[list[str]], eol: str, quote_all: bool = True) -> bytes:
    """UTF-8 CSV: `header` then `rows`, each record ended by `eol`; every field quoted, or only
    where needed when `quote_all` is False. Cells may hold LF but never CR."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
                   lineterminator=eol)
    w.writerow(header)
    for r in rows:
        assert len(r) == len(header), r
        assert not any("\r" in c for c in r), r
        w.writerow(r)
    return buf.getvalue().encode("utf-8")


class Table:
    """A CSV file re-read from disk: header, rows (dicts) and the physical start line of each.

    Asserts no BOM, the expected header, and that the file is byte for byte what `csv_bytes`
    writes for these rows with this `eol` and `quote_all`."""

    def __init__(self, path: Path, header: list[str], eol: str, quote_all: bool = True):
        raw = path.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), f"{path}: BOM"
        text = raw.decode("utf-8")
        rd = csv.reader(io.StringIO(text, newline=""))
        got_header = next(rd)
        assert got_header == header, (path, got_header)
        self.rows: list[dict[str, str]] = []
        self.lines: list[int] = []
        lists = []
        prev = rd.line_num
        for r in rd:
            assert len(r) == len(header), (path, rd.line_num, r)
            self.lines.append(prev + 1)
            prev = rd.line_num
            lists.append(r)
            self.rows.append(dict(zip(header, r)))
        # physical line count agrees with the reader's count (file ends with a record end)
        assert raw.endswith(eol.encode()) and raw.count(b"\n") == prev, path
        # exact quoting and record terminator, nothing else in the file
        quoting = "QUOTE_ALL" if quote_all else "QUOTE_MINIMAL"
        assert csv_bytes(header, lists, eol, quote_all) == raw, \
            f"{path}: not {quoting}/{eol!r} canonical"
        if eol == LF:
            assert b"\r" not in raw, path
        else:  # CRLF only as record end; cells hold LF at most
            assert raw.count(b"\r\n") == len(lists) + 1 and raw.count(b"\r") == len(lists) + 1
        self.path = path
        self.n_lines = prev

    def col(self, name: str) -> list[str]:
        return [r[name] for r in self.rows]


def generate_and_check(scenarios: list[tuple[str, Path, Callable[[], dict[str, bytes]],
                                             Callable[[], tuple[list[str], dict]]]],
                       expected: dict) -> None:
    """A generator script's main: write every scenario's files (unless --check),
    then read them back, compare each scenario's facts with `expected`, print the
    report and the files' sizes and hashes (--facts: the facts as a literal)."""
    if "--check" not in sys.argv[1:]:
        for _, d, gen, _ in scenarios:
            for n, b in gen().items():
                write(d / n, b)
    report = []
    out = {}
    for tag, _, _, check in scenarios:
        rep, facts = check()
        out[tag] = facts
        report += [f"== {tag}"] + rep
        if tag in expected:
            assert facts == expected[tag], (tag, facts)
    report.append("== files")
    for _, d, _, _ in scenarios:
        for p in sorted(d.glob("*.csv")):
            b = p.read_bytes()
            report.append(f"{p.relative_to(ROOT)}  {len(b)} bytes  "
                          f"sha256 {hashlib.sha256(b).hexdigest()[:16]}")
    print("\n".join(report))
    if "--facts" in sys.argv[1:]:
        print(repr(out))
    print("ALL CHECKS PASSED")
