"""Mount the pages: templates, static files, routes and the one error path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from sijill.config import Settings
from sijill.registry import regno
from sijill.web.explanations import translate_line
from sijill.web.routes import (
    admin,
    auth,
    cases,
    dedup,
    documents,
    jobs,
    people,
    permits,
    person_photos,
    screening,
    sealing,
    transfer_register,
    transfers,
    weapons,
)

HERE = Path(__file__).parent


def _strip_prefix(values: dict[str, Any], prefix: str) -> dict[str, Any]:
    """The entries of ``values`` under ``prefix`` (``user.username`` -> ``username``)."""
    return {k[len(prefix) :]: v for k, v in values.items() if k.startswith(prefix)}


def mount_web(app: FastAPI, settings: Settings) -> None:
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals["regno_display"] = regno.display
    templates.env.globals["explain"] = translate_line
    templates.env.filters["items_prefixed"] = _strip_prefix
    templates.env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in (
        auth,
        people,
        person_photos,
        sealing,
        admin,
        jobs,
        weapons,
        permits,
        documents,
        cases,
        dedup,
        transfer_register,
        transfers,
        screening,
    ):
        app.include_router(module.router, include_in_schema=False)
