"""The registry in a real browser: log in, register a family, find by an Arabic name, a
conflicting correction, the Arabic interface. Every name here is synthetic."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

import pytest
from browser_support import World, log_in
from playwright.sync_api import BrowserContext, Locator, Page, expect

from factories.access import PASSWORD
from factories.registry import register
from sijill.db import unit_of_work
from sijill.registry import regno as regnos

pytestmark = pytest.mark.e2e


def _row(page: Page, section: str, index: int) -> Locator:
    """Row ``index`` of a repeating section of the person form (names, documents, family)."""
    return page.locator(f'.rows[data-rows="{section}"] > .row').nth(index)


def _doc_number() -> str:
    return "FA" + str(secrets.randbelow(10**7)).zfill(7)


def test_log_in_and_a_wrong_password_is_refused(page: Page, world: World) -> None:
    username = world.registrar()
    page.goto("/people")  # not logged in: sent to the log-in page, then back
    expect(page).to_have_url(re.compile(r"/login\?next=/people$"))
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_have_text("Unknown user name or wrong password.")
    expect(page.get_by_label("User name")).to_have_value(username)

    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/people$"))
    expect(page.locator(".who")).to_contain_text(username)
    nav = page.get_by_role("navigation", name="Main menu")
    expect(nav.get_by_role("link", name="Register a person")).to_be_visible()


def test_register_a_person_with_spouse_child_and_passport(
    page: Page, world: World, logged_in: Callable[[Page], str]
) -> None:
    logged_in(page)
    page.get_by_role("link", name="Register a person").click()
    expect(page.get_by_role("heading", name="Register a person")).to_be_visible()

    name = _row(page, "names", 0)
    name.get_by_label("Name as written", exact=True).fill("Bakhtiyor Nazarov")
    name.get_by_label("Given name", exact=True).fill("Bakhtiyor")
    name.get_by_label("Family name", exact=True).fill("Nazarov")
    identity = page.get_by_role("group", name="Identity", exact=True)
    identity.get_by_label("Sex").select_option(label="male")
    identity.get_by_label("Year", exact=True).fill("1987")
    identity.get_by_label("Nationalities").select_option("UZ")

    number = _doc_number()
    doc = _row(page, "documents", 0)
    doc.get_by_label("Type").select_option(label="passport")
    doc.get_by_label("Issuing state").select_option("UZ")
    doc.get_by_label("Number", exact=True).fill(number)
    doc.get_by_label("Status").select_option(label="held")

    for index, (relation, full, sex, year) in enumerate(
        [
            ("spouse", "Dilnoza Nazarova", "female", "1990"),
            ("child", "Aziz Nazarov", "male", "2015"),
        ]
    ):
        row = _row(page, "family", index)
        row.get_by_label("Relation").select_option(label=relation)
        row.get_by_label("or new person: name", exact=True).fill(full)
        row.get_by_label("Sex").select_option(label=sex)
        row.get_by_label("Year", exact=True).fill(year)

    facility = page.get_by_label("Facility")
    facility.select_option(
        facility.locator("option", has_text=world.facility).get_attribute("value")
    )
    page.get_by_role("button", name="Register", exact=True).click()

    expect(page).to_have_url(re.compile(r"/people/[0-9A-Z-]+$"))
    regno = page.locator("#regno").inner_text()
    assert regnos.parse(regno) is not None, regno  # a valid check character
    expect(page.get_by_role("status")).to_have_text(f"Registered Bakhtiyor Nazarov as {regno}.")
    expect(page.locator("#person-name")).to_have_text("Bakhtiyor Nazarov")
    expect(page.locator("#documents")).to_contain_text(number)
    expect(page.locator("#documents")).to_contain_text("passport")
    expect(page.locator("#placements")).to_contain_text(world.facility)

    graph = page.get_by_role("img", name="Family")
    expect(graph).to_be_visible()
    expect(graph.locator("g.node")).to_have_count(3)
    expect(graph).to_contain_text("Dilnoza Nazarova")
    expect(graph).to_contain_text("Aziz Nazarov")

    family = page.locator("#family > li")
    expect(family).to_have_count(2)
    expect(family.filter(has_text="Dilnoza Nazarova")).to_contain_text("spouse")
    expect(family.filter(has_text="Aziz Nazarov")).to_contain_text("child")

    # each relative is a person of their own, linked back
    family.filter(has_text="Aziz Nazarov").get_by_role("link").click()
    expect(page.locator("#person-name")).to_have_text("Aziz Nazarov")
    expect(page.locator("#family > li")).to_contain_text(["parent: Bakhtiyor Nazarov"])


def test_find_a_person_by_an_arabic_script_name(
    page: Page, logged_in: Callable[[Page], str]
) -> None:
    logged_in(page)
    page.goto("/people/new")
    _row(page, "names", 0).get_by_label("Name as written", exact=True).fill("Sardor Yusupov")
    alias = _row(page, "names", 1)
    alias.get_by_label("Name as written", exact=True).fill("سردار يوسوبوف")
    alias.get_by_label("Type").select_option(label="alias")
    kunya = _row(page, "names", 2)
    kunya.get_by_label("Name as written", exact=True).fill("أبو سلمان الأوزبكي")
    kunya.get_by_label("Type").select_option(label="kunya")
    page.get_by_role("button", name="Register", exact=True).click()
    expect(page.locator("#person-name")).to_have_text("Sardor Yusupov")
    regno = page.locator("#regno").inner_text()

    page.get_by_role("link", name="Search").click()
    page.get_by_label("Registry number, document number or name (any script)").fill("يوسوبوف")
    page.get_by_role("button", name="Search").click()
    results = page.locator("#results tbody tr")
    expect(results).to_have_count(1)
    expect(results).to_contain_text(regno)
    results.get_by_role("link", name="Sardor Yusupov").click()

    expect(page).to_have_url(re.compile(rf"/people/{regno}$"))
    names = page.locator("#names")
    expect(names.get_by_role("row", name=re.compile("سردار يوسوبوف"))).to_contain_text("alias")
    expect(names.get_by_role("row", name=re.compile("أبو سلمان الأوزبكي"))).to_contain_text("kunya")


def _open_edit(context: BrowserContext, username: str, regno: str) -> Page:
    page = context.new_page()
    log_in(page, username)
    page.goto(f"/people/{regno}/edit")
    expect(page.get_by_role("heading", name=re.compile("Correct the record"))).to_be_visible()
    return page


def test_a_conflicting_correction_is_refused_and_keeps_the_first(
    new_context: Callable[..., BrowserContext], world: World
) -> None:
    first, second = world.registrar(), world.registrar()
    with unit_of_work(world.sessions) as session:
        regno = register(session, world.actor(first), "Jasur Olimov", year=1984).regno

    one = _open_edit(new_context(), first, regno)
    two = _open_edit(new_context(), second, regno)

    one.get_by_label("Place of birth", exact=True).fill("Namangan")
    one.get_by_label("Reason for the correction", exact=True).fill("told by his brother")
    one.get_by_role("button", name="Save correction").click()
    expect(one.get_by_role("status")).to_have_text(f"Saved version 2 of {regno}.")

    two.get_by_label("Place of birth", exact=True).fill("Andijan")
    two.get_by_role("button", name="Save correction").click()
    conflict = two.locator("#conflict")
    expect(conflict).to_have_text(
        "This record was changed by someone else while you were editing: you started from "
        "version 1, it is now version 2. Nothing was saved. Reload the record and make your "
        "correction again."
    )
    expect(two.get_by_label("Place of birth", exact=True)).to_have_value(
        "Andijan"
    )  # their input is kept

    two.goto(f"/people/{regno}")
    expect(two.locator("dl.facts")).to_contain_text("Namangan")
    expect(two.locator("dl.facts")).not_to_contain_text("Andijan")
    expect(two.locator(".person-head")).to_contain_text("Version 2")
    two.get_by_role("link", name="History").click()
    expect(two.locator("#history tbody tr")).to_have_count(2)


def test_the_interface_switches_to_arabic(
    page: Page, world: World, logged_in: Callable[[Page], str]
) -> None:
    username = logged_in(page)
    mixed = "Abu Hafs أبو حفص Rakhimov"
    with unit_of_work(world.sessions) as session:
        register(session, world.actor(username), mixed, year=1979)

    page.goto("/people")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    page.get_by_role("link", name="العربية").click()

    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    nav = page.get_by_role("navigation", name="القائمة الرئيسية")
    for label in ("بحث", "تسجيل شخص", "الحساب"):
        expect(nav.get_by_role("link", name=label, exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="تسجيل الخروج")).to_be_visible()
    expect(page.get_by_role("link", name="English")).to_be_visible()
    # right to left: the brand sits at the right, the session controls at the left
    brand = page.locator(".brand").bounding_box()
    session = page.locator(".session").bounding_box()
    assert brand and session and brand["x"] > session["x"]

    page.get_by_label("رقم القيد أو رقم الوثيقة أو الاسم (بأي أبجدية)").fill("أبو حفص")
    page.get_by_role("button", name="بحث").click()
    expect(page.get_by_role("columnheader", name="الاسم")).to_be_visible()
    name = page.locator("#results bdi.name", has_text=mixed)
    expect(name).to_have_count(1)
    expect(name).to_have_attribute("dir", "auto")
    name.click()
    expect(page.locator("#person-name")).to_have_text(mixed)
    expect(page.locator("#person-name")).to_have_attribute("dir", "auto")
    expect(page.get_by_role("heading", name="الوثائق الثبوتية")).to_be_visible()
    expect(page.locator("#names")).to_contain_text("اسم أساسي")
