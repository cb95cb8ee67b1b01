"""Weapons: list and serial search, one weapon, custody events, photographs, bulk intake and
its printable receipt."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import FileResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.arms import photos, queries
from sijill.arms import service as arms_service
from sijill.arms.schemas import EventIn, IntakeIn
from sijill.arms.vocab import Condition, CustodyStatus, EventKind, MarkingKind, WeaponType
from sijill.deps import DbSession, SettingsDep
from sijill.errors import InvalidInput, NeedsConfirmation
from sijill.registry import reference
from sijill.web.deps import Csrf, WebActor, flash, render
from sijill.web.forms import parse

router = APIRouter()
ROW_FIELDS = ("weapon_type", "make", "model", "calibre", "condition", "serial", "marking",
              "duplicate_reason")  # fmt: skip
RECORDED_HERE = [k for k in EventKind if k not in (EventKind.HANDED_IN, EventKind.ISSUED)]


@router.get("/weapons")
def list_weapons(
    request: Request,
    session: DbSession,
    actor: WebActor,
    state: CustodyStatus | None = None,
    serial: str = "",
) -> Response:
    if serial.strip():
        key, weapons = queries.serial_candidates(session, actor, serial.strip())
    else:
        key, weapons = "", queries.list_weapons(session, actor, state, limit=200)
    ctx = {"weapons": weapons, "state": state, "serial": serial, "key": key,
           "states": list(CustodyStatus)}  # fmt: skip
    return render(request, "weapons.html", ctx, actor=actor)


def _choices(session: DbSession, actor: Actor) -> dict[str, Any]:
    return {
        "facilities": reference.list_facilities(session, actor),
        "groups": reference.list_groups(session, actor),
        "types": list(WeaponType),
        "conditions": list(Condition),
        "event_kinds": RECORDED_HERE,
    }


@router.get("/weapons/{ref}")
def show(request: Request, session: DbSession, actor: WebActor, ref: str) -> Response:
    weapon = queries.get_weapon(session, actor, ref)
    ctx = {"weapon": weapon, "events": queries.history(session, actor, ref)}
    if actor.can(Permission.WEAPON_RECORD):
        ctx |= _choices(session, actor)
    return render(request, "weapon.html", ctx, actor=actor)


@router.post("/weapons/{ref}/events", dependencies=[Csrf])
def record_event(
    request: Request,
    session: DbSession,
    actor: WebActor,
    ref: str,
    kind: Annotated[str, Form()],
    facility_id: Annotated[str, Form()] = "",
    person: Annotated[str, Form(max_length=40)] = "",
    witness_1: Annotated[str, Form(max_length=200)] = "",
    witness_2: Annotated[str, Form(max_length=200)] = "",
    note: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    data = parse(EventIn, {
        "kind": kind, "facility_id": facility_id or None, "person": person.strip() or None,
        "witnesses": [w for w in (witness_1, witness_2) if w.strip()], "note": note or None,
    })  # fmt: skip
    weapon = arms_service.record_event(session, actor, ref, data)
    flash(request, "Recorded: {event}.", event=kind.replace("_", " "))
    return RedirectResponse(f"/weapons/{weapon.ref}", status_code=303)


@router.post("/weapons/{ref}/photos", dependencies=[Csrf])
async def add_photo(
    request: Request,
    session: DbSession,
    actor: WebActor,
    settings: SettingsDep,
    ref: str,
    photo: Annotated[UploadFile, File()],
) -> Response:
    content = await photo.read(settings.max_photo_bytes + 1)
    limit = settings.max_photo_bytes
    photos.add_photo(session, actor, ref, content, settings.photo_dir, limit)
    flash(request, "Photograph added.")
    return RedirectResponse(f"/weapons/{ref}", status_code=303)


@router.get("/weapons/{ref}/photos/{sha256}")
def photo(
    session: DbSession, actor: WebActor, settings: SettingsDep, ref: str, sha256: str
) -> Response:
    path, media_type = photos.photo_file(session, actor, ref, sha256, settings.photo_dir)
    return FileResponse(path, media_type=media_type)


# ---- bulk intake ------------------------------------------------------------------------


def _row(form: FormData, i: int) -> dict[str, Any] | None:
    cell = {f: str(form.get(f"items.{i}.{f}") or "").strip() for f in ROW_FIELDS}
    if not any(v for k, v in cell.items() if k != "condition"):
        return None
    markings = [{"text": cell["serial"]}] if cell["serial"] else []
    if cell["marking"]:
        markings.append({"kind": MarkingKind.OTHER.value, "text": cell["marking"]})
    row = {k: v for k, v in cell.items() if v and k not in ("serial", "marking")}
    return row | {"markings": markings}


def intake_data(form: FormData) -> dict[str, Any]:
    """The intake form as the service's input: blank rows skipped, row numbers kept."""
    rows = int(str(form.get("rows") or 0))
    items = [row for i in range(min(rows, 500)) if (row := _row(form, i)) is not None]
    witnesses = [str(form.get(f"witnesses.{i}") or "").strip() for i in range(2)]
    data = {
        "facility_id": form.get("facility_id") or None,
        "group_id": form.get("group_id") or None,
        "handed_in_by": str(form.get("handed_in_by") or "").strip() or None,
        "witnesses": [w for w in witnesses if w],
        "items": items,
    }
    return data


