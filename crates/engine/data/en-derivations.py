#!/usr/bin/env python3
"""Writes en-derivations.tsv: English nouns that name an act, event or state and the verb
each is derived from ("recognition" and "recognize", "invasion" and "invade").

Source: WordNet 3.0 (Princeton University; its licence, BSD-like, is in the Debian
package's copyright file), its "derivationally related form" links between a noun sense
and a verb sense. The stemmer joins "evacuation" and "evacuated" but not "invasion" and
"invaded": without the table a query for the one misses articles saying the other. Kept:
- a noun sense of an act, event, process, state, cognition or possession (lexicographer
  files noun.act ... noun.possession), so "attacker" and "weapon" are not read as their
  verbs, of a noun whose commonest sense is one too, so a noun mostly meaning a thing or a
  group ("pressure", a force; "settlement", a village; "formation", a unit) is left out;
- both senses tagged at least once in the semantic concordance (cntlist), so a link
  through a rare sense ("crime" and "criminate") is left out;
- words of letters only that begin alike for four letters or more, so one of two words
  that merely resemble each other ("trial" and "try", "action" and "act") is not read as
  the other.
The licence's notice heads the table, as it asks. Run by `make en-derivations`, which
fetches Debian's pinned `wordnet-base` and unpacks it.

usage: en-derivations.py UNPACKED_WORDNET_BASE OUT.tsv
"""

import os
import sys

# noun.act, noun.cognition, noun.event, noun.possession, noun.process, noun.state
NOUN_FILES = {4, 9, 11, 21, 22, 26}
MIN_COMMON_PREFIX = 4


def read_synsets(path, pos_number):
    """offset -> (lexicographer file, [(word, sense key)], pointers)"""
    synsets = {}
    with open(path, encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            fields = line.split(" | ")[0].split()
            offset, lex_file, count = fields[0], int(fields[1]), int(fields[3], 16)
            words = []
            for i in range(count):
                word, lex_id = fields[4 + 2 * i].lower(), int(fields[5 + 2 * i], 16)
                words.append((word, f"{word}%{pos_number}:{lex_file:02d}:{lex_id:02d}::"))
            i = 4 + 2 * count
            pointers = []
            for _ in range(int(fields[i])):
                pointers.append(tuple(fields[i + 1 : i + 5]))
                i += 4
            synsets[offset] = (lex_file, words, pointers)
    return synsets


def first_senses(path):
    """noun -> the offset of its commonest sense (the index lists senses by frequency)"""
    first = {}
    with open(path, encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            fields = line.split()
            senses = int(fields[2])
            first[fields[0]] = fields[-senses]
    return first


def common_prefix(a, b):
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def licence(copyright_path):
    """The WordNet licence's text in the package's copyright file, as comment lines."""
    lines, inside = [], False
    with open(copyright_path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("License: WordNet"):
                inside = True
            elif inside and not line.startswith(" "):
                break
            elif inside:
                text = line.strip()
                lines.append("#" if text == "." else f"# {text}")
    if not lines:
        sys.exit(f"no WordNet licence in {copyright_path}")
    return lines


def main():
    package, out = sys.argv[1], sys.argv[2]
    wordnet = os.path.join(package, "usr/share/wordnet")
    notice = licence(os.path.join(package, "usr/share/doc/wordnet-base/copyright"))
    tagged = {}
    with open(os.path.join(wordnet, "cntlist.rev"), encoding="latin-1") as f:
        for line in f:
            key, _, count = line.split()
            tagged[key] = int(count)
    nouns = read_synsets(os.path.join(wordnet, "data.noun"), 1)
    first = first_senses(os.path.join(wordnet, "index.noun"))
    verbs = read_synsets(os.path.join(wordnet, "data.verb"), 2)
    pairs = set()
    for lex_file, words, pointers in nouns.values():
        if lex_file not in NOUN_FILES:
            continue
        for symbol, offset, pos, source_target in pointers:
            if symbol != "+" or pos != "v":
                continue
            source, target = int(source_target[:2], 16), int(source_target[2:], 16)
            noun, noun_key = words[source - 1]
            verb, verb_key = verbs[offset][1][target - 1]
            commonest = nouns.get(first.get(noun, ""))
            if (
                commonest is not None
                and commonest[0] in NOUN_FILES
                and noun.isalpha()
                and verb.isalpha()
                and noun != verb
                and tagged.get(noun_key, 0) > 0
                and tagged.get(verb_key, 0) > 0
                and common_prefix(noun, verb) >= MIN_COMMON_PREFIX
            ):
                pairs.add((noun, verb))
    with open(out, "w", encoding="utf-8") as f:
        f.write("# noun<TAB>verb, from WordNet 3.0 (crates/engine/data/en-derivations.py)\n")
        for line in notice:
            f.write(line + "\n")
        for noun, verb in sorted(pairs):
            f.write(f"{noun}\t{verb}\n")


if __name__ == "__main__":
    main()
