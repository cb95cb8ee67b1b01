"""Name banks of the demo population: the Caucasus and Central Asia (Cyrillic names).

Cyrillic names carry their Arabic rendering (as a Syrian clerk hears them); their Latin
spellings are produced by the romanisation schemes each country's officials use.
"""

from __future__ import annotations

from functools import cache

from sijill.demo.namebank import Part, rows
from sijill.demo.translit import cyrillic_to_latin, cyrillic_variants

RUSSIAN_SCHEMES = ("icao", "english", "french", "german")
TAJIK_SCHEMES = ("tajik", "icao", "english", "french", "german")
UZBEK_SCHEMES = ("uzbek", "english", "icao", "french", "german")


def parse_cyrillic(table: str, schemes: tuple[str, ...]) -> tuple[Part, ...]:
    """Parse ``Cyrillic | Arabic`` lines; Latin spellings come from ``schemes``."""
    return tuple(Part(c, cyrillic_variants(c, schemes), a) for c, a, *_ in rows(table))


def parse_uzbek(table: str) -> tuple[Part, ...]:
    """Uzbek names: Uzbek Latin as the native form, Cyrillic kept as ``alt``."""
    return tuple(
        Part(cyrillic_to_latin(c, "uzbek"), cyrillic_variants(c, UZBEK_SCHEMES), a, c)
        for c, a in rows(table)
    )


@cache
def feminine(part: Part, schemes: tuple[str, ...]) -> Part:
    """The feminine form of a Russian-style surname: Магомадов → Магомадова."""
    native = part.alt or part.native
    cyr = native + "а"
    arabic = part.arabic + "ا"
    if part.alt:
        return Part(cyrillic_to_latin(cyr, "uzbek"), cyrillic_variants(cyr, schemes), arabic, cyr)
    return Part(cyr, cyrillic_variants(cyr, schemes), arabic)


@cache
def patronymic(given: Part, schemes: tuple[str, ...], female: bool) -> Part:
    """A Russian-style patronymic from a father's given name: Муса → Мусаевич / Мусаевна."""
    cyr = given.alt or given.native
    stem = cyr[:-1] if cyr[-1] in "ьй" else cyr
    vowel_or_soft = cyr[-1] in "аеиоуьйя"
    suffix = (
        ("евна" if vowel_or_soft else "овна") if female else ("евич" if vowel_or_soft else "ович")
    )
    cyr = stem + suffix
    native = cyrillic_to_latin(cyr, "uzbek") if given.alt else cyr
    return Part(native, cyrillic_variants(cyr, schemes), "", cyr if given.alt else "")


@cache
def derussify(part: Part) -> Part:
    """The Tajik form of a Soviet surname: Раҳимов → Раҳимзода (the old one is kept)."""
    stem = part.native.removesuffix("ов").removesuffix("ев")
    cyr = stem + "зода"
    return Part(cyr, cyrillic_variants(cyr, TAJIK_SCHEMES), _TAJIK_NEW_ARABIC[part.native])


CHECHEN_MALE = parse_cyrillic(
    """
Ахмед | أحمد
Магомед | محمد
Ибрагим | إبراهيم
Рамзан | رمضان
Муса | موسى
Ислам | إسلام
Адам | آدم
Хамзат | حمزات
Аслан | أصلان
Руслан | روسلان
Умар | عمر
Рустам | رستم
Арби | عربي
Мовсар | موفسار
Ваха | واخا
Шамиль | شامل
Зелимхан | زليمخان
Турпал | تورفال
Хасан | حسن
Хусейн | حسين
Алихан | علي خان
Супьян | سفيان
Бислан | بيسلان
Ризван | رضوان
Хамид | حميد
Юсуп | يوسف
""",
    RUSSIAN_SCHEMES,
)

CHECHEN_FEMALE = parse_cyrillic(
    """
Хава | حواء
Айшат | عائشة
Седа | سيدا
Зарема | زاريما
Макка | مكة
Малика | مليكة
Петимат | بيتيمات
Марьям | مريم
Луиза | لويزا
Хадижат | خديجة
Зулай | زولاي
Амина | أمينة
Мадина | مدينة
""",
    RUSSIAN_SCHEMES,
)

CHECHEN_FAMILY = parse_cyrillic(
    """
Магомадов | ماغومادوف
Исаев | عيساييف
Мусаев | موساييف
Хасанов | حسانوف
Эльмурзаев | إلمورزاييف
Бисултанов | بيسولتانوف
Ахмадов | أحمدوف
Гайрбеков | غايربيكوف
Джабраилов | جبرائيلوف
Сайдулаев | سعيدولاييف
Хамзатов | حمزاتوف
Исмаилов | إسماعيلوف
Межиев | ميجييف
Цуроев | تسوروييف
Алиев | علييف
Юсупов | يوسوبوف
Эдилов | إديلوف
Батаев | باتاييف
Арсанукаев | أرسانوكاييف
Висаитов | فيسايتوف
""",
    RUSSIAN_SCHEMES,
)

DAGESTANI_MALE = parse_cyrillic(
    """
Магомед | محمد
Гаджи | حاجي
Шамиль | شامل
Абдулла | عبد الله
Рамазан | رمضان
Камиль | كامل
Арсен | أرسين
Тимур | تيمور
Расул | رسول
Загид | زاهد
Ахмед | أحمد
Гасан | حسن
Гусейн | حسين
Муртазали | مرتضى علي
Курбан | قربان
Магомедрасул | محمد رسول
Абакар | أباكار
Саид | سعيد
""",
    RUSSIAN_SCHEMES,
)

