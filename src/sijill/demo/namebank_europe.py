"""Name banks of the demo population: France, Belgium, the United Kingdom, Germany.

Each country has two pools: names common in the general population (used for converts,
whose birth name is kept) and names common among families of Maghrebi, Turkish, South Asian
or Somali heritage (often with a second nationality). Each name carries its Arabic rendering.
"""

from __future__ import annotations

from sijill.demo.namebank import parse_latin
from sijill.demo.namebank_uyghur_turkish import TURKISH_FAMILY

FRENCH_MALE = parse_latin("""
Julien | جوليان
Nicolas | نيكولا
Kevin | كيفن
Thomas | توما
Romain | رومان
Maxime | ماكسيم
Mickaël | ميكائيل
Jonathan | جوناثان
Quentin | كانتان
Sébastien | سيباستيان
Anthony | أنتوني
Jérémy | جيريمي
""")

FRENCH_FEMALE = parse_latin("""
Émilie | إيميلي
Laura | لورا
Amandine | أماندين
Camille | كامي
Mélanie | ميلاني
Léa | ليا
Audrey | أودري
Justine | جوستين
""")

FRENCH_FAMILY = parse_latin("""
Martin | مارتان
Bernard | برنار
Dubois | دوبوا
Moreau | مورو
Laurent | لوران
Lefebvre | لوفيفر
Roux | رو
Fournier | فورنييه
Girard | جيرار
Bonnet | بونيه
Leroy | لوروا
Garnier | غارنييه
Faure | فور
Chevalier | شوفالييه
""")

MAGHREBI_MALE = parse_latin("""
Karim | كريم
Mehdi | مهدي
Yassine | ياسين
Rachid | رشيد
Sofiane | سفيان
Bilal | بلال
Nabil | نبيل
Samir | سمير
Mohamed | محمد
Abdelkader | عبد القادر
Hakim | حكيم
Ismaël | إسماعيل
Ilyes | إلياس
Redouane | رضوان
""")

MAGHREBI_FEMALE = parse_latin("""
Inès | إيناس
Yasmina | ياسمينة
Myriam | مريم
Sabrina | صبرينة
Nadia | نادية
Samira | سميرة
Leïla | ليلى
Naïma | نعيمة
""")

MAGHREBI_FAMILY = parse_latin("""
Benali | بن علي
Belkacem | بلقاسم
Mansouri | المنصوري
Cherif | الشريف
Bouzid | بوزيد
Amrani | العمراني
Khelifi | الخليفي
Saidi | السعيدي
Boukhalfa | بوخلفة
Hamidi | الحميدي
Ziani | الزياني
Benaissa | بن عيسى
Haddadi | الحدادي
""")

BELGIAN_MALE = parse_latin("""
Jeroen | يرون
Pieter | بيتر
Wouter | فاوتر
Bart | بارت
Jens | ينس
Stijn | ستاين
Brecht | بريخت
Dries | دريس
Olivier | أوليفييه
Jérôme | جيروم
""")

BELGIAN_FEMALE = parse_latin("""
Lotte | لوته
Sofie | صوفي
Eline | إيلينه
Hanne | هانه
Charlotte | شارلوت
Laura | لورا
""")

BELGIAN_FAMILY = parse_latin("""
Peeters | بيترز
Janssens | يانسنس
Maes | ماس
Jacobs | ياكوبس
Mertens | ميرتنس
Willems | فيلمز
Claes | كلاس
Goossens | خوسنس
Wouters | فاوترز
Dubois | دوبوا
Lambert | لامبير
Dupont | دوبون
""")

MOROCCAN_MALE = parse_latin("""
Younes | يونس
Soufiane | سفيان
Anouar | أنور
Ilias | إلياس
Mohamed | محمد
Hamza | حمزة
Ayoub | أيوب
Zakaria | زكرياء
Nabil | نبيل
Bilal | بلال
Othmane | عثمان
""")

MOROCCAN_FEMALE = parse_latin("""
Fatima | فاطمة
Nora | نورة
Salma | سلمى
Imane | إيمان
Hafsa | حفصة
Loubna | لبنى
Khadija | خديجة
""")

