"""Demo transfers: a country-risk register, an outgoing batch in preparation in which one
person is stopped by the non-refoulement gate, and an incoming batch awaiting
reconciliation. Every person, rating and source is synthetic."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sijill import intake
from sijill.access import service as access_service
from sijill.access.actor import Actor, operator_actor
from sijill.cases import service as cases_service
from sijill.cases.schemas import PathwayOpenIn
from sijill.cases.workflow import Pathway
from sijill.db import unit_of_work
from sijill.registry import queries as registry_queries
from sijill.registry.schemas import DateOfBirthIn, DocumentIn, NameIn, PersonIn
from sijill.registry.vocab import DatePrecision, DocumentType, NameType, Sex
from sijill.transfers import incoming, register, service
from sijill.transfers.models import TransferBatch
from sijill.transfers.risk import FactorKind, GroupKind, RiskLevel
from sijill.transfers.schemas import BatchIn, EntryIn, FactorIn, ItemIn, RatingIn

SOURCE = "Synthetic demo rating (not a real assessment)"
RATINGS = [
    ("CN", RiskLevel.ELEVATED, None),
    ("CN", RiskLevel.PROHIBITED, (GroupKind.LANGUAGE, "ug")),
    ("IQ", RiskLevel.LOW, None),
    ("TR", RiskLevel.ELEVATED, None),
]
# (name, Arabic spelling, sex, year, nationality, languages, passport number)
Row = tuple[str, str, Sex, int, str, list[str], str]
OUTGOING: list[Row] = [
    ("Ma Jianguo", "ما جيانغو", Sex.MALE, 1986, "CN", ["zh", "ar"], "EX1000001"),
    ("Abduweli Tursun", "عبد الولي تورسون", Sex.MALE, 1991, "CN", ["ug", "ar"], "EX1000002"),
    ("Ma Lihua", "ما ليهوا", Sex.FEMALE, 1990, "CN", ["zh"], "EX1000003"),
]


def _actor(session: Session, username: str) -> Actor:
    return access_service.actor_for(access_service.user_by_username(session, username))


def _person(session: Session, actor: Actor, row: Row) -> str:
    name, arabic, sex, year, nationality, languages, passport = row
    data = PersonIn(
        names=[NameIn(full=name, name_type=NameType.PRIMARY),
               NameIn(full=arabic, name_type=NameType.ALIAS)],
        sex=sex,
        date_of_birth=DateOfBirthIn(precision=DatePrecision.YEAR, year=year),
        nationalities=[nationality],
        languages=languages,
        documents=[DocumentIn(doc_type=DocumentType.PASSPORT, issuing_state=nationality,
                              number=passport)],
    )  # fmt: skip
    regno = intake.register(session, actor, data).regno  # screened, with a case
    proposal = PathwayOpenIn(pathway=Pathway.TRANSFER, reason="Return proposed (demo).")
    cases_service.open_pathway(session, actor, regno, proposal)
    return regno


def _outgoing(session: Session) -> None:
    supervisor, case = _actor(session, "supervisor"), _actor(session, "case")
    regnos = [_person(session, supervisor, row) for row in OUTGOING]
    register.add_factor(
        session, _actor(session, "protection"), regnos[2],
        FactorIn(kind=FactorKind.FEAR_OF_PERSECUTION, note="Synthetic demo note."),
    )  # fmt: skip
    head = BatchIn(state="CN", authority="Demo receiving authority", crossing_point="Demo Post 3")
    ref = service.create_batch(session, case, head).reference
    service.add_person(session, case, ref, EntryIn(regno=regnos[0]))
    service.add_person(session, case, ref, EntryIn(regno=regnos[1]))
    service.add_person(
        session, case, ref, EntryIn(regno=regnos[2], travels_with=regnos[0], relation="spouse")
    )
    item = ItemIn(
        description="Assault rifle", weapon_serial="DEMO-AK-0001", weapon_category="rifle"
    )
    service.add_item(session, case, ref, item)


def _incoming(session: Session) -> None:
    case = _actor(session, "case")
    known = registry_queries.list_people(session, case, limit=1)
    rows = ["Name,Born,Sex,Nationality", "Khalid Demo-Returnee,1984,M,SY",
            "Huda Demo-Returnee,1988,F,SY"]  # fmt: skip
    if known:
        p = known[0]
        rows.append(f"{p.name},{p.date_of_birth or ''},{p.sex.value},{';'.join(p.nationalities)}")
    mapping = {"name": "Name", "date_of_birth": "Born", "sex": "Sex", "nationality": "Nationality"}
    head = BatchIn(state="IQ", authority="Demo sending authority", crossing_point="Demo Post 9")
    data = ("\n".join(rows) + "\n").encode()
    incoming.import_spreadsheet(session, case, data, "returnees.csv", mapping, head, 100_000)


def load(factory: sessionmaker[Session]) -> None:
    """Load the demo transfers once (nothing when a batch exists already)."""
    with unit_of_work(factory) as session:
        if session.scalar(select(TransferBatch.id).limit(1)) is not None:
            return
        for state, level, group in RATINGS:
            kind, value = group if group else (None, None)
            rating = RatingIn(state=state, level=level, source=SOURCE, group_kind=kind,
                              group_value=value)  # fmt: skip
            register.record_rating(session, operator_actor(), rating)
        _incoming(session)  # first: it names the newest person of the demo population
        _outgoing(session)