DAGESTANI_FEMALE = parse_cyrillic(
    """
Патимат | باتيمات
Зайнаб | زينب
Аминат | أمينات
Хадижат | خديجة
Мадина | مدينة
Салихат | صالحات
Джамиля | جميلة
Умукусум | أم كلثوم
Марьям | مريم
""",
    RUSSIAN_SCHEMES,
)

DAGESTANI_FAMILY = parse_cyrillic(
    """
Магомедов | ماغوميدوف
Гаджиев | حاجييف
Абдуллаев | عبد اللاييف
Алиев | علييف
Рамазанов | رمضانوف
Гасанов | حسانوف
Омаров | عوماروف
Расулов | رسولوف
Курбанов | قربانوف
Исмаилов | إسماعيلوف
Муртазалиев | مرتضالييف
Шамилов | شاميلوف
Ибрагимов | إبراهيموف
Абакаров | أباكاروف
Гамзатов | حمزاتوف
Саидов | سعيدوف
Джамалудинов | جمال الدينوف
Халилов | خليلوف
""",
    RUSSIAN_SCHEMES,
)

TAJIK_MALE = parse_cyrillic(
    """
Фаррух | فرخ
Шерзод | شيرزاد
Далер | دلير
Парвиз | برويز
Фирдавс | فردوس
Икром | إكرام
Муҳаммад | محمد
Абдулло | عبد الله
Рустам | رستم
Исмоил | إسماعيل
Умед | أوميد
Беҳруз | بهروز
Зафар | ظفر
Нозим | ناظم
Ҷамшед | جمشيد
Хуршед | خورشيد
Суҳроб | سهراب
Носир | ناصر
Азиз | عزيز
""",
    TAJIK_SCHEMES,
)

TAJIK_FEMALE = parse_cyrillic(
    """
Мадина | مدينة
Зарина | زرينة
Нигина | نكينة
Шаҳноза | شهنوزة
Гулнора | غولنورا
Фарзона | فرزانة
Меҳрона | مهرانة
Нилуфар | نيلوفر
Сабоҳат | صباحت
Парвина | بروينة
""",
    TAJIK_SCHEMES,
)

_TAJIK_FAMILY = """
Раҳимов | رحيموف | رحيم زاده
Каримов | كريموف | كريم زاده
Назаров | نظروف | نظر زاده
Саидов | سعيدوف | سعيد زاده
Шарипов | شريفوف | شريف زاده
Юсупов | يوسوبوف | يوسف زاده
Холов | خولوف | خول زاده
Сафаров | صفروف | صفر زاده
Давлатов | دولتوف | دولت زاده
Азизов | عزيزوف | عزيز زاده
Мирзоев | ميرزاييف | ميرزا زاده
Бобоев | بوبوييف | بابا زاده
Исмоилов | إسماعيلوف | إسماعيل زاده
Ҳакимов | حكيموف | حكيم زاده
Одинаев | أودينايف | أودينا زاده
Турсунов | تورسونوف | تورسون زاده
Раҷабов | رجبوف | رجب زاده
Зиёев | ضيائيف | ضياء زاده
"""

TAJIK_FAMILY = parse_cyrillic(_TAJIK_FAMILY, TAJIK_SCHEMES)
# The Arabic rendering of the de-Russified form of each Tajik surname (see derussify).
_TAJIK_NEW_ARABIC = {c: z for c, _, z in rows(_TAJIK_FAMILY)}

UZBEK_MALE = parse_uzbek("""
Абдулла | عبد الله
Шавкат | شوكت
Жасур | جسور
Бобур | بابور
Улуғбек | ألوغ بيك
Отабек | أوتابيك
Шерзод | شيرزاد
Санжар | سنجر
Сардор | سردار
Азизбек | عزيز بيك
Жамшид | جمشيد
Ботир | باتر
Дилшод | دلشاد
Фарҳод | فرهاد
Нодир | نادر
Ойбек | أويبيك
Ўткир | أوتكير
Равшан | روشن
Баҳодир | بهادر
Илҳом | إلهام
Акмал | أكمل
Собир | صابر
""")

UZBEK_FEMALE = parse_uzbek("""
Дилноза | دلنوزا
Гулноза | غولنوزا
Малика | مليكة
Нилуфар | نيلوفر
Шаҳло | شهلا
Зулфия | زلفية
Феруза | فيروزة
Мадина | مدينة
Нодира | نادرة
Севара | سيفارا
Ўғилой | أوغيلوي
""")

UZBEK_FAMILY = parse_uzbek("""
Тошматов | طاشماتوف
Раҳимов | رحيموف
Алимов | عليموف
Эргашев | إرغاشيف
Ҳасанов | حسانوف
Норматов | نورماتوف
Абдуллаев | عبد اللاييف
Турсунов | تورسونوف
Исмоилов | إسماعيلوف
Султонов | سلطانوف
Мирзаев | ميرزاييف
Усмонов | عثمانوف
Қодиров | قاديروف
Жўраев | جوراييف
Ҳамидов | حميدوف
Маматов | ماماتوف
Бозоров | بازاروف
Тўхтаев | توختاييف
Шукуров | شكوروف
""")