def _intake_form(
    request: Request, session: DbSession, actor: Actor, values: dict[str, Any],
    errors: dict[str, str], rows: int, status: int = 200,
) -> Response:  # fmt: skip
    actor.require(Permission.WEAPON_RECORD)
    ctx = _choices(session, actor) | {"values": values, "errors": errors, "rows": rows}
    return render(request, "intake_form.html", ctx, status, actor=actor)


@router.get("/intakes/new")
def new_intake(request: Request, session: DbSession, actor: WebActor, rows: int = 10) -> Response:
    return _intake_form(request, session, actor, {}, {}, max(1, min(rows, 200)))


def _row_errors(exc: InvalidInput | NeedsConfirmation, positions: list[int]) -> dict[str, str]:
    """Errors keyed by form field: the n-th item sent is the row at ``positions[n]``."""
    errors = exc.errors if isinstance(exc, InvalidInput) else {str(exc.field): exc.message}
    out: dict[str, str] = {}
    for key, message in errors.items():
        parts = key.split(".")
        if parts[0] == "items" and len(parts) > 2 and int(parts[1]) < len(positions):
            parts[1] = str(positions[int(parts[1])])
            if parts[2] == "markings":
                parts = [*parts[:2], "serial" if parts[3:4] == ["0"] else "marking"]
        out[".".join(parts)] = message
    return out


@router.post("/intakes", dependencies=[Csrf])
async def create_intake(request: Request, session: DbSession, actor: WebActor) -> Response:
    form = await request.form()
    data = intake_data(form)
    rows = int(str(form.get("rows") or 10))
    positions = [i for i in range(min(rows, 500)) if _row(form, i) is not None]
    try:
        intake = arms_service.intake(session, actor, parse(IntakeIn, data))
    except (InvalidInput, NeedsConfirmation) as exc:
        session.rollback()  # nothing of a refused intake is kept
        values = {k: str(v) for k, v in form.multi_items() if k != "csrf_token"}
        errors = _row_errors(exc, positions)
        return _intake_form(request, session, actor, values, errors, rows, exc.status)
    flash(request, "Intake {ref}: {count} weapons handed in.", ref=intake.ref,
          count=str(len(intake.items)))  # fmt: skip
    return RedirectResponse(f"/intakes/{intake.ref}", status_code=303)


@router.get("/intakes/{intake_ref}")
def receipt(request: Request, session: DbSession, actor: WebActor, intake_ref: str) -> Response:
    intake = queries.get_intake(session, actor, intake_ref)
    return render(request, "receipt.html", {"intake": intake}, actor=actor)
