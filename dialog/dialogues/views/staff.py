"""Staff pages for dialogues: the list, a dialogue's responses and their CSV export."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale, format_date, gettext
from markupsafe import Markup
from werkzeug.wrappers import Response as WerkzeugResponse

from dialog import fragments, i18n
from dialog.auth import current_user, staff_user
from dialog.authz import Action, can
from dialog.db import db
from dialog.dialogues.display import load_dialogue, public_link, qr_data_uri, qr_png, qr_svg
from dialog.dialogues.models import (
    KIND_LABELS,
    STATUS_LABELS,
    Dialogue,
    DialogueKind,
    DialogueStatus,
    InviteBatch,
)
from dialog.dialogues.services import exports
from dialog.dialogues.services.editing import TRANSITIONS
from dialog.dialogues.services.invitations import (
    MIN_BATCH,
    batch_codes,
    display,
    issue_codes,
    reach,
)
from dialog.dialogues.services.queries import staff_dialogue_page
from dialog.inputs import BAD_CHARACTERS
from dialog.paging import PAGE_SIZE, parse_id, parse_page
from surveys.responses import (
    CHANNELS,
    ResponseFilter,
    response_page,
)
from surveys.tally import response_counts

bp = Blueprint("staff_dialogues", __name__, url_prefix="/staff")



def _load(slug: str, action: Action = Action.VIEW_DIALOGUE) -> Dialogue:
    return load_dialogue(slug, action)


def response_filter(args: Mapping[str, str]) -> tuple[ResponseFilter, list[str]]:
    """The list's filter from GET parameters, and what was wrong with them (ignored)."""
    errors: list[str] = []

    def day(name: str, label: str) -> date | None:
        raw = args.get(name, "").strip()
        if not raw:
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            errors.append(gettext("%(field)s must be a date such as 2026-03-01.", field=label))
            return None

    start, end = day("from", gettext("From")), day("to", gettext("To"))
    channel = args.get("channel", "")
    language = args.get("language", "")
    return ResponseFilter(start=start, end=end,
                          channel=channel if channel in CHANNELS else "",
                          language=language if language in i18n.LANGUAGES else ""), errors


@bp.get("/")
def index() -> str:
    user = staff_user()
    return render_template("staff/dialogues.html",
                           dialogues=staff_dialogue_page(db.session, user,
                                                         parse_page(request.args.get("page"))),
                           may_create=can(user, Action.CREATE_DIALOGUE))


def _by_date_rows(by_date: list[tuple[date, dict[str, int]]]) -> Markup:
    """The rows of the table of responses per day: a date and three counts each, numbers
    only (a year of days is written here rather than cell by cell in the template)."""
    return Markup("".join(  # noqa: S704 - dates and integers, nothing to escape
        f'<tr><th scope="row">{day.isoformat()}</th>'
        + "".join(f"<td>{int(counts[channel])}</td>" for channel in CHANNELS) + "</tr>"
        for day, counts in by_date))


@bp.get("/dialogues/<slug>")
def responses(slug: str) -> str:
    # The questions are not loaded: the table's shape is kept per dialogue version.
    dialogue = load_dialogue(slug, Action.VIEW_DIALOGUE, questions=False)
    chosen, errors = response_filter(request.args)
    page = response_page(db.session, dialogue.questionnaire_id, chosen, PAGE_SIZE,
                         before=parse_id(request.args.get("before")),
                         after=parse_id(request.args.get("after")))
    counts = response_counts(db.session, dialogue.questionnaire_id, chosen)
    # On screen, personal details in free text are masked; the export keeps text as typed.
    shape = exports.table_shape(dialogue, i18n.current())
    by_date = counts.by_date(CHANNELS)
    editable = can(current_user(), Action.EDIT_DIALOGUE, dialogue)
    return render_template(
        "staff/responses.html",
        dialogue=dialogue,
        head=_head(dialogue, editable),
        filters=_filters(dialogue, chosen, errors),
        delete=fragments.render_each("staff/_responses_delete.html", [{
            "slug": dialogue.slug, "retention_months": dialogue.retention_months}])
        if editable else Markup(""),
        header=shape.header,
        rows=[exports.row_markup(shape, r) for r in page.rows],
        total=counts.matching(),
        older=page.older,
        newer=page.newer,
        chosen=chosen,
        channels=counts.by_channel(CHANNELS),
        by_date=by_date,
        by_date_rows=_by_date_rows(by_date),
    )




