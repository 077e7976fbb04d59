#!/usr/bin/env python3
"""Writes en-spellings.tsv: British English spellings and the American spelling each is
indexed as ("defence" -> "defense", "mobilised" -> "mobilized").

Source: the British-American spelling table of the `breame` package (Apache-2.0), itself
the tysto.com list of UK/US spelling differences with every inflected form. The two
spellings of a word stem differently ("defenc", "defens"), so without it an article on
"air defence" and one on "air defense" never meet. A British form that is also some
word's American spelling is left out, so no American word is read as another. Run by
`make en-spellings`, which pins the package.

usage: en-spellings.py OUT.tsv
"""

import sys

from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS


def main():
    out = sys.argv[1]
    american = set(BRITISH_ENGLISH_SPELLINGS.values())
    table = {
        british.lower(): us.lower()
        for british, us in BRITISH_ENGLISH_SPELLINGS.items()
        if british.isalpha() and us.isalpha() and british not in american and british != us
    }
    with open(out, "w", encoding="utf-8") as f:
        for british in sorted(table):
            f.write(f"{british}\t{table[british]}\n")
    print(f"{len(table)} spellings written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
