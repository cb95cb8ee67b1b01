"""Name banks of the demo population: Arabic-script names (Syria, Saudi Arabia, Tunisia).

Every bank holds common given and family names, each with the Latin spellings officials of
other countries write for it. People are random combinations of these parts, so no record
is a real person's. Kunyas combine a classical name with an invented-for-the-purpose nisba.
"""

from __future__ import annotations

from dataclasses import dataclass

from sijill.demo.translit import article_forms, latin_variants, unique


@dataclass(frozen=True, slots=True, eq=False)
class Part:
    """One name part: as written natively, its Latin spellings, as a Syrian clerk writes it.

    ``alt`` is a second native form where the country has one: the Cyrillic spelling of an
    Uzbek name, the Chinese-passport (pinyin) spelling of a Uyghur name. Parts compare
    and hash by identity: each is one entry of a bank (cheap to use as a cache key).
    """

    native: str
    latin: tuple[str, ...]
    arabic: str
    alt: str = ""


def parse_arabic(table: str, *, articles: bool = False) -> tuple[Part, ...]:
    """Parse ``arabic | Latin, Latin, ...`` lines; ``articles`` expands ``al-X`` spellings."""
    parts: list[Part] = []
    for line in table.strip().splitlines():
        arabic, latin = (field.strip() for field in line.split("|"))
        spellings = [s.strip() for s in latin.split(",")]
        if articles:
            spellings = [
                form
                for s in spellings
                for form in (article_forms(s[3:]) if s.startswith("al-") else (s,))
            ]
        parts.append(Part(arabic, unique(spellings), arabic))
    return tuple(parts)


def rows(table: str) -> list[list[str]]:
    """The ``|``-separated fields of each line of a bank table."""
    return [[f.strip() for f in line.split("|")] for line in table.strip().splitlines()]


def parse_latin(table: str) -> tuple[Part, ...]:
    """``Latin | Arabic`` lines; spellings without diacritics are derived."""
    return tuple(Part(n, latin_variants(n), a) for n, a in rows(table))


SYRIAN_MALE = parse_arabic("""
محمد | Mohammed, Muhammad, Mohamad, Mohamed, Mohammad
أحمد | Ahmad, Ahmed
محمود | Mahmoud, Mahmud, Mahmood
مصطفى | Mustafa, Moustafa, Mostafa
علي | Ali, Aly
حسن | Hassan, Hasan
حسين | Hussein, Hussain, Husayn, Houssein
خالد | Khaled, Khalid
عمر | Omar, Umar, Omer
عبد الله | Abdullah, Abdallah, Abdulla, Abd Allah, Abdellah
عبد الرحمن | Abdulrahman, Abd al-Rahman, Abdelrahman, Abdul Rahman, Abdurrahman
عبد الكريم | Abdulkarim, Abd al-Karim, Abdelkarim, Abdul Karim
عبد العزيز | Abdulaziz, Abd al-Aziz, Abdelaziz, Abdul Aziz
إبراهيم | Ibrahim, Ebrahim, Ibraheem
يوسف | Yousef, Youssef, Yusuf, Yosef, Yousif
عمار | Ammar, Amar
ياسر | Yasser, Yaser, Yasir
سامر | Samer, Samer
فادي | Fadi, Fady
بلال | Bilal, Belal
حمزة | Hamza, Hamzah, Hamzeh
أنس | Anas, Anass
معاذ | Muadh, Moaz, Muath, Mouaz
طارق | Tarek, Tariq, Tareq
وليد | Walid, Waleed
جمال | Jamal, Gamal
سعيد | Said, Saeed, Saeid
فراس | Firas, Feras
مازن | Mazen, Mazin
نزار | Nizar, Nezar
رامي | Rami, Ramy
باسل | Basel, Bassel, Basil
غياث | Ghiath, Ghiyath, Ghayath
قاسم | Qasem, Kassem, Qasim
زكريا | Zakaria, Zakariya, Zakariyya
صالح | Saleh, Salih
عثمان | Othman, Uthman, Osman
أيمن | Ayman, Aiman
هيثم | Haitham, Haytham
مهند | Muhannad, Mohanad, Mohannad
عدنان | Adnan, Adnane
فيصل | Faisal, Faysal, Feisal
مالك | Malek, Malik
ماهر | Maher, Mahir
رياض | Riad, Riyad, Riyadh
نبيل | Nabil, Nabeel
جهاد | Jihad, Jehad
حسام | Hussam, Hossam, Husam
شادي | Shadi, Chadi
عيسى | Issa, Eissa, Isa
موسى | Mousa, Musa, Moussa
سليمان | Sulaiman, Suleiman, Sleiman, Sulayman
إسماعيل | Ismail, Ismaeel, Esmail
نور الدين | Nour al-Din, Nureddin, Nuruddin, Noureddine
صلاح الدين | Salah al-Din, Salahuddin, Salaheddine
أسامة | Osama, Usama, Oussama
عبيدة | Obaida, Ubayda, Obeida
""")

