"""Reading articles: every format, encoding and refusal, on real files written to tmp_path."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.errors import IngestError
from briefing.ingest import (
    ARTICLE_SUFFIXES,
    MAX_BYTES,
    decode_bytes,
    load_article,
    source_from_text,
)

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"
DEV = EVAL / "dev"
HTML = EVAL / "html"
SAMPLE = Path(__file__).resolve().parents[2] / "assets" / "samples" / "niger-airbase-101.txt"

BODY = (
    "Russian military personnel have entered an airbase in Niger that is hosting US troops, "
    "a senior US defence official said.\n\n“They did not take that well,” the official said.\n"
)


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def expect_refusal(path: Path, *fragments: str) -> str:
    with pytest.raises(IngestError) as caught:
        load_article(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path.name}: ")
    for fragment in fragments:
        assert fragment in message
    return message


# ---------------------------------------------------------------------------- .txt


def test_txt_date_line_with_standfirst_keeps_the_whole_text(tmp_path: Path) -> None:
    raw = " date 2024-05-03 US official says troops do not mingle at Airbase 101.\n\n" + BODY
    source = load_article(write(tmp_path, "niger.txt", raw))
    assert source.text == raw
    assert source.date == dt.date(2024, 5, 3)
    assert source.standfirst == "US official says troops do not mingle at Airbase 101."
    assert source.title == ""
    assert source.file_name == "niger.txt"


def test_txt_date_line_then_headline(tmp_path: Path) -> None:
    raw = (
        "date 2010-08-14\nRussia's Nuclear Help to Iran Stirs Questions About Relations With U.S.\n\n" + BODY
    )
    source = load_article(write(tmp_path, "fox.txt", raw))
    assert source.text == raw
    assert source.date == dt.date(2010, 8, 14)
    assert source.standfirst == ""
    assert source.title == "Russia's Nuclear Help to Iran Stirs Questions About Relations With U.S."


def test_txt_impossible_date_is_not_a_date(tmp_path: Path) -> None:
    raw = "date 2024-13-45\nHeadline\n\n" + BODY
    source = load_article(write(tmp_path, "bad-date.txt", raw))
    assert (source.date, source.title, source.text) == (None, "Headline", raw)


def test_txt_without_date_line_short_first_line_is_the_title(tmp_path: Path) -> None:
    raw = "Russians enter Niger airbase hosting US troops\n\n" + BODY
    source = load_article(write(tmp_path, "plain.txt", raw))
    assert source.title == "Russians enter Niger airbase hosting US troops"
    assert source.date is None
    assert source.text == raw


@pytest.mark.parametrize(
    "first_lines",
    [
        "Russian troops entered the base on Thursday.\n\n",  # a sentence, not a headline
        "Russians enter Niger airbase\nhosting US troops and more\n\n",  # not followed by a blank line
        "A" * 150 + "\n\n",  # too long for a headline
    ],
)
def test_txt_without_date_line_no_title_unless_headline_shaped(tmp_path: Path, first_lines: str) -> None:
    source = load_article(write(tmp_path, "plain.txt", first_lines + BODY))
    assert source.title == ""
    assert source.text == first_lines + BODY


@pytest.mark.skipif(not DEV.is_dir(), reason="the shared evaluation set is not here")
@pytest.mark.parametrize("path", sorted(DEV.glob("*.txt")), ids=lambda p: p.stem[:20])
def test_dev_articles_parse_without_changing_the_text(path: Path) -> None:
    source = load_article(path)
    assert source.text == path.read_text(encoding="utf-8")
    assert source.date is not None
    first = source.text.split("\n")[0]
    assert first.strip().startswith("date ")
    if first.strip() == f"date {source.date.isoformat()}":  # date alone: the headline follows
        assert source.title == source.text.split("\n")[1].strip()
    else:
        assert source.standfirst and source.standfirst in first


@pytest.mark.skipif(not SAMPLE.is_file(), reason="the sample article is not here")
def test_sample_article() -> None:
    source = load_article(SAMPLE)
    assert source.date == dt.date(2024, 5, 3)
    assert source.standfirst.startswith("US official says Russian and US troops do not mingle")
    assert source.text.startswith(" date 2024-05-03 ")


# ---------------------------------------------------------------------------- pasted text


def test_pasted_text_is_parsed_like_txt() -> None:
    source = source_from_text("date 2019-11-20\r\nHeadline here\r\n\r\nBody text.\r\n")
    assert source.text == "date 2019-11-20\nHeadline here\n\nBody text.\n"
    assert source.date == dt.date(2019, 11, 20)
    assert source.title == "Headline here"
    assert source.file_name == ""


def test_pasted_text_explicit_fields_win() -> None:
    source = source_from_text(
        "Parsed headline\n\n" + BODY, title="  Typed title ", file_name="clip.txt", url="https://e.org/a"
    )
    assert (source.title, source.file_name, source.url) == ("Typed title", "clip.txt", "https://e.org/a")
    assert source.text == "Parsed headline\n\n" + BODY


@pytest.mark.parametrize("text", ["", "   \n\t\r\n ", "\ufeff"])
def test_pasted_blank_text_is_refused(text: str) -> None:
    with pytest.raises(IngestError, match=r"^pasted text: the text "):
        source_from_text(text)


def test_pasted_binary_junk_is_refused() -> None:
    with pytest.raises(IngestError, match="binary"):
        source_from_text("\x00\x01\x02\x03" * 50 + "word")


def test_pasted_text_over_the_limit_is_refused() -> None:
    with pytest.raises(IngestError, match=r"^big\.txt: the text is 5\.1 MiB; articles over 5 MiB"):
        source_from_text("a" * (MAX_BYTES + 1), file_name="big.txt")


@settings(max_examples=300, deadline=None)
@given(st.text() | st.builds(lambda d, rest: f"date {d.isoformat()}{rest}", st.dates(), st.text()))
def test_pasted_text_is_kept_or_refused_never_crashes(text: str) -> None:
    try:
        source = source_from_text(text)
    except IngestError as err:
        assert str(err).startswith("pasted text: ") and "\n" not in str(err)
        return
    expected = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    assert source.text == expected
    assert "\n" not in source.title


# ---------------------------------------------------------------------------- markdown


def test_md_heading_is_the_title_and_text_is_kept(tmp_path: Path) -> None:
    raw = "# Russians enter Niger airbase\n\nSome *markdown* text.\n"
    source = load_article(write(tmp_path, "a.md", raw))
    assert source.title == "Russians enter Niger airbase"
    assert source.text == raw


def test_md_front_matter_fills_fields_and_text_is_the_body(tmp_path: Path) -> None:
    raw = (
        '---\ntitle: "Niger: Russians arrive"\ndate: 2024-05-03\nsource: Al Jazeera\n'
        "url: https://example.org/niger\nauthor: someone\n---\n\n# A heading\n\n" + BODY
    )
    source = load_article(write(tmp_path, "b.markdown", raw))
    assert source.title == "Niger: Russians arrive"
    assert source.date == dt.date(2024, 5, 3)
    assert source.outlet == "Al Jazeera"
    assert source.url == "https://example.org/niger"
    assert source.text == "# A heading\n\n" + BODY


def test_md_front_matter_without_title_falls_back_to_heading(tmp_path: Path) -> None:
    source = load_article(
        write(tmp_path, "c.md", "---\ndate: 2024-05-03T10:00:00Z\n---\n# Heading\n\nBody.\n")
    )
    assert (source.title, source.date, source.text) == (
        "Heading",
        dt.date(2024, 5, 3),
        "# Heading\n\nBody.\n",
    )


def test_md_unclosed_front_matter_is_just_text(tmp_path: Path) -> None:
    raw = "---\nnot front matter\n\nBody.\n"
    source = load_article(write(tmp_path, "d.md", raw))
    assert source.text == raw
    assert source.title == ""


def test_md_front_matter_without_body_is_refused(tmp_path: Path) -> None:
    expect_refusal(write(tmp_path, "e.md", "---\ntitle: x\n---\n\n"), "no article text")


# ---------------------------------------------------------------------------- web pages


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?”\"])\s+|\n+", text) if len(s.strip()) > 20]


def _squash(text: str) -> str:
    return " ".join(text.replace("\xad", "").split())


class _NoNetwork:
    """Fails the test if anything opens a socket or resolves a name while it is active."""

    active = threading.local()

    @classmethod
    def hook(cls, event: str, _args: tuple) -> None:
        if getattr(cls.active, "on", False) and event in ("socket.connect", "socket.getaddrinfo"):
            raise AssertionError(f"network access during HTML import: {event}")

    def __enter__(self) -> None:
        self.active.on = True

    def __exit__(self, *exc: object) -> None:
        self.active.on = False


sys.addaudithook(_NoNetwork.hook)


@pytest.mark.skipif(not HTML.is_dir(), reason="the shared evaluation pages are not here")
@pytest.mark.parametrize("page", sorted(HTML.glob("*.html")), ids=lambda p: p.stem[:20])
def test_real_pages_give_the_reference_body_title_and_date(page: Path) -> None:
    with _NoNetwork():
        source = load_article(page)
    reference = load_article(DEV / f"{page.stem}.txt")
    ref_body = reference.text.split("\n", 3)[3]
    sentences = _sentences(ref_body)
    found = sum(_squash(s) in _squash(source.text) for s in sentences)
    assert found / len(sentences) >= 0.8, f"{found}/{len(sentences)} reference sentences"
    assert source.title
    assert source.date is not None and abs(source.date - reference.date) <= dt.timedelta(days=1)
    assert source.outlet and source.url.startswith("http")
    assert source.file_name == page.name
    assert "\r" not in source.text and "\n\n" in source.text


def _page(body: str, head: str = "<title>Troops in Niger</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body><nav>Home</nav>{body}</body></html>"


PARAGRAPHS = "".join(
    f"<p>Paragraph {i}: Russian military personnel have entered an airbase in Niger that is "
    f"hosting US troops, a senior US defence official told reporters on Thursday.</p>"
    for i in range(6)
)


def test_html_page_made_here(tmp_path: Path) -> None:
    page = _page(f"<article><h1>Troops in Niger</h1>{PARAGRAPHS}</article>")
    source = load_article(write(tmp_path, "page.htm", page))
    assert "Paragraph 0: Russian military personnel" in source.text
    assert "Paragraph 5:" in source.text
    assert source.title == "Troops in Niger"


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    text = "Российские военные вошли на авиабазу в Нигере, где находятся американские войска. " * 4
    page = _page(f"<article><p>{text}</p><p>{text}</p></article>", '<meta charset="windows-1251">')
    source = load_article(write(tmp_path, "ru.html", page.encode("cp1251")))
    assert "Российские военные" in source.text


@pytest.mark.parametrize("body", ["", "<ul><li>Home</li><li>World</li></ul>", "<p>Enable JavaScript.</p>"])
def test_html_without_article_text_is_refused(tmp_path: Path, body: str) -> None:
    message = expect_refusal(write(tmp_path, "empty.html", _page(body)))
    assert message == "empty.html: no article text found in this page"


# ---------------------------------------------------------------------------- encodings


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    raw = "date 2024-05-03\nHeadline\n\n" + BODY
    source = load_article(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + raw.encode("utf-8")))
    assert source.text == raw
    assert source.date == dt.date(2024, 5, 3)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path: Path, codec: str) -> None:
    raw = "Headline “quoted” café\r\n\r\n" + BODY
    data = raw.encode(codec) if codec in ("utf-16", "utf-32") else "\ufeff".encode(codec) + raw.encode(codec)
    source = load_article(write(tmp_path, "wide.txt", data))
    assert source.text == raw.replace("\r\n", "\n")
    assert source.title == "Headline “quoted” café"


def test_cp1252_curly_quotes_and_accents(tmp_path: Path) -> None:
    raw = "“It’s a café,” said the attaché — 5 €.\r\n"
    source = load_article(write(tmp_path, "old.txt", raw.encode("cp1252")))
    assert source.text == raw.replace("\r\n", "\n")


def test_old_mac_newlines_are_normalised(tmp_path: Path) -> None:
    source = load_article(write(tmp_path, "mac.txt", b"Title\r\rBody one.\rBody two."))
    assert source.text == "Title\n\nBody one.\nBody two."
    assert source.title == "Title"


def test_decode_bytes_directly() -> None:
    assert decode_bytes("naïve".encode(), "x") == "naïve"
    assert decode_bytes(b"\xef\xbb\xbfabc", "x") == "abc"
    assert decode_bytes("na\u00efve ’".encode("cp1252"), "x") == "naïve ’"
    assert decode_bytes(b"\x81 undefined in cp1252 but replaced", "x").startswith("\ufffd")
    with pytest.raises(IngestError, match=r"^clip: this looks like a binary file"):
        decode_bytes(b"abc\x00def", "clip")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_decode_bytes_returns_text_or_refuses(raw: bytes) -> None:
    try:
        assert isinstance(decode_bytes(raw, "blob"), str)
    except IngestError as err:
        assert str(err).startswith("blob: ")


# ---------------------------------------------------------------------------- refusals


def test_empty_file(tmp_path: Path) -> None:
    message = expect_refusal(write(tmp_path, "article.txt", b""))
    assert message == "article.txt: the file is empty"


def test_whitespace_only_file(tmp_path: Path) -> None:
    expect_refusal(write(tmp_path, "blank.md", " \n\t\r\n  "), "only blank space")


def test_bom_only_file(tmp_path: Path) -> None:
    expect_refusal(write(tmp_path, "bom.txt", b"\xef\xbb\xbf"), "empty")


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    message = expect_refusal(write(tmp_path, "x.txt", b"PK\x03\x04\x14\x00\x00\x00" + bytes(range(256))))
    assert message == "x.txt: this looks like a binary file, not an article"


def test_binary_file_without_nul_bytes(tmp_path: Path) -> None:
    junk = bytes(b for b in range(1, 256) if b not in b"\t\n\r\x0b\x0c") * 8
    expect_refusal(write(tmp_path, "x.html", junk), "binary")


def test_file_over_five_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as fh:
        fh.truncate(int(6.2 * 1024 * 1024))
    message = expect_refusal(path)
    assert message == "big.txt: the article file is 6.2 MiB; the limit is 5 MiB"


def test_file_just_over_the_limit_does_not_read_as_five(tmp_path: Path) -> None:
    path = write(tmp_path, "edge.txt", b"a" * (MAX_BYTES + 1))
    expect_refusal(path, "5.1 MiB")


def test_file_at_the_limit_is_read(tmp_path: Path) -> None:
    assert len(load_article(write(tmp_path, "max.txt", b"a" * MAX_BYTES)).text) == MAX_BYTES


@pytest.mark.parametrize("name", ["x.docx", "x.pdf", "README"])
def test_unknown_suffix(tmp_path: Path, name: str) -> None:
    message = expect_refusal(
        write(tmp_path, name, "text"), "unknown kind of file", "(use .txt, .md, .html or .htm)"
    )
    if name == "x.docx":
        assert message == "x.docx: unknown kind of file '.docx' (use .txt, .md, .html or .htm)"


def test_suffix_is_case_insensitive(tmp_path: Path) -> None:
    assert load_article(write(tmp_path, "LOUD.TXT", "Hello there.")).text == "Hello there."
    assert set(ARTICLE_SUFFIXES) == {".txt", ".md", ".markdown", ".html", ".htm"}


def test_missing_file(tmp_path: Path) -> None:
    expect_refusal(tmp_path / "gone.txt", "no such file")


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    expect_refusal(folder, "folder")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_permission_denied(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.txt", "text")
    path.chmod(0)
    try:
        expect_refusal(path, "permission denied")
    finally:
        path.chmod(0o600)
