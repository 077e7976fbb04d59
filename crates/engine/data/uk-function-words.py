#!/usr/bin/env python3
"""Writes uk-function-words.txt: the Ukrainian words the dictionary reads as a preposition,
conjunction, particle or pronoun ("з", "на", "та", "що", "його").

Source: the VESUM Ukrainian morphological dictionary as packaged for pymorphy3
(`pymorphy3-dicts-uk`; its data under CC BY-SA 3.0). Any reading makes the list, since the
dictionary also knows rare other readings of the commonest ones ("до" as the note, "його"
as a form of "йога"); the engine takes a listed word as a function word only when it is
common in the articles, so a rare one ("коло", a circle or "near") stays a word. Run by
`make uk-function-words`, which pins the packages.

usage: uk-function-words.py OUT.txt
"""

import sys

import pymorphy3

FUNCTION = {"PREP", "CONJ", "PRCL", "NPRO"}


def main():
    out = sys.argv[1]
    morph = pymorphy3.MorphAnalyzer(lang="uk")
    # Lowercase, as a query's word is looked up.
    words = {
        word.lower()
        for word, tag, _, _, _ in morph.dictionary.iter_known_words()
        if tag.POS in FUNCTION and word.isalpha()
    }
    with open(out, "w", encoding="utf-8") as f:
        for word in sorted(words):
            f.write(word + "\n")
    print(f"{len(words)} function words written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