def _filters(dialogue: Dialogue, chosen: ResponseFilter, errors: list[str]) -> Markup:
    """The download links and the filter form, kept per worker by what they show when the
    filter is a valid one (its dates written as dates are): a date typed wrong is shown as
    typed, not kept, since a key per made-up text would push out what everyone reads."""
    if errors:
        start, end = request.args.get("from", ""), request.args.get("to", "")
    else:
        start = chosen.start.isoformat() if chosen.start else ""
        end = chosen.end.isoformat() if chosen.end else ""
    return fragments.render_each("staff/_responses_filters.html", [{
        "slug": dialogue.slug, "errors": errors, "start": start, "end": end,
        "channels": CHANNELS, "channel": chosen.channel,
        "languages": i18n.choices(), "language": chosen.language}], keep=not errors)


def _head(dialogue: Dialogue, editable: bool) -> Markup:
    """The page's head (title, status, actions and how residents reach the dialogue), kept
    per worker while what it shows is the same (dialog.fragments): the same for every reader
    with the same rights, it was a third of the page's template."""
    targeted = dialogue.kind == DialogueKind.TARGETED
    return fragments.render_each("staff/_dialogue_head.html", [{
        "title": dialogue.title,
        "source_language": dialogue.source_language,
        "kind_label": KIND_LABELS[DialogueKind(dialogue.kind)],
        "status_label": STATUS_LABELS[DialogueStatus(dialogue.status)],
        "slug": dialogue.slug,
        "compared": dialogue.kind == DialogueKind.FOLLOW_UP and bool(dialogue.baseline_id),
        "editable": editable,
        "transitions": [(str(status), STATUS_LABELS[DialogueStatus(status)])
                        for status in TRANSITIONS.get(dialogue.status, ())] if editable else [],
        "link": public_link(dialogue.slug),
        "targeted": targeted,
        "languages": [] if targeted else i18n.available(),
        "reach": reach(db.session, dialogue.id) if targeted else [],
        "may_invite": targeted and can(current_user(), Action.MANAGE_INVITATIONS, dialogue),
    }])


@bp.get("/dialogues/<slug>/qr.<any(svg, png):kind>")
def qr(slug: str, kind: str) -> Response:
    dialogue = _load(slug)
    link = public_link(dialogue.slug)
    body, mimetype = (qr_svg(link), "image/svg+xml") if kind == "svg" else (qr_png(link),
                                                                           "image/png")
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{dialogue.slug}-qr.{kind}"'})


@bp.get("/dialogues/<slug>/poster")
def poster(slug: str) -> Response:
    """A printable A4 poster in one or two languages (?lang=sv&lang=en); shown to print, and
    saved under a name that says what it is."""
    dialogue = _load(slug)
    chosen = [c for c in request.args.getlist("lang") if c in i18n.LANGUAGES][:2] or [
        dialogue.source_language
    ]
    link = public_link(dialogue.slug)
    page = render_template(
        "staff/poster.html",
        dialogue=dialogue,
        link=link,
        qr=qr_data_uri(link, scale=8),
        texts=[(i18n.language(code), poster_texts(dialogue, code)) for code in chosen],
    )
    filename = f"{dialogue.slug}-poster-{'-'.join(chosen)}.html"
    return Response(page, mimetype="text/html",
                    headers={"Content-Disposition": f'inline; filename="{filename}"'})


def poster_texts(dialogue: Dialogue, lang: str) -> dict[str, str]:
    with force_locale(lang):
        return {
            "title": i18n.pick(dialogue.title, lang, dialogue.source_language).text,
            "purpose": i18n.pick(dialogue.purpose, lang, dialogue.source_language).text,
            "call": gettext("Tell us what you experience where you live"),
            "how": gettext("Scan the code with your phone camera or go to the address below. "
                           "You answer anonymously."),
            "until": gettext("Answer by %(date)s", date=format_date(dialogue.closes_on, "long"))
            if dialogue.closes_on else "",
        }


