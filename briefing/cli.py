"""``briefing`` command line: the same core as the editor, headless.

Every failure the user can fix (bad article, broken template, unreadable file) prints one line
on stderr and exits 2; tracebacks are kept for real bugs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__
from .errors import BriefingError

EXIT_USAGE = 2


def _load_any(name: str):
    """A ``.briefing`` file, a PDF or Word file exported by us (embedded briefing), or an article
    (a file of any kind we import, or an http(s) address fetched now)."""
    from . import storage
    from .importers import embedded_briefing, is_url, load_source

    if not is_url(name):
        path = Path(name)
        if path.suffix.lower() == storage.SUFFIX:
            return storage.load(path)
        briefing = embedded_briefing(path)
        if briefing is not None:
            return briefing
    from .extract import extract

    return extract(load_source(name))


def _read_article(name: str):
    """An article (a file of any kind we import, or an http(s) address), or ``-`` for stdin."""
    from .importers import load_source
    from .ingest import source_from_text

    if str(name) == "-":
        return source_from_text(sys.stdin.read(), file_name="stdin")
    return load_source(str(name))


def _merged(paths: list, load) -> object:
    """One briefing from one input (exactly as before) or several (merged, the first leads)."""
    if len(paths) == 1:
        return load(paths[0])
    if sum(str(p) == "-" for p in paths) > 1:
        raise BriefingError("standard input (-) can be read only once")
    from .merge import add_source, merge_briefings

    loaded = [load(p) for p in paths]
    if Path(str(paths[0])).suffix.lower() in (".briefing", ".pdf", ".docx"):
        # a saved briefing leads as the analyst left it (splits and choices kept): add to it
        result = loaded[0]
        for other in loaded[1:]:
            result = add_source(result, other)
        return result
    return merge_briefings(loaded)


def cmd_extract(args: argparse.Namespace) -> int:
    from . import storage
    from .extract import extract, to_json

    briefing = _merged(list(args.article), lambda name: extract(_read_article(name)))
    if args.output:
        storage.save(briefing, args.output)
    if args.format == "json":
        json.dump(to_json(briefing), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(_as_text(briefing))
    return 0


def cmd_add_source(args: argparse.Namespace) -> int:
    """Add an article (or another briefing's sources) to a saved .briefing, written atomically."""
    from . import storage
    from .merge import add_source

    target = Path(args.briefing)
    if target.suffix.lower() != storage.SUFFIX:
        raise BriefingError(f"{target}: add-source needs a {storage.SUFFIX} file to add to")
    briefing = storage.load(target)
    extracted = _load_any(Path(args.article))
    known = {s.text for s in briefing.sources}
    if any(s.text in known for s in extracted.sources):
        raise BriefingError(f"{args.article}: this article is already a source of {target}")
    merged = add_source(briefing, extracted)
    out = Path(args.output) if args.output else target
    storage.save(merged, out)
    print(f"wrote {out} ({len(merged.sources)} sources)", file=sys.stderr)
    return 0


def _as_text(b) -> str:
    """The cards as text; with several sources each line cites them and conflicts show."""
    from .citations import conflict_line, item_suffix, source_entries
    from .conflicts import open_conflicts

    lines = [f"# {b.title}", ""]
    if len(b.sources) > 1:
        lines.append("SOURCES")
        for s in source_entries(b):
            extra = ", ".join(x for x in (s["outlet"], s["published"], s["grade"]) if x)
            lines.append(f"  [{s['n']}] {s['title']}" + (f" ({extra})" if extra else ""))
        lines.append("")
    lines += [f"BLUF: {b.situation.bluf}", ""]

    def add(item, text: str) -> None:
        lines.append(text + item_suffix(b, item))
        lines.extend(f"      ⚠ {conflict_line(b, c)}" for c in open_conflicts(item))

    for f in b.situation.key_facts:
        add(f, f"  {f.label:5s} {f.text}")
    lines += ["", "FORCES"]
    for f in b.forces:
        n = f"{f.qualifier} {f.strength}".strip() if f.strength is not None else "-"
        add(f, f"  {f.actor} | {n} | {f.unit_type} | {f.location} | {f.status}")
    lines += ["", "QUOTES"]
    for q in b.quotes:
        role = f" ({q.speaker_role})" if q.speaker_role else ""
        if q.kind == "indirect" and q.cue:  # reported speech reads as speaker + cue + content
            add(q, f"  [indirect] {q.speaker or '?'}{role} {q.cue} {q.content or q.text}")
        else:
            add(q, f"  [{q.kind}] {q.speaker or '?'}{role}: “{q.text}”")
    lines += ["", "OUTLOOK"]
    for o in b.outlook:
        add(o, f"  ({o.likelihood or '?'}) {o.statement}")
    lines += ["", "TIMELINE"]
    for t in b.timeline:
        add(t, f"  {t.date}  {t.event}")
    lines += ["", "PLACES"]
    for p in b.places:
        add(p, f"  {p.name} ({p.kind}) {p.lat},{p.lon}")
    return "\n".join(lines) + "\n"


def _output_format(args: argparse.Namespace) -> str:
    """What ``-o`` gets: ``--format`` when given, else by the file's suffix, else PDF."""
    if args.format:
        return str(args.format)
    suffix = Path(args.output).suffix.lower()
    return {".html": "html", ".htm": "html", ".docx": "docx"}.get(suffix, "pdf")


def cmd_export(args: argparse.Namespace) -> int:
    """Render HTML and PDF in a child process (``render_process``): a template that hangs or
    balloons is stopped and reported; the file is written only when the render succeeded.

    A .docx in the built-in layout is written in this process: it reads only the template's
    manifest (card order, title, colours), never runs the template's code.  A Word template's
    tags are code, so its fill goes to the child process like an HTML render."""
    from .render_process import RenderChild

    # the render child starts now and warms up while the articles are extracted (other core)
    child = RenderChild(warm=True) if _output_format(args) != "docx" else None
    try:
        return _export(args, child)
    finally:
        if child is not None:
            child.close()


def _export(args: argparse.Namespace, child) -> int:
    from .render import resolve_template, write_output
    from .render_process import render_isolated
    from .templates import template_from_path
    from .word_templates import word_template_refusal

    briefing = _merged(list(args.input), _load_any)
    if args.marking:
        briefing.marking = args.marking
    # a path given here is the user's own choice; a path inside a file never is (Briefing.template)
    template = template_from_path(args.template) if args.template else None
    main = _output_format(args)
    outputs: list[tuple[Path, str]] = [(args.output, main)]
    if args.html and main != "html":
        outputs.append((args.html, "html"))
    word = resolve_template(template, briefing).is_word
    if word and any(fmt != "docx" for _out, fmt in outputs):
        raise BriefingError(word_template_refusal(resolve_template(template, briefing)))
    if word and args.page_size:
        print(
            "briefing: warning: a Word template keeps its own page setup (--page-size ignored)",
            file=sys.stderr,
        )
    for out, fmt in outputs:
        if fmt == "docx" and not word:
            from .docx_export import render_docx

            data, warnings = render_docx(briefing, template, page_size=args.page_size), []
        elif child is not None:
            data, warnings = child.render(briefing, template, page_size=args.page_size, fmt=fmt)
            child = None  # one request per child: a second output gets a new one
        else:
            data, warnings = render_isolated(briefing, template, page_size=args.page_size, fmt=fmt)
        for warning in dict.fromkeys(warnings):  # once each, in order
            print(f"briefing: warning: {warning}", file=sys.stderr)
        write_output(Path(out), data)
        print(f"wrote {out}", file=sys.stderr)
    return 0


def cmd_templates(args: argparse.Namespace) -> int:
    from .templates import BrokenTemplate, get_template, scan_templates

    if args.action in (None, "list"):
        for t in scan_templates():
            kind = "built-in" if t.builtin else "user"
            if isinstance(t, BrokenTemplate):
                print(f"{t.name}\t(broken {kind} template)\t{t.error}")
            else:
                print(f"{t.name}\t{t.title}\t{kind}\t{t.description}")
        return 0
    if not args.name:
        raise BriefingError(f"templates {args.action}: give a template name (see `briefing templates list`)")
    if args.action == "show":
        t = get_template(args.name)
        word = ", Word template (.docx)" if t.is_word else ""
        print(f"name: {t.name}\nfolder: {t.folder}\nkind: {'built-in' if t.builtin else 'user'}{word}")
        for key, value in t.manifest.items():
            if key not in ("name", "kind"):
                print(f"{key}: {value}")
    elif args.action == "import":
        from .template_archive import import_template

        t = import_template(args.name, name=args.as_name)
        print(f"imported {t.name} into {t.folder}", file=sys.stderr)
    elif args.action == "export":
        from .template_archive import export_template

        out = export_template(args.name, args.output or Path(f"{args.name}.zip"))
        print(f"wrote {out}", file=sys.stderr)
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    try:
        from ui.app import main as gui_main
    except ImportError as exc:
        raise BriefingError(f"the desktop editor cannot start: {exc}") from exc
    return gui_main(path=str(args.file) if args.file else None)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="briefing", description="Turn news articles into sourced PDF briefings.")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    e = sub.add_parser("extract", help="extract the cards of one article, or merge several")
    e.add_argument(
        "article",
        nargs="+",
        help="a .txt .md .html .pdf .docx file, an http(s) address, or - for standard input; several merge",
    )
    e.add_argument("--format", choices=("json", "text"), default="text")
    e.add_argument("-o", "--output", type=Path, help="also save the result as a .briefing file")
    e.set_defaults(func=cmd_extract)

    x = sub.add_parser("export", help="write a PDF, Word or HTML briefing from an article or .briefing")
    x.add_argument(
        "input",
        nargs="+",
        help="an article (.txt .md .html .pdf .docx, or an http(s) address fetched now), a .briefing file,"
        " or a PDF or .docx exported by us (reopened as its briefing); several are merged (the first leads)",
    )
    x.add_argument("-o", "--output", type=Path, required=True, help="the file to write (.pdf, .docx, .html)")
    x.add_argument("--template", help="template name (see `briefing templates list`)")
    x.add_argument("--html", type=Path, help="also write a self-contained HTML version here")
    x.add_argument(
        "--format", choices=("pdf", "html", "docx"), help="what -o gets (default: by its suffix, else pdf)"
    )
    x.add_argument("--page-size", choices=("A4", "Letter"), help="paper size (default: the template's)")
    x.add_argument("--marking", help="handling marking, e.g. TLP:AMBER or a classification line")
    x.set_defaults(func=cmd_export)

    a = sub.add_parser("add-source", help="add an article as another source of a .briefing file")
    a.add_argument("briefing", type=Path, help="the .briefing file to add to")
    a.add_argument("article", type=Path, help="the article (or a .briefing, PDF, .docx) to add")
    a.add_argument("-o", "--output", type=Path, help="write here instead of over the .briefing file")
    a.set_defaults(func=cmd_add_source)

    t = sub.add_parser("templates", help="list, show, import or export briefing templates")
    t.add_argument("action", nargs="?", choices=("list", "show", "import", "export"))
    t.add_argument("name", nargs="?", help="a template name (show, export), or a .zip or .docx file (import)")
    t.add_argument("-o", "--output", type=Path, help="export: the .zip to write (default: NAME.zip)")
    t.add_argument("--as", dest="as_name", help="import: install under this name instead")
    t.set_defaults(func=cmd_templates)

    g = sub.add_parser("gui", help="open the desktop editor")
    g.add_argument("file", nargs="?", type=Path, help="an article or .briefing file to open")
    g.set_defaults(func=cmd_gui)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except BriefingError as exc:
        print(f"briefing: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ValueError as exc:  # pydantic validation of a CLI value, e.g. a bad --marking
        print(f"briefing: {str(exc).splitlines()[0]}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