MOROCCAN_FAMILY = parse_latin("""
El Amrani | العمراني
Bakkali | البقالي
Azzouzi | العزوزي
El Idrissi | الإدريسي
Ouali | الوالي
Benhaddou | بن حدو
Zerouali | الزروالي
El Hajji | الحاجي
Bouhlal | بوهلال
Ait Taleb | آيت الطالب
""")

BRITISH_MALE = parse_latin("""
James | جيمس
Thomas | توماس
Daniel | دانيال
Michael | مايكل
Adam | آدم
Ryan | رايان
Jack | جاك
Luke | لوك
Craig | كريغ
Liam | ليام
""")

BRITISH_FEMALE = parse_latin("""
Hannah | هانا
Amy | إيمي
Rebecca | ريبيكا
Chloe | كلوي
Emma | إيما
Lauren | لورين
""")

BRITISH_FAMILY = parse_latin("""
Smith | سميث
Jones | جونز
Taylor | تايلور
Brown | براون
Williams | ويليامز
Davies | ديفيز
Wilson | ويلسون
Roberts | روبرتس
Walker | ووكر
Wright | رايت
Hughes | هيوز
""")

BRITISH_HERITAGE_MALE = parse_latin("""
Mohammed | محمد
Imran | عمران
Tariq | طارق
Hamza | حمزة
Adil | عادل
Yusuf | يوسف
Abdirahman | عبد الرحمن
Bilal | بلال
Zakir | ذاكر
Usman | عثمان
""")

BRITISH_HERITAGE_FEMALE = parse_latin("""
Aisha | عائشة
Zara | زارا
Khadija | خديجة
Maryam | مريم
Laila | ليلى
Hodan | هودان
Sana | سناء
""")

BRITISH_HERITAGE_FAMILY = parse_latin("""
Khan | خان
Hussain | حسين
Ali | علي
Ahmed | أحمد
Rahman | رحمن
Iqbal | إقبال
Mahmood | محمود
Mohamud | محمود
Warsame | ورسمه
Abdi | عبدي
Choudhury | شودري
""")

GERMAN_MALE = parse_latin("""
Daniel | دانيال
Dennis | دينيس
Marcel | مارسيل
Kevin | كيفن
Florian | فلوريان
Philipp | فيليب
Sven | سفين
Christian | كريستيان
Patrick | باتريك
Jörg | يورغ
""")

GERMAN_FEMALE = parse_latin("""
Julia | يوليا
Lisa | ليزا
Nadine | نادين
Jennifer | جنيفر
Sabrina | سابرينا
Jessica | جيسيكا
""")

GERMAN_FAMILY = parse_latin("""
Müller | مولر
Schmidt | شميت
Schneider | شنايدر
Fischer | فيشر
Weber | فيبر
Meyer | ماير
Wagner | فاغنر
Becker | بيكر
Hoffmann | هوفمان
Schäfer | شيفر
Koch | كوخ
Richter | ريشتر
Klein | كلاين
Wolf | فولف
""")

GERMAN_HERITAGE_MALE = parse_latin("""
Murat | مراد
Emre | أمره
Mustafa | مصطفى
Ahmet | أحمد
Burak | براق
Bilal | بلال
Hamza | حمزة
Yunus | يونس
""")

GERMAN_HERITAGE_FEMALE = parse_latin("""
Merve | مروة
Elif | أليف
Esra | إسراء
Büşra | بشرى
Zeynep | زينب
""")

GERMAN_HERITAGE_FAMILY = TURKISH_FAMILY

# Names converts take, in the Latin spelling European converts use.
CONVERT_MALE = parse_latin("""
Abdullah | عبد الله
Yusuf | يوسف
Ibrahim | إبراهيم
Abdul Rahman | عبد الرحمن
Omar | عمر
Bilal | بلال
Hamza | حمزة
Idris | إدريس
Salahuddin | صلاح الدين
Abu Bakr | أبو بكر
Suleyman | سليمان
""")

CONVERT_FEMALE = parse_latin("""
Maryam | مريم
Aisha | عائشة
Khadija | خديجة
Safiya | صفية
Sumayya | سمية
Hafsa | حفصة
""")
