"""Alt+letter mnemonics for labels made from data (a card's column headers), so that a keyboard
user reaches every field of an item's detail as in the hand-written forms.

A letter is never one the window already gives away while the label can be seen: the menu bar's
(File, Edit, View, Help) and the Situation tab's own labels (Bottom line, Summary, Key facts),
which share their tab with the key facts' detail.  Alt+F must open the File menu whatever card
is showing.
"""

from __future__ import annotations

#: taken by the menu bar (&File &Edit &View &Help) and the Situation tab (&Bottom, S&ummary, &Key)
RESERVED = frozenset("fevhbuk")


def _candidates(text: str) -> list[int]:
    """Positions of the letters of ``text`` in order of preference: first letters of words, then
    the rest, each letter once."""
    starts = [i for i, ch in enumerate(text) if ch.isalpha() and (i == 0 or not text[i - 1].isalpha())]
    rest = [i for i, ch in enumerate(text) if ch.isalpha() and i not in starts]
    seen: set[str] = set()
    ordered = []
    for i in starts + rest:
        if text[i].lower() not in seen:
            seen.add(text[i].lower())
            ordered.append(i)
    return ordered


def assign(texts: list[str], reserved: frozenset[str] = RESERVED) -> list[str]:
    """Each text with an "&" before a letter of its own, as many of them marked as can be: a
    greedy pick would leave "Status" bare after Strength, Unit type and Actor took s, t and a,
    so a taken letter is moved to another label when that frees one (augmenting paths)."""
    owner: dict[str, int] = {}  # letter -> index of the text that has it
    choice: dict[int, int] = {}  # index of the text -> position of its letter

    def place(k: int, visited: set[str]) -> bool:
        for i in _candidates(texts[k]):
            letter = texts[k][i].lower()
            if letter in reserved or letter in visited:
                continue
            visited.add(letter)
            if letter not in owner or place(owner[letter], visited):
                owner[letter] = k
                choice[k] = i
                return True
        return False

    for k in range(len(texts)):
        place(k, set())
    marked = []
    for k, text in enumerate(texts):
        plain = text.replace("&", "&&")
        if k in choice:
            at = choice[k] + text[: choice[k]].count("&")  # each "&" before it was doubled
            plain = plain[:at] + "&" + plain[at:]
        marked.append(plain)
    return marked
