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


def cmd_extract(args: argparse.Namespace) -> int:
    from . import storage
    from .extract import extract, to_json
    from .importers import load_source
    from .ingest import source_from_text

    if str(args.article) == "-":
        source = source_from_text(sys.stdin.read(), file_name="stdin")
    else:
        source = load_source(args.article)
    briefing = extract(source)
    if args.output:
        storage.save(briefing, args.output)
    if args.format == "json":
        json.dump(to_json(briefing), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(_as_text(briefing))
    return 0


def _as_text(b) -> str:
    lines = [f"# {b.title}", "", f"BLUF: {b.situation.bluf}", ""]
    for f in b.situation.key_facts:
        lines.append(f"  {f.label:5s} {f.text}")
    lines += ["", "FORCES"]
    for f in b.forces:
        n = f"{f.qualifier} {f.strength}".strip() if f.strength is not None else "-"
        lines.append(f"  {f.actor} | {n} | {f.unit_type} | {f.location} | {f.status}")
    lines += ["", "QUOTES"]
    for q in b.quotes:
        role = f" ({q.speaker_role})" if q.speaker_role else ""
        if q.kind == "indirect" and q.cue:  # reported speech reads as speaker + cue + content
            lines.append(f"  [indirect] {q.speaker or '?'}{role} {q.cue} {q.content or q.text}")
        else:
            lines.append(f"  [{q.kind}] {q.speaker or '?'}{role}: “{q.text}”")
    lines += ["", "OUTLOOK"]
    for o in b.outlook:
        lines.append(f"  ({o.likelihood or '?'}) {o.statement}")
    lines += ["", "TIMELINE"]
    for t in b.timeline:
        lines.append(f"  {t.date}  {t.event}")
    lines += ["", "PLACES"]
    for p in b.places:
        lines.append(f"  {p.name} ({p.kind}) {p.lat},{p.lon}")
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

    A .docx is written in this process: it reads only the template's manifest (card order, title,
    colours), never runs the template's code, so there is nothing to fence."""
    from .render import write_output
    from .render_process import render_isolated
    from .templates import template_from_path

    briefing = _load_any(str(args.input))
    if args.marking:
        briefing.marking = args.marking
    # a path given here is the user's own choice; a path inside a file never is (Briefing.template)
    template = template_from_path(args.template) if args.template else None
    main = _output_format(args)
    outputs: list[tuple[Path, str]] = [(args.output, main)]
    if args.html and main != "html":
        outputs.append((args.html, "html"))
    for out, fmt in outputs:
        if fmt == "docx":
            from .docx_export import render_docx

            data, warnings = render_docx(briefing, template, page_size=args.page_size), []
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
        print(f"name: {t.name}\nfolder: {t.folder}\nkind: {'built-in' if t.builtin else 'user'}")
        for key, value in t.manifest.items():
            if key != "name":
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

    e = sub.add_parser("extract", help="extract the cards of an article")
    e.add_argument(
        "article", help="a .txt .md .html .pdf .docx file, an http(s) address, or - for standard input"
    )
    e.add_argument("--format", choices=("json", "text"), default="text")
    e.add_argument("-o", "--output", type=Path, help="also save the result as a .briefing file")
    e.set_defaults(func=cmd_extract)

    x = sub.add_parser("export", help="write a PDF, Word or HTML briefing from an article or .briefing")
    x.add_argument(
        "input",
        help="an article (.txt .md .html .pdf .docx, or an http(s) address fetched now), a .briefing file,"
        " or a PDF or .docx exported by us (reopened as its briefing)",
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

    t = sub.add_parser("templates", help="list, show, import or export briefing templates")
    t.add_argument("action", nargs="?", choices=("list", "show", "import", "export"))
    t.add_argument("name", nargs="?", help="a template name (show, export) or a .zip file (import)")
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
