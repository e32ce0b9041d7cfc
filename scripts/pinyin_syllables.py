#!/usr/bin/env python3
"""Regenerate dictionaries/pinyin-syllables.txt: every toneless Mandarin syllable.

Source: the character readings of pypinyin (PyPI `pypinyin`, MIT licence; its data comes
from the Unihan database). Tone marks are stripped (ü is kept), and readings without a
vowel (`m`, `n`, `ng`, `hm`, `hng`) are dropped: as a parenthesised annotation they are more
likely a letter of Latin text than a reading.

Usage: pip install pypinyin==0.55.0 && python3 scripts/pinyin_syllables.py > dictionaries/pinyin-syllables.txt
"""
import unicodedata

import pypinyin
from pypinyin.pinyin_dict import pinyin_dict

HEADER = f"""\
# Toneless Mandarin syllables, one a line, sorted.
# Used to recognise pinyin annotations such as 區(qū) or 区(qu1) in normalisation.
# Source: character readings of pypinyin {pypinyin.__version__} (MIT; data from Unihan),
# tone marks stripped, vowel-less readings (m, n, ng, hm, hng) dropped.
# Regenerate: python3 scripts/pinyin_syllables.py > dictionaries/pinyin-syllables.txt"""


def toneless(reading: str) -> str:
    decomposed = unicodedata.normalize("NFD", reading)
    # U+0308 (diaeresis) belongs to ü, the other combining marks are tones.
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) or c == "\u0308")
    return unicodedata.normalize("NFC", kept)


def main() -> None:
    syllables = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            syllable = toneless(reading)
            if any(v in syllable for v in "aeiouüê"):
                syllables.add(syllable)
    print(HEADER)
    for syllable in sorted(syllables):
        print(syllable)


if __name__ == "__main__":
    main()
