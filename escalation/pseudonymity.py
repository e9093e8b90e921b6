"""Does a summary for the bestuurder still name the household?

The bestuurlijke-informatie summary goes to the wethouder or burgemeester and must be
pseudonymised (DESIGN.md). An outside review got "Gezin Verbeeks, Lindelaan 17, geboren
30-01-2012" accepted: the old check matched whole first and last names only. This one
compares the summary, with accents, case and punctuation folded away, against what the
case holds about its household: names (also with a Dutch plural or diminutive ending),
the street of each address, postcodes, and dates of birth in any common spelling.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "jan"),
            ("februari", "feb"),
            ("maart", "mrt", "maa"),
            ("april", "apr"),
            ("mei",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("augustus", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
# A name with a Dutch plural, possessive or diminutive ending is still the name.
NAME_ENDINGS = r"(?:s|es|en|je|tje|jes|tjes)?"
MIN_WORD = 3


def fold(text: str) -> str:
    """Lower case, without accents, every run of other characters one space."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " " + re.sub(r"[^0-9a-z]+", " ", text.lower()).strip() + " "


def _words(value: str) -> list[tuple[str, str]]:
    """(folded, as written) for each word of `value` long enough to identify someone."""
    pairs = []
    for word in re.split(r"[\s\-']+", value or ""):
        folded = fold(word).strip()
        if len(folded) >= MIN_WORD and not folded.isdigit() and " " not in folded:
            pairs.append((folded, word.strip(".,")))
    return pairs


def _year(value: str) -> int:
    year = int(value)
    return year + (2000 if year < 50 else 1900) if year < 100 else year


def dates_in(text: str) -> set[date]:
    """Every date written in `text` as d-m-y, y-m-d or "30 januari 2012" (any separator)."""
    folded = fold(text)
    found: set[date] = set()
    candidates = []
    for d, m, y in re.findall(r"\b(\d{1,2}) (\d{1,2}) (\d{2}|\d{4})\b", folded):
        candidates.append((_year(y), int(m), int(d)))
    for y, m, d in re.findall(r"\b(\d{4}) (\d{1,2}) (\d{1,2})\b", folded):
        candidates.append((int(y), int(m), int(d)))
    for d, month, y in re.findall(r"\b(\d{1,2}) ([a-z]+) (\d{2}|\d{4})\b", folded):
        if month in MONTHS:
            candidates.append((_year(y), MONTHS[month], int(d)))
    for y, m, d in candidates:
        try:
            found.add(date(y, m, d))
        except ValueError:
            continue
    return found


def identifying_details(text: str, persons: Iterable[dict]) -> list[str]:
    """What in `text` points at one of `persons` (dicts with first_name, last_name,
    address, postcode, date_of_birth): the words and dates found, for the message."""
    folded = fold(text)
    found: list[str] = []
    for person in persons:
        names = _words(person.get("first_name", "")) + _words(person.get("last_name", ""))
        streets = _words(re.sub(r"\d.*$", "", person.get("address", "") or ""))
        for word, written in [*names, *streets]:
            if re.search(rf" {re.escape(word)}{NAME_ENDINGS} ", folded) and written not in found:
                found.append(written)
        postcode = fold(person.get("postcode", "") or "").replace(" ", "")
        if postcode and postcode in folded.replace(" ", ""):
            found.append(person["postcode"])
        born = person.get("date_of_birth")
        if born and born in dates_in(text):
            found.append(born.strftime("%d-%m-%Y"))
    return found