SYRIAN_FEMALE = parse_arabic("""
فاطمة | Fatima, Fatma, Fatimah
عائشة | Aisha, Aysha, Aicha
مريم | Maryam, Mariam, Meryem
خديجة | Khadija, Khadijah, Khadidja
زينب | Zainab, Zeinab, Zaynab
نور | Nour, Noor, Nur
هبة | Hiba, Heba
رنا | Rana, Rana
آمنة | Amina, Amena, Aminah
سارة | Sara, Sarah
ريم | Reem, Rim
لينا | Lina, Leena
ولاء | Walaa, Wala
أسماء | Asma, Asmaa
رهف | Rahaf, Rahaf
بشرى | Bushra, Boushra
سمر | Samar, Samar
ياسمين | Yasmin, Yasmine, Yasmeen
هدى | Huda, Houda, Hoda
إيمان | Iman, Eman, Imane
حليمة | Halima, Halimeh
سعاد | Suad, Souad
منى | Mona, Muna
رقية | Ruqaya, Roukaya, Ruqayya
صفية | Safiya, Safia, Safiyya
غادة | Ghada, Ghadah
رغد | Raghad, Raghad
دعاء | Duaa, Doaa, Dua
""")

SYRIAN_FAMILY = parse_arabic(
    """
الأحمد | al-Ahmad
الحسن | al-Hassan, al-Hasan
العلي | al-Ali
الخليل | al-Khalil
الحمود | al-Hamoud, al-Hammoud
العمر | al-Omar
العبد الله | al-Abdullah, al-Abdallah
العيسى | al-Issa, al-Eissa
الحسين | al-Hussein, al-Hussain
المحمد | al-Mohammad, al-Muhammad
الشيخ | al-Sheikh, al-Shaikh
الحلبي | al-Halabi
المصري | al-Masri, al-Misri
الخطيب | al-Khatib, al-Khateeb
النجار | al-Najjar
العطار | al-Attar
الصباغ | al-Sabbagh
الزين | al-Zein, al-Zain
السيد | al-Sayed, al-Sayyid
الحمصي | al-Homsi, al-Himsi
الحموي | al-Hamawi
الجاسم | al-Jasem, al-Jassim
السلوم | al-Salloum, al-Sallum
الصالح | al-Saleh, al-Salih
العبود | al-Abboud, al-Aboud
الخلف | al-Khalaf
العساف | al-Assaf
الفارس | al-Fares, al-Faris
المصطفى | al-Mustafa, al-Moustafa
الأسود | al-Aswad
درويش | Darwish, Darwich, Darweesh
حداد | Haddad, Hadad
يوسف | Youssef, Yousef
إبراهيم | Ibrahim, Ibraheem
سليمان | Suleiman, Sulaiman
منصور | Mansour, Mansur
جابر | Jaber, Jabir
حمدان | Hamdan, Hamdane
عثمان | Othman, Osman
خطاب | Khattab, Khatab
كردي | Kurdi, Kurdy
بكور | Bakkour, Bakour
الحاج علي | Hajj Ali, Haj Ali, al-Hajj Ali
""",
    articles=True,
)

