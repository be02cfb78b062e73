"""Shared by the scenario data generators: paths, Salesforce ids, writing.

Salesforce record ids are 15 case-sensitive base-62 characters; the 18-character
form appends a case-safe suffix of three characters, one per five characters,
each encoding which of those five are upper case.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
SCEN = ROOT / "scenarios"

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
