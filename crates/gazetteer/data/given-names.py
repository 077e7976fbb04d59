#!/usr/bin/env python3
"""Writes given-names.txt.gz: given names and patronymics, in Cyrillic and romanised.

Source: the `names_translator` package (MIT), whose dictionaries hold the first names and
patronymics of Ukrainian public registers with their Russian equivalents. Each Ukrainian
name is romanised by every common Ukrainian system, each Russian one by every common
Russian system (`translitua`, MIT), so "Володимир" also gives Volodymyr, Volodimir,
Wolodymyr and Vladimir. Names that are also common words of English, Ukrainian or Russian ("Will", "Тому", "Але",
by the stopwords-iso lists) are left out: at the start of a sentence they are words.
Run by `make given-names`, which pins the packages.
"""

import gzip
import json
import os
import sys

import dawg_python
import stopwordsiso
import translitua
from names_translator.dicts import apply_rule
import names_translator

DATA = os.path.join(os.path.dirname(names_translator.__file__), "data")

UK_SYSTEMS = [
    translitua.UkrainianKMU,
    translitua.UkrainianNational1996,
    translitua.UkrainianBGN,
    translitua.UkrainianBritish,
    translitua.UkrainianGerman,
    translitua.UkrainianFrench,
    translitua.UkrainianPassport2004Alt,
    translitua.UkrainianPassport2007,
    translitua.UkrainianSimple,
    translitua.UkrainianUNGEGN,
]
RU_SYSTEMS = [
    translitua.RussianInternationalPassport,
    translitua.RussianInternationalPassport1997,
    translitua.RussianICAO,
    translitua.RussianSimple,
    translitua.RussianDriverLicense,
]


def pool(name):
    """Ukrainian keys of one dictionary and their Russian equivalents."""
    d = dawg_python.RecordDAWG(">BH").load(os.path.join(DATA, name + ".dawg"))
    with open(os.path.join(DATA, name + ".rules.json"), encoding="utf-8") as f:
        rules = json.load(f)
    for key, (_rank, rule) in d.items():
        yield key, apply_rule(key, tuple(rules[rule])).lower()


def plain(word):
    return len(word) >= 3 and all(c.isalpha() or c in "-'’ʼ" for c in word)


def main(out):
    names = set()
    for category in ("first", "patronymic"):
        for uk, ru in pool(category):
            forms = []
            if plain(uk):
                forms.append(uk)
                names.add(uk)
                forms += [translitua.translit(uk, s) for s in UK_SYSTEMS]
            if plain(ru):
                names.add(ru)
                forms += [translitua.translit(ru, s) for s in RU_SYSTEMS]
            # Patronymics are written in Latin script almost only by the national system.
            if category == "patronymic":
                forms = forms[:2]
            names.update(f.lower() for f in forms if plain(f) and f.isascii() or f in (uk, ru))
    common = set().union(*(stopwordsiso.stopwords(lang) for lang in ("en", "uk", "ru")))
    names -= {n for n in names if n in common}
    text = "# given names and patronymics, one per line; see given-names.py\n"
    text += "".join(n + "\n" for n in sorted(names))
    # mtime 0: the same names give the same bytes, so a rerun leaves the tree clean.
    with open(out, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", compresslevel=9, mtime=0) as f:
        f.write(text.encode("utf-8"))
    print(f"{len(names)} names -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "given-names.txt.gz"))