SAUDI_FAMILY = parse_arabic(
    """
القحطاني | al-Qahtani, al-Kahtani
العتيبي | al-Otaibi, al-Utaybi, al-Oteibi
الغامدي | al-Ghamdi
الشهري | al-Shehri, al-Shahri
الزهراني | al-Zahrani
الحربي | al-Harbi
المطيري | al-Mutairi, al-Mutayri
الدوسري | al-Dosari, al-Dossary
العنزي | al-Anazi, al-Enezi
الشمري | al-Shammari, al-Shamari
السبيعي | al-Subaie, al-Subaiei
الأحمري | al-Ahmari
القرني | al-Qarni, al-Garni
الجهني | al-Juhani, al-Johani
البلوي | al-Balawi
الرشيدي | al-Rashidi, al-Rasheedi
""",
    articles=True,
)

TUNISIAN_MALE = parse_arabic("""
محمد | Mohamed, Mohammed, Mhamed
أحمد | Ahmed, Ahmad
علي | Ali, Aly
صابر | Saber, Sabir
وليد | Walid, Oualid
أيمن | Aymen, Ayman
أنيس | Anis, Aniss
ياسين | Yassine, Yassin, Yasin
بلال | Bilel, Bilal
حمزة | Hamza, Hamzah
مروان | Marouane, Marwan
سيف الدين | Seifeddine, Saif al-Din, Seif Eddine
نور الدين | Noureddine, Nour al-Din
أسامة | Oussama, Osama
هيثم | Haythem, Haitham
عماد | Imed, Imad
كمال | Kamel, Kamal
منير | Mounir, Munir
رضا | Ridha, Reda, Rida
طارق | Tarek, Tariq
محمد علي | Mohamed Ali, Mohammed Ali
فتحي | Fethi, Fathi
صبري | Sabri, Sabry
حسام | Houssem, Hussam
""")

TUNISIAN_FEMALE = parse_arabic("""
فاطمة | Fatma, Fatima
مريم | Meriem, Maryam, Mariem
آمنة | Amna, Amina
رحمة | Rahma, Rahmah
خولة | Khaoula, Khawla
نسرين | Nesrine, Nisrin
إيمان | Imen, Iman
سلمى | Salma, Selma
هاجر | Hajer, Hajar
أسماء | Asma, Asmaa
سارة | Sarra, Sara
وفاء | Wafa, Wafaa
""")

TUNISIAN_FAMILY = parse_arabic("""
بن سالم | Ben Salem, Ben Salim, Bensalem
بن عمر | Ben Amor, Ben Omar, Benamor
بن يوسف | Ben Youssef, Ben Yousef
الجبالي | Jebali, Jbali, el-Jebali
الشعباني | Chaabani, Shaabani
الحمامي | Hammami, el-Hammami
العياري | Ayari, el-Ayari
الدريدي | Dridi, Dridy
الغربي | Gharbi, el-Gharbi
الماجري | Mejri, Majri
السعيدي | Saidi, Saiidi
الخميري | Khemiri, Khmiri
العبيدي | Abidi, Labidi
الجلاصي | Jlassi, Jelassi
الرياحي | Riahi, Riyahi
الكافي | Kefi, Kafi
بوزيد | Bouzid, Bouzaid
الفرجاني | Ferjani, Farjani
الخليفي | Khelifi, Khlifi
المحمدي | Mhamdi, Mohamdi
الورغي | Ouerghi, Werghi
""")

