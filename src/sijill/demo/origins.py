"""Where the people of the demo population come from, and what that implies.

Each origin fixes a naming style, name banks, languages, the documents people of that
origin carry and their shares. The shares are those of household heads: about half Syrian,
the rest foreign fighters of many origins.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sijill.demo import namebank as ar
from sijill.demo import namebank_europe as eu
from sijill.demo import namebank_foreign as fo
from sijill.demo import namebank_uyghur_turkish as ut
from sijill.demo.namebank import Part
from sijill.registry.vocab import DocumentType as D

Pool = tuple[tuple[Part, ...], tuple[Part, ...], tuple[Part, ...]]  # male, female, family


@dataclass(frozen=True, slots=True)
class Origin:
    """A country or people of origin.

    ``style`` selects how names are composed and rendered (see ``naming``); ``pool`` holds
    the given (male, female) and family names; ``heritage`` is a second pool for Europeans
    born into Muslim families (the first pool then serves converts' birth names).
    """

    key: str
    weight: float
    country: str
    style: str
    pool: Pool
    nisba: Part | None
    languages: tuple[tuple[str, float], ...]
    places: tuple[str, ...]
    documents: tuple[tuple[D, str, float], ...]
    second_nationality: tuple[tuple[str, float], ...] = ()
    heritage: Pool | None = None
    schemes: tuple[str, ...] = fo.RUSSIAN_SCHEMES
    region: str = ""  # Russian region code used in internal passport series
    foreign: bool = field(init=False)  # not Syrian (set from ``country``)

    def __post_init__(self) -> None:
        object.__setattr__(self, "foreign", self.country != "SY")


_N = ar.NISBAS
_SY_DOCS = (
    (D.NATIONAL_ID, "SY", 0.7),
    (D.FAMILY_BOOK, "SY", 0.35),
    (D.PASSPORT, "SY", 0.15),
    (D.MILITARY_ID, "SY", 0.12),
    (D.DRIVING_LICENCE, "SY", 0.06),
)
_RU_DOCS = ((D.PASSPORT, "RU", 0.55), (D.NATIONAL_ID, "RU", 0.6))
_EU_LANGS = (("ar", 0.45),)

ORIGINS: tuple[Origin, ...] = (
    Origin(
        "syrian",
        0.50,
        "SY",
        "arab",
        (ar.SYRIAN_MALE, ar.SYRIAN_FEMALE, ar.SYRIAN_FAMILY),
        None,
        (("ar", 1.0), ("ku", 0.06), ("tr", 0.05), ("en", 0.08)),
        ar.SYRIAN_PLACES,
        _SY_DOCS,
    ),
    Origin(
        "uyghur",
        0.07,
        "CN",
        "uyghur",
        (ut.UYGHUR_MALE, ut.UYGHUR_FEMALE, ()),
        _N["al-Turkistani"],
        (("ug", 1.0), ("zh", 0.3), ("tr", 0.25), ("ar", 0.3)),
        ("Kashgar", "Hotan", "Ghulja", "Urumqi", "Aksu", "Turpan", "Yarkand", "Atush"),
        ((D.PASSPORT, "CN", 0.5), (D.NATIONAL_ID, "CN", 0.4), (D.RESIDENCE_PERMIT, "TR", 0.3)),
    ),
    Origin(
        "uzbek",
        0.05,
        "UZ",
        "uzbek",
        (fo.UZBEK_MALE, fo.UZBEK_FEMALE, fo.UZBEK_FAMILY),
        _N["al-Uzbeki"],
        (("uz", 1.0), ("ru", 0.6), ("ar", 0.25)),
        ("Namangan", "Andijan", "Fergana", "Tashkent", "Samarkand", "Kokand", "Margilan"),
        ((D.PASSPORT, "UZ", 0.65), (D.NATIONAL_ID, "UZ", 0.2), (D.RESIDENCE_PERMIT, "RU", 0.15)),
        schemes=fo.UZBEK_SCHEMES,
    ),
    Origin(
        "tajik",
        0.04,
        "TJ",
        "tajik",
        (fo.TAJIK_MALE, fo.TAJIK_FEMALE, fo.TAJIK_FAMILY),
        _N["al-Tajiki"],
        (("tg", 1.0), ("ru", 0.7), ("ar", 0.2)),
        ("Dushanbe", "Khujand", "Kulob", "Vahdat", "Isfara", "Bokhtar", "Panjakent"),
        ((D.PASSPORT, "TJ", 0.7), (D.NATIONAL_ID, "TJ", 0.2), (D.RESIDENCE_PERMIT, "RU", 0.25)),
        schemes=fo.TAJIK_SCHEMES,
    ),
    Origin(
        "chechen",
        0.05,
        "RU",
        "russian",
        (fo.CHECHEN_MALE, fo.CHECHEN_FEMALE, fo.CHECHEN_FAMILY),
        _N["al-Shishani"],
        (("ce", 1.0), ("ru", 0.9), ("ar", 0.3)),
        ("Grozny", "Urus-Martan", "Shali", "Gudermes", "Argun", "Achkhoy-Martan", "Kurchaloy"),
        _RU_DOCS,
        region="96",
    ),
    Origin(
        "dagestani",
        0.04,
        "RU",
        "russian",
        (fo.DAGESTANI_MALE, fo.DAGESTANI_FEMALE, fo.DAGESTANI_FAMILY),
        _N["al-Daghestani"],
        (("ru", 1.0), ("av", 0.5), ("ar", 0.35)),
        ("Makhachkala", "Khasavyurt", "Buynaksk", "Derbent", "Kizlyar", "Kaspiysk"),
        _RU_DOCS,
        region="82",
    ),
    Origin(
        "turkish",
        0.04,
        "TR",
        "latin",
        (ut.TURKISH_MALE, ut.TURKISH_FEMALE, ut.TURKISH_FAMILY),
        _N["al-Turki"],
        (("tr", 1.0), ("ar", 0.3), ("ku", 0.1)),
        ("Istanbul", "Gaziantep", "Konya", "Ankara", "Adana", "Adiyaman", "Bingol", "Kayseri"),
        ((D.NATIONAL_ID, "TR", 0.8), (D.PASSPORT, "TR", 0.4), (D.DRIVING_LICENCE, "TR", 0.2)),
    ),
    Origin(
        "saudi",
        0.04,
        "SA",
        "saudi",
        (ar.SYRIAN_MALE, ar.SYRIAN_FEMALE, ar.SAUDI_FAMILY),
        _N["al-Jazrawi"],
        (("ar", 1.0), ("en", 0.4)),
        ("Riyadh", "Jeddah", "Buraydah", "Hail", "Dammam", "Abha", "Taif", "Al-Kharj"),
        ((D.PASSPORT, "SA", 0.7), (D.NATIONAL_ID, "SA", 0.6)),
    ),
    Origin(
        "tunisian",
        0.05,
        "TN",
        "tunisian",
        (ar.TUNISIAN_MALE, ar.TUNISIAN_FEMALE, ar.TUNISIAN_FAMILY),
        _N["al-Tunisi"],
        (("ar", 1.0), ("fr", 0.7)),
        ("Tunis", "Sfax", "Bizerte", "Ben Gardane", "Kasserine", "Sousse", "Kairouan", "Gafsa"),
        ((D.PASSPORT, "TN", 0.65), (D.NATIONAL_ID, "TN", 0.6)),
    ),
    Origin(
        "french",
        0.04,
        "FR",
        "latin",
        (eu.FRENCH_MALE, eu.FRENCH_FEMALE, eu.FRENCH_FAMILY),
        _N["al-Faransi"],
        (("fr", 1.0), *_EU_LANGS),
        ("Paris", "Lunel", "Nice", "Toulouse", "Strasbourg", "Lyon", "Marseille", "Roubaix"),
        ((D.PASSPORT, "FR", 0.6), (D.NATIONAL_ID, "FR", 0.5)),
        (("DZ", 0.2), ("MA", 0.1), ("TN", 0.05)),
        heritage=(eu.MAGHREBI_MALE, eu.MAGHREBI_FEMALE, eu.MAGHREBI_FAMILY),
    ),
    Origin(
        "belgian",
        0.02,
        "BE",
        "latin",
        (eu.BELGIAN_MALE, eu.BELGIAN_FEMALE, eu.BELGIAN_FAMILY),
        _N["al-Baljiki"],
        (("nl", 0.6), ("fr", 0.6), *_EU_LANGS),
        ("Brussels", "Antwerp", "Vilvoorde", "Mechelen", "Liege", "Charleroi", "Verviers"),
        ((D.PASSPORT, "BE", 0.6), (D.NATIONAL_ID, "BE", 0.6)),
        (("MA", 0.45),),
        heritage=(eu.MOROCCAN_MALE, eu.MOROCCAN_FEMALE, eu.MOROCCAN_FAMILY),
    ),
    Origin(
        "british",
        0.03,
        "GB",
        "latin",
        (eu.BRITISH_MALE, eu.BRITISH_FEMALE, eu.BRITISH_FAMILY),
        _N["al-Britani"],
        (("en", 1.0), ("ur", 0.15), *_EU_LANGS),
        ("London", "Birmingham", "Manchester", "Portsmouth", "Cardiff", "Luton", "Leeds"),
        ((D.PASSPORT, "GB", 0.75),),
        (("PK", 0.12),),
        heritage=(
            eu.BRITISH_HERITAGE_MALE,
            eu.BRITISH_HERITAGE_FEMALE,
            eu.BRITISH_HERITAGE_FAMILY,
        ),
    ),
    Origin(
        "german",
        0.03,
        "DE",
        "latin",
        (eu.GERMAN_MALE, eu.GERMAN_FEMALE, eu.GERMAN_FAMILY),
        _N["al-Almani"],
        (("de", 1.0), ("tr", 0.3), *_EU_LANGS),
        ("Berlin", "Hamburg", "Frankfurt", "Dinslaken", "Solingen", "Bonn", "Wuppertal"),
        ((D.PASSPORT, "DE", 0.55), (D.NATIONAL_ID, "DE", 0.55)),
        (("TR", 0.3),),
        heritage=(
            eu.GERMAN_HERITAGE_MALE,
            eu.GERMAN_HERITAGE_FEMALE,
            eu.GERMAN_HERITAGE_FAMILY,
        ),
    ),
)

BY_KEY = {origin.key: origin for origin in ORIGINS}

# Documents a second nationality brings (a Franco-Algerian may hold an Algerian passport).
SECOND_NATIONALITY_DOCUMENTS: dict[str, tuple[D, ...]] = {
    "DZ": (D.PASSPORT,),
    "MA": (D.PASSPORT, D.NATIONAL_ID),
    "TN": (D.PASSPORT,),
    "PK": (D.PASSPORT,),
    "TR": (D.NATIONAL_ID,),
}
