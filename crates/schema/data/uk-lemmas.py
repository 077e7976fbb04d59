#!/usr/bin/env python3
"""Writes uk-lemmas.tsv.gz: Ukrainian word forms and the lemma each is indexed as.

Source: the VESUM Ukrainian morphological dictionary as packaged for pymorphy3
(`pymorphy3-dicts-uk`; its data under CC BY-SA 3.0). The table covers every form of every
lemma the given corpora use, so a query and an article that inflect one word differently
("воєнний стан", "воєнного стану") meet on its lemma; words outside it keep the stemmer.
A form with several readings takes the lemma most of its readings share ("діти" is read
as the plural of "дитина" more often than as the verb "діти"), unless the corpus never
uses that lemma in a form only it has and does so another: "києві" is Київ, not кий (a
cue), "року" рік, not рок, "люди" людина, not люда. Only dictionary words are
used, never pymorphy's guesses. Run by `make uk-lemmas`, which pins the packages.

usage: uk-lemmas.py OUT.tsv.gz CORPUS_FILE_OR_DIR...
"""

import collections
import gzip
import io
import json
import os
import re
import sys

import pymorphy3

APOSTROPHES = "'’ʼʹ`"
WORD = re.compile(r"[^\W_]+(?:[" + APOSTROPHES + r"][^\W_]+)*")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z]")
# Parts of speech of words that do not inflect or are pronouns.
FUNCTION_WORDS = {"PREP", "CONJ", "PRCL", "NPRO", "INTJ", "ADVB"}


def key(word):
    """A word as the index analyser holds it: lowercased, apostrophes dropped."""
    return "".join(c for c in word.lower() if c not in APOSTROPHES)


def texts(paths):
    for path in paths:
        if os.path.isdir(path):
            for root, _, files in os.walk(path):
                yield from texts(sorted(os.path.join(root, f) for f in files))
        elif path.endswith((".jsonl", ".jsonl.gz")):
            opener = gzip.open if path.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8") as f:
                for line in f:
                    try:
                        record = json.loads(line)
                    except ValueError:
                        continue
                    yield record.get("title") or ""
                    yield record.get("body") or ""
        elif path.endswith(".txt"):
            with open(path, encoding="utf-8") as f:
                yield f.read()


def lemma(morph, word, evidence=None):
    """The lemma most known readings of `word` share and one such reading, or Nones; with
    `evidence` (per lemma, the corpus's uses of forms no other lemma has), one the corpus
    uses over one it never does."""
    readings = [p for p in morph.parse(word) if p.is_known]
    if not readings:
        return None, None
    counts = collections.Counter(p.normal_form for p in readings)
    best = max(counts, key=lambda n: (counts[n], -len(n), n))
    # A lemma the corpus never uses in a form only it has yields to one it does ("києві"
    # is Київ, not кий; "року" рік, not рок). Not for a word that can be a function word:
    # its one form is never unambiguous.
    if (
        evidence
        and not evidence.get(best)
        and not any(p.tag.POS in FUNCTION_WORDS for p in readings)
    ):
        used = max(counts, key=lambda n: (evidence.get(n, 0), counts[n], -len(n), n))
        if evidence.get(used):
            best = used
    return best, next(p for p in readings if p.normal_form == best)


def unambiguous_uses(morph, frequencies):
    """Per lemma, how often the corpus uses a form of it that no other lemma has."""
    evidence = collections.Counter()
    for word, n in frequencies.items():
        lemmas = {p.normal_form for p in morph.parse(word) if p.is_known}
        if len(lemmas) == 1:
            evidence[lemmas.pop()] += n
    return evidence


def main():
    out, paths = sys.argv[1], sys.argv[2:]
    morph = pymorphy3.MorphAnalyzer(lang="uk")
    frequencies = collections.Counter()
    for text in texts(paths):
        for w in WORD.findall(text):
            if CYRILLIC.search(w) and not LATIN.search(w):
                frequencies[w.lower()] += 1
    words = set(frequencies)
    evidence = unambiguous_uses(morph, frequencies)
    forms = set()
    for w in sorted(words):
        _, reading = lemma(morph, w)
        if reading is not None:
            forms.update(f.word for f in reading.lexeme)
    table = {}
    for form in sorted(forms):
        best, _ = lemma(morph, form, evidence)
        if best is not None and key(form) != key(best):
            table.setdefault(key(form), key(best))
    # No timestamp in the gzip header, so the same input writes the same bytes.
    with gzip.GzipFile(out, "wb", compresslevel=9, mtime=0) as raw:
        with io.TextIOWrapper(raw, encoding="utf-8") as f:
            for form in sorted(table):
                f.write(f"{form}\t{table[form]}\n")
    print(f"{len(words)} corpus words, {len(forms)} forms: {len(table)} written to {out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
