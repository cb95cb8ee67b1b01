"""Name banks of the demo population: Uyghurs and Turks.

Uyghur names are written in the Uyghur Arabic script, with their Latin spellings (Uyghur
Latin, and as officials write them) and the pinyin spelling of Chinese passports.
"""

from __future__ import annotations

from sijill.demo.namebank import Part, parse_latin, rows
from sijill.demo.translit import unique


def parse_uyghur(table: str) -> tuple[Part, ...]:
    """``Uyghur script | Latin, ... | Chinese-passport spelling | Arabic`` lines."""
    return tuple(
        Part(u, unique(s.strip() for s in latin.split(",")), a, pinyin)
        for u, latin, pinyin, a in rows(table)
    )


UYGHUR_MALE = parse_uyghur("""
مەمەت | Memet, Mehmet, Mamat | Maimaiti | محمد
تۇرسۇن | Tursun, Tursunjan | Tuerxun | تورسون
ئابدۇرېھىم | Abdurëhim, Abdurehim, Abdurahim | Abudureheimu | عبد الرحيم
ئەھمەتجان | Ehmetjan, Ahmatjan, Akhmetjan | Aihemaitijiang | أحمد جان
ئابدۇللا | Abdulla, Abdullah | Abudula | عبد الله
ئەركىن | Erkin, Arkin | Aierken | أركين
يۈسۈپ | Yüsüp, Yusup, Yusuf | Yusufu | يوسف
قۇربان | Qurban, Kurban | Kuerban | قربان
ھەسەن | Hesen, Hasan | Aishan | حسن
ئۆمەر | Ömer, Omer, Umar | Wumaier | عمر
ئابلىز | Abliz, Abdulaziz | Abulizi | عبد العزيز
نۇرمەمەت | Nurmemet, Nurmamat, Nur Muhammad | Nuermaimaiti | نور محمد
ئابلەت | Ablet, Ablat | Abulaiti | عبد اللطيف
ئوسمان | Osman, Usman | Wusiman | عثمان
ئىبراھىم | Ibrahim, Ibrayim | Yibulayin | إبراهيم
روزى | Rozi, Rozy | Rouzi | روزي
توختى | Toxti, Tohti, Tokhti | Tuohuti | توختي
كېرىم | Kërim, Kerim, Karim | Kelimu | كريم
ياسىن | Yasin, Yassin | Yasen | ياسين
مۇھەممەت | Muhemmet, Muhammad, Mukhammet | Muhanmaiti | محمد
ئەزىز | Eziz, Aziz | Aizezi | عزيز
ئىسمايىل | Ismayil, Ismail | Yisimayili | إسماعيل
""")

UYGHUR_FEMALE = parse_uyghur("""
ئايگۈل | Aygül, Aygul, Aigul | Ayiguli | آيغول
گۈلنار | Gülnar, Gulnar | Gulinaer | غولنار
مېھرىبان | Mëhriban, Mehriban, Mihriban | Mihereban | مهربان
پاتىگۈل | Patigül, Patigul | Patiguli | باتيغول
زۇلپىيە | Zulpiye, Zulfiya | Zulipiye | زلفية
ئاينۇر | Aynur, Ainur | Ayinuer | آينور
رىزۋانگۈل | Rizwangül, Rizvangul | Reziwanguli | رضوان غول
ماھىنۇر | Mahinur, Makhinur | Mahenuer | ماهينور
ئارزۇگۈل | Arzugül, Arzugul | Aerzuguli | آرزوغول
مەرىيەم | Meryem, Maryam | Mailiyamu | مريم
ئامىنە | Amine, Amina | Aminai | أمينة
بۇھەلچەم | Buhelchem, Bukhalchem | Buhailiqiemu | بوهلجم
""")

TURKISH_MALE = parse_latin("""
Mehmet | محمد
Ahmet | أحمد
Mustafa | مصطفى
Ali | علي
Hüseyin | حسين
Hasan | حسن
İbrahim | إبراهيم
Yusuf | يوسف
Emre | أمره
Burak | براق
Ömer | عمر
Murat | مراد
Osman | عثمان
Halil | خليل
Abdullah | عبد الله
Furkan | فرقان
Enes | أنس
Yunus | يونس
""")

TURKISH_FEMALE = parse_latin("""
Ayşe | عائشة
Fatma | فاطمة
Emine | أمينة
Hatice | خديجة
Zeynep | زينب
Elif | أليف
Meryem | مريم
Büşra | بشرى
Merve | مروة
Esra | إسراء
Kübra | كبرى
Rabia | رابعة
""")

TURKISH_FAMILY = parse_latin("""
Yılmaz | يلماز
Kaya | كايا
Demir | دمير
Şahin | شاهين
Çelik | جليك
Yıldız | يلدز
Yıldırım | يلدرم
Öztürk | أوزتورك
Aydın | آيدن
Özdemir | أوزدمير
Arslan | أرسلان
Doğan | دوغان
Kılıç | قليج
Aslan | أصلان
Çetin | جتين
Kara | قره
Koç | قوج
Kurt | قورت
Polat | بولات
Güneş | غونش
""")