# Kunya names (Abu X, Umm X): names of the early Islamic period, common as kunyas.
KUNYA_MALE = parse_arabic("""
حمزة | Hamza, Hamzah
بكر | Bakr, Bakar
حفص | Hafs, Hafes
طلحة | Talha, Talhah
عبيدة | Ubayda, Obaida, Ubaidah
خالد | Khalid, Khaled
مصعب | Musab, Mosab, Mus'ab
يحيى | Yahya, Yehia
دجانة | Dujana, Dujanah
قتادة | Qatada, Katada
صهيب | Suhayb, Sohaib, Suhaib
الزبير | Zubayr, Zubair, al-Zubair
أنس | Anas, Anass
معاذ | Muadh, Moaz
أسامة | Usama, Osama
عبد الله | Abdullah, Abdallah
محمد | Muhammad, Mohammed
إبراهيم | Ibrahim, Ibraheem
يوسف | Yusuf, Youssef
سليمان | Sulayman, Suleiman
البراء | Baraa, al-Bara
عمار | Ammar, Amar
""")

KUNYA_FEMALE = parse_arabic("""
محمد | Muhammad, Mohammed
عبد الله | Abdullah, Abdallah
حمزة | Hamza, Hamzah
عمر | Omar, Umar
يوسف | Yusuf, Youssef
مريم | Maryam, Mariam
سلمة | Salama, Salamah
البراء | Baraa, al-Bara
""")

# The "of origin" part of a kunya: Syrian towns and the origins of foreign fighters.
SYRIAN_NISBAS = parse_arabic("""
الحلبي | al-Halabi, el-Halabi
الإدلبي | al-Idlibi, el-Idlibi
الحمصي | al-Homsi, al-Himsi
الحموي | al-Hamawi, el-Hamawi
الشامي | al-Shami, ash-Shami
الديري | al-Deiri, al-Dayri
الرقاوي | al-Raqqawi, ar-Raqqawi
الدرعاوي | al-Daraawi, ad-Daraawi
الساحلي | al-Sahili, as-Sahili
الأنصاري | al-Ansari, el-Ansari
""")

NISBAS = {
    part.latin[0]: part
    for part in parse_arabic("""
الشيشاني | al-Shishani, ash-Shishani, el-Chichani
الداغستاني | al-Daghestani, ad-Daghistani, al-Dagestani
التركستاني | al-Turkistani, at-Turkestani, al-Turkestani
الأوزبكي | al-Uzbeki, al-Uzbaki, el-Ouzbeki
الطاجيكي | al-Tajiki, at-Tajiki, al-Tojiki
التركي | al-Turki, at-Turki, el-Turki
الجزراوي | al-Jazrawi, al-Jazarawi, el-Jazrawi
التونسي | al-Tunisi, at-Tunisi, el-Tounsi
الفرنسي | al-Faransi, al-Firansi, el-Faransi
البلجيكي | al-Baljiki, al-Beljiki, el-Belgiki
البريطاني | al-Britani, al-Baritani, al-Brittani
الألماني | al-Almani, el-Almani, al-Almany
المهاجر | al-Muhajir, al-Mouhajir, el-Muhajer
""")
}

# Noms de guerre: epithets, used alone or after a given name.
WAR_NAMES = parse_arabic("""
القناص | al-Qannas, al-Qanas, el-Kannas
الطبيب | al-Tabib, at-Tabib, el-Tbib
المهندس | al-Muhandis, al-Mohandes
الشبح | al-Shabah, ash-Shabah
الصقر | al-Saqr, as-Saqr, el-Sakr
الذيب | al-Dhib, al-Deeb, el-Dib
الطويل | al-Tawil, at-Tawil, el-Taouil
القصير | al-Qasir, el-Kassir
الأشقر | al-Ashqar, el-Achkar
المعلم | al-Muallim, al-Moallem
الجبلي | al-Jabali, el-Jebli
البرق | al-Barq, el-Bark
""")

SYRIAN_PLACES = (
    "Aleppo",
    "Idlib",
    "Homs",
    "Hama",
    "Damascus",
    "Latakia",
    "Daraa",
    "Raqqa",
    "Deir ez-Zor",
    "Jisr al-Shughur",
    "Saraqib",
    "Maarat al-Numan",
    "Douma",
    "Tal Rifaat",
    "Azaz",
    "Ariha",
    "Kafr Nabl",
    "Salqin",
    "Harem",
    "Atmeh",
)