@bp.post("/dialogues/<slug>/invitations")
def create_invitations(slug: str) -> WerkzeugResponse | tuple[str, int]:
    dialogue = _load(slug, Action.MANAGE_INVITATIONS)
    if dialogue.kind != DialogueKind.TARGETED:
        abort(404)
    try:
        count = int(request.form.get("count", ""))
    except ValueError:
        count = 0
    if not MIN_BATCH <= count <= 1000:
        flash(gettext("Give a number of codes between %(min)d and 1000. A smaller batch would "
                      "let anyone who sees how many codes were used tell whose answer just "
                      "arrived.", min=MIN_BATCH), "error")
        return redirect(url_for(".responses", slug=slug))
    try:
        issue_codes(db.session, dialogue, count, request.form.get("label", ""),
                    actor=staff_user())
    except ValueError:
        flash(str(BAD_CHARACTERS), "error")
        return redirect(url_for(".responses", slug=slug))
    batch_id = max(r.batch_id for r in reach(db.session, dialogue.id))
    return redirect(url_for(".invitation_sheet", slug=slug, batch_id=batch_id), code=303)


@bp.get("/dialogues/<slug>/invitations/<id:batch_id>")
def invitation_sheet(slug: str, batch_id: int) -> str:
    """A printable sheet: each code with a QR code that opens the dialogue with it filled in."""
    dialogue = _load(slug, Action.MANAGE_INVITATIONS)
    batch = db.session.get(InviteBatch, batch_id)
    if batch is None or batch.dialogue_id != dialogue.id:
        abort(404)
    codes = [
        (display(c.code), qr_data_uri(public_link(dialogue.slug, display(c.code))))
        for c in batch_codes(db.session, batch.id)
    ]
    chosen = [c for c in request.args.getlist("lang") if c in i18n.LANGUAGES][:2] or [
        dialogue.source_language
    ]
    return render_template("staff/invitations.html", dialogue=dialogue, batch=batch,
                           codes=codes, used=batch.issued - len(codes),
                           link=public_link(dialogue.slug), chosen=chosen,
                           languages_for_slip=i18n.available(),
                           texts=[(i18n.language(code), slip_texts(dialogue, code))
                                  for code in dict.fromkeys(chosen)])


def slip_texts(dialogue: Dialogue, lang: str) -> dict[str, str]:
    """What a slip says on its own, in one language: what this is, that it is anonymous, how
    to answer and until when."""
    with force_locale(lang):
        return {
            "title": i18n.pick(dialogue.title, lang, dialogue.source_language).text,
            "what": gettext("An invitation from %(organisers)s to tell them what you experience "
                            "where you live.",
                            organisers=", ".join(o.name for o in dialogue.organisers)),
            "anonymous": gettext("Your answer is anonymous: the code only makes sure each "
                                 "invitation is used once, and it is deleted when used."),
            "how": gettext("Scan the QR code with your phone camera, or go to the address and "
                           "type in the code."),
            "until": gettext("Answer by %(date)s", date=format_date(dialogue.closes_on, "long"))
            if dialogue.closes_on else "",
        }


def download(chunks: Iterator[bytes], filename: str, mimetype: str) -> Response:
    """A streamed attachment named `filename`, never cached.

    The chunks are written after the request has ended, in an application context of their
    own: its database session is closed when the last chunk is out or the client goes away.
    """
    app = current_app._get_current_object()  # type: ignore[attr-defined]

    def in_own_context() -> Iterator[bytes]:
        with app.app_context():
            yield from chunks

    return Response(
        in_own_context(),
        mimetype=mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


def _export(slug: str, kind: str) -> Response:
    dialogue = _load(slug, Action.EXPORT_RESPONSES)
    header, rows = exports.export_responses(db.session, dialogue, kind, i18n.current(),
                                            actor=staff_user())
    if kind == "json":
        return download(exports.json_chunks(dialogue.slug, header, rows),
                                f"{dialogue.slug}-responses.json", "application/json")
    flavour = exports.SEMICOLON if kind == "csv-semicolon" else exports.COMMA
    return download(exports.csv_chunks(header, rows, flavour.delimiter),
                            f"{dialogue.slug}-{flavour.suffix}", "text/csv")


@bp.get("/dialogues/<slug>/responses.csv")
def export_csv(slug: str) -> Response:
    """Comma-separated; its address is a contract that scripts rely on."""
    return _export(slug, "csv")


@bp.get("/dialogues/<slug>/responses-excel.csv")
def export_csv_semicolon(slug: str) -> Response:
    """Semicolon-separated, for spreadsheet programs set up for Swedish."""
    return _export(slug, "csv-semicolon")


@bp.get("/dialogues/<slug>/responses.json")
def export_json(slug: str) -> Response:
    """Every text exactly as typed, for staff who need it (the CSVs neutralise formulas)."""
    return _export(slug, "json")
