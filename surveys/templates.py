"""Vetted, non-leading questions staff can copy into a citizen-dialogue questionnaire.

The method support asks for open questions about what residents experience in their
neighbourhood, not about how they want the police to work. Writing such questions well is
hard, so the library gives staff a tested starting point in plain language (many residents
read Swedish as a second language). Every question text passes `surveys.leading`.

Texts are keyed by language code. Swedish and English are required; more languages are added
as extra keys, and anything missing falls back to Swedish.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from surveys.checks_common import FALLBACK_LANGUAGE, localised

__all__ = [
    "ANSWER_TYPES",
    "ENGINE_OPTION_TYPES",
    "LANGUAGES",
    "PURPOSES",
    "REQUIRED_LANGUAGES",
    "TEMPLATES",
    "QuestionTemplate",
    "get_template",
    "localise",
    "templates_for",
]

# The interface languages; templates not yet translated fall back to Swedish.
LANGUAGES: tuple[str, ...] = ("sv", "en", "ar", "fa", "so", "ti", "fi")
REQUIRED_LANGUAGES: tuple[str, ...] = ("sv", "en")

ANSWER_TYPES: tuple[str, ...] = (
    "long_text",
    "short_text",
    "single_choice",
    "multiple_choice",
    "scale",
    "gender",
    "age_band",
    "area",
    "time_of_day",
)
# The questionnaire engine supplies these options itself, so templates give none.
ENGINE_OPTION_TYPES = frozenset({"gender", "age_band", "area", "time_of_day"})
CHOICE_TYPES = frozenset({"single_choice", "multiple_choice", "scale"})

PURPOSES: tuple[str, ...] = (
    "problems",
    "where_when",
    "who_affected",
    "safety",
    "places_avoided",
    "works_well",
    "residents_can_do",
    "changes_noticed",
    "anything_else",
    "demographic",
)


@dataclass(frozen=True)
class QuestionTemplate:
    """One vetted question; `note` tells staff why its wording does not steer the answer."""

    id: str
    purpose: str
    answer_type: str
    text: Mapping[str, str]
    help: Mapping[str, str]
    options: tuple[Mapping[str, str], ...]
    note: Mapping[str, str]
    required: bool = False

    def localised(self, lang: str) -> dict[str, Any]:
        """Plain data in one language (Swedish where a translation is missing)."""
        return {
            "id": self.id,
            "purpose": self.purpose,
            "answer_type": self.answer_type,
            "text": localised(self.text, lang),
            "help": localised(self.help, lang) if self.help else "",
            "options": [localised(option, lang) for option in self.options],
            "note": localised(self.note, lang),
            "required": self.required,
        }


def localise(template: QuestionTemplate, lang: str) -> dict[str, Any]:
    """Module-level form of `QuestionTemplate.localised`, for callers that map over a list."""
    return template.localised(lang)


def _t(sv: str, en: str, **other: str) -> dict[str, str]:
    """Texts by language code: Swedish and English first, the other languages as keywords."""
    unknown = sorted(set(other) - set(LANGUAGES))
    if unknown:
        raise ValueError(f"unknown language code(s): {', '.join(unknown)}")
    return {"sv": sv, "en": en, **other}


def _opts(*labels: dict[str, str]) -> tuple[dict[str, str], ...]:
    return labels


_NO_HELP: dict[str, str] = {}

# Scale steps and concept words follow translations/glossary.toml (tests/test_glossary.py checks
# them); a term marked `review` there still awaits a native speaker.
_SAFETY_STEPS = _opts(
    _t(
        "Mycket trygg",
        "Very safe",
        ar="آمن جدًا",
        fa="خیلی امن",
        so="Aad u ammaan ah",
        ti="ኣዝዩ ውሑስ",
        fi="Hyvin turvallinen",
    ),
    _t(
        "Ganska trygg",
        "Fairly safe",
        ar="آمن إلى حد ما",
        fa="تا حدی امن",
        so="Inta badan ammaan ah",
        ti="ብመጠኑ ውሑስ",
        fi="Melko turvallinen",
    ),
    _t(
        "Ganska otrygg",
        "Fairly unsafe",
        ar="غير آمن إلى حد ما",
        fa="تا حدی ناامن",
        so="Inta badan aan ammaan ahayn",
        ti="ብመጠኑ ዘይውሑስ",
        fi="Melko turvaton",
    ),
    _t(
        "Mycket otrygg",
        "Very unsafe",
        ar="غير آمن جدًا",
        fa="خیلی ناامن",
        so="Aad aan ugu ammaan ahayn",
        ti="ኣዝዩ ዘይውሑስ",
        fi="Hyvin turvaton",
    ),
)
_FREQUENCY_STEPS = _opts(
    _t("Ofta", "Often", ar="كثيرًا", fa="اغلب", so="Marar badan", ti="ብዙሕ ግዜ", fi="Usein"),
    _t(
        "Ibland",
        "Sometimes",
        ar="أحيانًا",
        fa="گاهی",
        so="Mararka qaar",
        ti="ሓደ ሓደ ግዜ",
        fi="Joskus",
    ),
    _t("Sällan", "Rarely", ar="نادرًا", fa="به‌ندرت", so="Dhif", ti="ሳሕቲ", fi="Harvoin"),
    _t("Aldrig", "Never", ar="أبدًا", fa="هرگز", so="Marna", ti="ዋላ ሓንሳእ", fi="Ei koskaan"),
)
_YES_NO = _opts(
    _t("Ja", "Yes", ar="نعم", fa="بله", so="Haa", ti="እወ", fi="Kyllä"),
    _t("Nej", "No", ar="لا", fa="نه", so="Maya", ti="ኣይፋል", fi="Ei"),
)
_CHOOSE_SOME = _t(
    "Välj en eller flera.",
    "Choose one or more.",
    ar="اختر واحدًا أو أكثر.",
    fa="یک یا چند مورد را انتخاب کنید.",
    so="Dooro hal ama in ka badan.",
    ti="ሓደ ወይ ልዕሊኡ ምረጹ።",
    fi="Valitse yksi tai useampi.",
)
_PLACE_HELP = _t(
    "Skriv gärna en gata, en plats eller ett hus som andra känner igen.",
    "You can write a street, a place or a building that others would recognise.",
    ar="يمكنك أن تكتب شارعًا أو مكانًا أو مبنى يعرفه الآخرون.",
    fa="می‌توانید نام یک خیابان، یک مکان یا یک ساختمان را بنویسید که دیگران هم بشناسند.",
    so="Waxaad qori kartaa waddo, meel ama dhisme ay dadka kale garanayaan.",
    ti="ካልኦት ዝፈልጥዎ ጽርግያ፣ ቦታ ወይ ህንጻ ክትጽሕፉ ትኽእሉ ኢኹም።",
    fi="Voit kirjoittaa kadun, paikan tai rakennuksen, jonka muutkin tuntevat.",
)
_SAME_AS_LAST_TIME = _t(
    "Samma fråga som förra gången, så vi kan se om något har förändrats.",
    "The same question as last time, so we can see whether anything has changed.",
    ar="هذا هو السؤال نفسه مثل المرة السابقة، حتى نرى هل تغيّر شيء.",
    fa="همان پرسش دفعه قبل است تا ببینیم آیا چیزی تغییر کرده است.",
    so="Waa su'aashii markii hore, si aan u aragno in wax isbeddeleen iyo in kale.",
    ti="ከምቲ ናይ ዝሓለፈ ግዜ ተመሳሳሊ ሕቶ እዩ፣ ገለ ነገር እንተተቐይሩ ምእንቲ ክንርኢ።",
    fi="Sama kysymys kuin viime kerralla, jotta näemme, onko jokin muuttunut.",
)
_BALANCED_NOTE = _t(
    "Båda sidor finns med i frågan och i svaren, så inget svar framstår som det väntade.",
    "Both sides are in the question and the answers, so no answer looks like the expected one.",
    ar="الجانبان موجودان في السؤال وفي الإجابات، لذلك لا تبدو أي إجابة كأنها الإجابة المتوقعة.",
    fa="هر دو طرف در پرسش و در پاسخ‌ها آمده است، پس هیچ پاسخی مثل پاسخ مورد انتظار به نظر "
    "نمی‌رسد.",
    so="Labada dhinacba waxay ku jiraan su'aasha iyo jawaabaha, sidaas darteed ma jirto jawaab "
    "u muuqata tan la filayo.",
    ti="ክልቲኡ ወገን ኣብቲ ሕቶን ኣብቶም መልስታትን ኣሎ፣ ስለዚ ዝኾነ መልሲ ከም እቲ ዝድለ መልሲ ኣይመስልን።",
    fi="Molemmat puolet ovat mukana kysymyksessä ja vastauksissa, joten mikään vastaus ei näytä "
    "odotetulta.",
)
_OPEN_NOTE = _t(
    "Öppen fråga med egna ord; ”om några” gör det lika lätt att svara att det inte finns något.",
    "Open question in the resident's own words; “if any” makes “nothing” an equally easy answer.",
    ar="سؤال مفتوح بكلمات الشخص نفسه؛ عبارة «إن وجدت» تجعل الإجابة بأنه لا يوجد شيء سهلة "
    "بالقدر نفسه.",
    fa="پرسش باز با کلمات خود فرد؛ «اگر ... هست» باعث می‌شود پاسخ «هیچ» هم به همان اندازه آسان "
    "باشد.",
    so="Su'aal furan oo qofku ku jawaabo erayadiisa; “haddii ay jiraan” waxay ka dhigaysaa "
    "“waxba” jawaab si la mid ah u fudud.",
    ti="ክፉት ሕቶ ብቓላት እቲ ሰብ ባዕሉ፤ «እንተሎ» ዝብል ቃል ንመልሲ «ዋላ ሓንቲ የለን» ብተመሳሳሊ ቀሊል ይገብሮ።",
    fi="Avoin kysymys vastaajan omin sanoin; ”jos niitä on” tekee vastauksesta ”ei mitään” "
    "yhtä helpon.",
)
_REPEAT_NOTE = _t(
    "Samma ord som i den första enkäten, så svaren kan jämföras utan att frågan styr.",
    "Same wording as the first survey, so answers can be compared without the question steering.",
    ar="الصياغة نفسها كما في الاستبيان الأول، حتى يمكن مقارنة الإجابات دون أن يوجّهها السؤال.",
    fa="همان کلمات پرسش‌نامه اول، تا بتوان پاسخ‌ها را مقایسه کرد بدون اینکه پرسش آن‌ها را جهت "
    "بدهد.",
    so="Isla erayadii sahankii ugu horreeyay, si jawaabaha loo isbarbar dhigo iyada oo aan "
    "su'aashu jiheynin.",
    ti="ከምቲ ናይ ቀዳማይ መጠይቕ ተመሳሳሊ ኣዘራርባ፣ እቲ ሕቶ ከይመርሖም መልስታት ምእንቲ ክነጻጸሩ።",
    fi="Sama sanamuoto kuin ensimmäisessä kyselyssä, jotta vastauksia voi verrata ilman, että "
    "kysymys ohjaa niitä.",
)

TEMPLATES: tuple[QuestionTemplate, ...] = (
    # --- problems ---------------------------------------------------------------------------
    QuestionTemplate(
        id="problems-area-open",
        purpose="problems",
        answer_type="long_text",
        text=_t(
            "Vilka problem, om några, upplever du i ditt område?",
            "What problems, if any, do you experience in your area?",
            ar="ما المشكلات التي تواجهها في منطقتك، إن وجدت؟",
            fa="در منطقه‌تان با چه مشکلاتی روبه‌رو می‌شوید، اگر مشکلی هست؟",
            so="Dhibaatooyinkee, haddii ay jiraan, ayaad kala kulantaa xaafaddaada?",
            ti="ኣብ ከባቢኹም እንታይ ጸገማት የጋጥሙኹም፣ እንተሎ?",
            fi="Mitä ongelmia koet alueellasi, jos niitä on?",
        ),
        help=_t(
            "Skriv med egna ord. Det kan vara stora eller små saker.",
            "Write in your own words. It can be big or small things.",
            ar="اكتب بكلماتك الخاصة. يمكن أن تكون أشياء كبيرة أو صغيرة.",
            fa="با کلمات خودتان بنویسید. می‌تواند چیزهای بزرگ یا کوچک باشد.",
            so="Ku qor erayadaada. Waxay noqon karaan arrimo waaweyn ama yaryar.",
            ti="ብቓላትኩም ጽሓፉ። ዓበይቲ ወይ ንኣሽቱ ነገራት ክኾኑ ይኽእሉ።",
            fi="Kirjoita omin sanoin. Asiat voivat olla isoja tai pieniä.",
        ),
        options=(),
        note=_OPEN_NOTE,
    ),
    QuestionTemplate(
        id="problems-worries-open",
        purpose="problems",
        answer_type="long_text",
        text=_t(
            "Finns det något i ditt område som oroar dig? Berätta gärna vad.",
            "Is there anything in your area that worries you? Please tell us what.",
            ar="هل يوجد شيء في منطقتك يقلقك؟ أخبرنا ما هو من فضلك.",
            fa="آیا چیزی در منطقه‌تان هست که شما را نگران می‌کند؟ لطفاً بگویید چه چیزی.",
            so="Ma jiraa wax xaafaddaada ka jira oo ku welwel geliya? Fadlan noo sheeg waxa uu "
            "yahay.",
            ti="ኣብ ከባቢኹም ዘሻቕለኩም ነገር ኣሎ ድዩ? በጃኹም እንታይ ምዃኑ ንገሩና።",
            fi="Onko alueellasi jotain, mikä huolestuttaa sinua? Kerro, mitä.",
        ),
        help=_NO_HELP,
        options=(),
        note=_t(
            "Frågar först om det finns något, utan att ta för givet att något är fel.",
            "Asks first whether there is anything, without assuming something is wrong.",
            ar="يسأل أولًا هل يوجد شيء، دون أن يفترض أن هناك مشكلة.",
            fa="اول می‌پرسد آیا چیزی هست، بدون اینکه فرض کند مشکلی وجود دارد.",
            so="Marka hore waxay weydiisaa in wax jiraan, iyada oo aan loo qaadan in wax "
            "khaldan yihiin.",
            ti="ቅድም ገለ ነገር እንተሎ ይሓትት፣ ገለ ጌጋ ከም ዘሎ ከይገመተ።",
            fi="Kysyy ensin, onko jotain, olettamatta, että jokin on vialla.",
        ),
    ),
    QuestionTemplate(
        id="problems-seen-list",
        purpose="problems",
        answer_type="multiple_choice",
        text=_t(
            "Vilka av de här sakerna har du sett i ditt område de senaste 12 månaderna?",
            "Which of these things have you seen in your area in the last 12 months?",
            ar="أي من هذه الأشياء رأيته في منطقتك خلال آخر 12 شهرًا؟",
            fa="کدام یک از این چیزها را در ۱۲ ماه گذشته در منطقه‌تان دیده‌اید؟",
            so="Waxyaabahan midkee ayaad ku aragtay xaafaddaada 12-kii bilood ee la soo dhaafay?",
            ti="ካብዞም ነገራት ኣየኖት ኣብ ዝሓለፈ 12 ኣዋርሕ ኣብ ከባቢኹም ርኢኹም?",
            fi="Mitä näistä asioista olet nähnyt alueellasi viimeisen 12 kuukauden aikana?",
        ),
        help=_CHOOSE_SOME,
        options=_opts(
            _t(
                "Skräp på gator och i parker",
                "Litter in streets and parks",
                ar="قمامة في الشوارع والحدائق",
                fa="زباله در خیابان‌ها و پارک‌ها",
                so="Qashin ku yaal waddooyinka iyo beeraha nasashada",
                ti="ጓሓፍ ኣብ ጽርግያታትን መናፈሻታትን",
                fi="Roskia kaduilla ja puistoissa",
            ),
            _t(
                "Klotter eller saker som har förstörts",
                "Graffiti or things that were damaged",
                ar="كتابة على الجدران أو أشياء تعرضت للتخريب",
                fa="دیوارنویسی یا چیزهایی که خراب شده‌اند",
                so="Qoraal derbiyada lagu qoray ama waxyaabo la burburiyay",
                ti="ጽሑፍ ኣብ መናድቕ ወይ ዝተበላሸዉ ነገራት",
                fi="Graffiteja tai rikottuja asioita",
            ),
            _t(
                "Bråk eller störningar ute",
                "Fights or disturbance outside",
                ar="شجارات أو إزعاج في الخارج",
                fa="دعوا یا مزاحمت در بیرون",
                so="Dagaal ama buuq bannaanka ah",
                ti="ባእሲ ወይ ረብሻ ኣብ ደገ",
                fi="Tappeluita tai häiriöitä ulkona",
            ),
            _t(
                "Försäljning av narkotika",
                "Drugs being sold",
                ar="بيع المخدرات",
                fa="فروش مواد مخدر",
                so="Iibinta daroogada",
                ti="ምሻጥ ኣደንዛዚ ዕጸ",
                fi="Huumeiden myyntiä",
            ),
            _t(
                "Bilar eller mopeder som kör farligt",
                "Cars or mopeds driven dangerously",
                ar="سيارات أو دراجات نارية صغيرة تسير بشكل خطير",
                fa="ماشین یا موتور گازی که خطرناک رانده می‌شود",
                so="Baabuur ama mooto si khatar ah loo wado",
                ti="ብሓደገኛ ኣገባብ ዝዝወራ መካይን ወይ ሞቶታት",
                fi="Vaarallisesti ajavia autoja tai mopoja",
            ),
            _t(
                "Inbrott",
                "Burglary",
                ar="السطو على البيوت أو المباني",
                fa="دزدی با ورود به خانه یا ساختمان",
                so="Guryo la jebiyo oo wax laga xado",
                ti="ገዛ ሰይሮም ዝግበር ስርቂ",
                fi="Murtoja",
            ),
            _t(
                "Stölder av cyklar eller från bilar",
                "Theft of bikes or from cars",
                ar="سرقة الدراجات أو السرقة من السيارات",
                fa="دزدی دوچرخه یا دزدی از ماشین",
                so="Baaskiilo la xado ama wax laga xado baabuurta",
                ti="ስርቂ ብሽክሌታት ወይ ካብ መካይን",
                fi="Polkupyörävarkauksia tai varkauksia autoista",
            ),
            _t(
                "Hot eller trakasserier",
                "Threats or harassment",
                ar="تهديد أو مضايقات",
                fa="تهدید یا آزار و اذیت",
                so="Hanjabaad ama dhibaateyn",
                ti="ምፍርራሕ ወይ ምጭናቕ",
                fi="Uhkailua tai häirintää",
            ),
            _t(
                "Inget av detta",
                "None of these",
                ar="لا شيء من هذا",
                fa="هیچ‌کدام",
                so="Waxaas midna",
                ti="ካብዚኦም ሓደ እኳ የለን",
                fi="Ei mitään näistä",
            ),
            _t(
                "Något annat",
                "Something else",
                ar="شيء آخر",
                fa="چیز دیگری",
                so="Wax kale",
                ti="ካልእ ነገር",
                fi="Jotain muuta",
            ),
        ),
        note=_t(
            "Svaren listar konkreta saker utan laddade ord, och ”Inget av detta” finns med.",
            "The answers list concrete things without loaded words, and “None of these” is "
            "included.",
            ar="تذكر الإجابات أشياء محددة دون كلمات مشحونة، ويوجد خيار «لا شيء من هذا».",
            fa="پاسخ‌ها چیزهای مشخص را بدون کلمات احساسی نام می‌برند و «هیچ‌کدام» هم هست.",
            so="Jawaabuhu waxay taxayaan waxyaabo cad oo aan lahayn erayo culus, “Waxaas midna” "
            "ayaa ku jira.",
            ti="እቶም መልስታት ብዘይ ስምዒታዊ ቃላት ንጹራት ነገራት ይዝርዝሩ፣ «ካብዚኦም ሓደ እኳ የለን» ድማ ኣሎ።",
            fi="Vastaukset luettelevat konkreettisia asioita ilman latautuneita sanoja, ja "
            "mukana on ”Ei mitään näistä”.",
        ),
    ),
    QuestionTemplate(
        id="problems-one-thing",
        purpose="problems",
        answer_type="short_text",
        text=_t(
            "Om du fick välja en sak i ditt område som skulle bli bättre, vad skulle det vara?",
            "If you could choose one thing in your area to get better, what would it be?",
            ar="لو كان بإمكانك أن تختار شيئًا واحدًا في منطقتك ليصبح أفضل، فماذا سيكون؟",
            fa="اگر می‌توانستید یک چیز را در منطقه‌تان انتخاب کنید که بهتر شود، آن چه بود؟",
            so="Haddii aad dooran karto hal shay oo xaafaddaada ka soo hagaaga, muxuu noqon "
            "lahaa?",
            ti="ኣብ ከባቢኹም ክመሓየሽ ሓደ ነገር ክትመርጹ እንተትኽእሉ፣ እንታይ ምኾነ?",
            fi="Jos voisit valita alueeltasi yhden asian, joka paranisi, mikä se olisi?",
        ),
        help=_NO_HELP,
        options=(),
        note=_t(
            "Den boende väljer själv vad som är viktigast; frågan nämner inget ämne.",
            "The resident chooses what matters most; the question names no topic.",
            ar="الشخص يختار بنفسه ما هو الأهم؛ السؤال لا يذكر أي موضوع.",
            fa="ساکن خودش انتخاب می‌کند چه چیزی مهم‌تر است؛ پرسش هیچ موضوعی را نام نمی‌برد.",
            so="Qofka deggan ayaa doorta waxa ugu muhiimsan; su'aashu ma sheegto wax mawduuc ah.",
            ti="እቲ ነባሪ ባዕሉ እቲ ዝያዳ ኣገዳሲ ይመርጽ፤ እቲ ሕቶ ዝኾነ ኣርእስቲ ኣይጠቅስን።",
            fi="Asukas valitsee itse, mikä on tärkeintä; kysymys ei mainitse mitään aihetta.",
        ),
    ),
    # --- where_when -------------------------------------------------------------------------
    QuestionTemplate(
        id="where-places-open",
        purpose="where_when",
        answer_type="long_text",
        text=_t(
            "Var i ditt område händer det du har berättat om?",
            "Where in your area does what you told us about happen?",
            ar="أين يحدث في منطقتك ما أخبرتنا عنه؟",
            fa="چیزی که درباره‌اش گفتید، در کجای منطقه‌تان اتفاق می‌افتد؟",
            so="Xaafaddaada meeshee ayuu ka dhacaa waxa aad noo sheegtay?",
            ti="እቲ ዝነገርኩምና ኣበይ ኣብ ከባቢኹም እዩ ዘጋጥም?",
            fi="Missä alueellasi tapahtuu se, mistä kerroit?",
        ),
        help=_PLACE_HELP,
        options=(),
        note=_t(
            "Bygger på den boendes eget svar och föreslår inga platser.",
            "Builds on the resident's own answer and suggests no places.",
            ar="يبني على إجابة الشخص نفسه ولا يقترح أي أماكن.",
            fa="بر پایه پاسخ خود فرد است و هیچ مکانی را پیشنهاد نمی‌کند.",
            so="Waxay ku dhisan tahay jawaabta qofka laftiisa, mana soo jeediso meelo.",
            ti="ኣብ መልሲ እቲ ነባሪ ባዕሉ ይምርኮስ፣ ዝኾነ ቦታ ድማ ኣየቕርብን።",
            fi="Rakentuu asukkaan omaan vastaukseen eikä ehdota paikkoja.",
        ),
    ),
    QuestionTemplate(
        id="where-area",
        purpose="where_when",
        answer_type="area",
        text=_t(
            "Vilket område handlar ditt svar om?",
            "Which area is your answer about?",
            ar="عن أي منطقة تتحدث إجابتك؟",
            fa="پاسخ شما درباره کدام منطقه است؟",
            so="Jawaabtaadu aaggee ayay ku saabsan tahay?",
            ti="መልስኹም ብዛዕባ ኣየናይ ከባቢ እዩ?",
            fi="Mitä aluetta vastauksesi koskee?",
        ),
        help=_NO_HELP,
        options=(),
        note=_t(
            "En saklig fråga om plats, med samma områden i varje enkät.",
            "A factual question about place, with the same areas in every survey.",
            ar="سؤال واقعي عن المكان، بالمناطق نفسها في كل استبيان.",
            fa="یک پرسش عینی درباره مکان، با همان منطقه‌ها در هر پرسش‌نامه.",
            so="Su'aal xaqiiq ah oo ku saabsan meel, isla aagaggii ayaa ku jira sahan kasta.",
            ti="ብዛዕባ ቦታ ዝሓትት ሓቂ-ተኮር ሕቶ፣ ኣብ ነፍሲ ወከፍ መጠይቕ ተመሳሳሊ ከባቢታት ዘለዎ።",
            fi="Asiallinen kysymys paikasta, samat alueet jokaisessa kyselyssä.",
        ),
    ),
    QuestionTemplate(
        id="when-time-of-day",
        purpose="where_when",
        answer_type="time_of_day",
        text=_t(
            "När på dygnet händer det oftast?",
            "At what time of day does it usually happen?",
            ar="في أي وقت من اليوم يحدث ذلك عادةً؟",
            fa="معمولاً در چه ساعتی از شبانه‌روز اتفاق می‌افتد؟",
            so="Waqtigee maalinta ayay inta badan dhacdaa?",
            ti="መብዛሕትኡ ግዜ ኣብ ኣየናይ ግዜ መዓልቲ እዩ ዘጋጥም?",
            fi="Mihin vuorokaudenaikaan se yleensä tapahtuu?",
        ),
        help=_NO_HELP,
        options=(),
        note=_t(
            "Alla tider finns som svar, även ”Ingen särskild tid”.",
            "Every time of day is an answer, including “No particular time”.",
            ar="كل أوقات اليوم موجودة كإجابات، ومنها «لا يوجد وقت محدد».",
            fa="همه زمان‌های روز به‌عنوان پاسخ هست، از جمله «زمان خاصی نیست».",
            so="Waqti kasta oo maalinta ah waa jawaab, oo ay ku jirto “Waqti gaar ah ma jiro”.",
            ti="ኩሉ ግዜ መዓልቲ ከም መልሲ ኣሎ፣ «ፍሉይ ግዜ የለን» ውን ሓዊሱ።",
            fi="Kaikki vuorokaudenajat ovat vastausvaihtoehtoja, myös ”Ei mikään tietty aika”.",
        ),
    ),
    QuestionTemplate(
        id="when-days",
        purpose="where_when",
        answer_type="multiple_choice",
        text=_t(
            "Vilka dagar händer det oftast?",
            "On which days does it usually happen?",
            ar="في أي أيام يحدث ذلك عادةً؟",
            fa="معمولاً در چه روزهایی اتفاق می‌افتد؟",
            so="Maalmahee ayay inta badan dhacdaa?",
            ti="መብዛሕትኡ ግዜ ኣብ ኣየኖት መዓልትታት እዩ ዘጋጥም?",
            fi="Minä päivinä se yleensä tapahtuu?",
        ),
        help=_CHOOSE_SOME,
        options=_opts(
            _t(
                "Vardagar",
                "Weekdays",
                ar="أيام العمل",
                fa="روزهای کاری",
                so="Maalmaha shaqada",
                ti="መዓልትታት ስራሕ",
                fi="Arkipäivinä",
            ),
            _t(
                "Helger",
                "Weekends",
                ar="عطلة نهاية الأسبوع",
                fa="آخر هفته",
                so="Dhammaadka toddobaadka",
                ti="ቀዳመ-ሰንበት",
                fi="Viikonloppuisin",
            ),
            _t(
                "Under skollov",
                "During school holidays",
                ar="خلال العطل المدرسية",
                fa="در تعطیلات مدرسه",
                so="Fasaxyada dugsiga",
                ti="ኣብ ግዜ ዕረፍቲ ቤት ትምህርቲ",
                fi="Koulujen lomilla",
            ),
            _t(
                "Ingen särskild dag",
                "No particular day",
                ar="لا يوجد يوم محدد",
                fa="روز خاصی نیست",
                so="Maalin gaar ah ma jirto",
                ti="ፍሉይ መዓልቲ የለን",
                fi="Ei mikään tietty päivä",
            ),
        ),
        note=_t(
            "Svaren täcker hela veckan och tillåter ”Ingen särskild dag”.",
            "The answers cover the whole week and allow “No particular day”.",
            ar="تغطي الإجابات الأسبوع كله، ويوجد خيار «لا يوجد يوم محدد».",
            fa="پاسخ‌ها همه روزهای هفته را در بر می‌گیرند و «روز خاصی نیست» هم هست.",
            so="Jawaabuhu waxay daboolaan toddobaadka oo dhan, waxaana ku jira “Maalin gaar ah "
            "ma jirto”.",
            ti="እቶም መልስታት ንምሉእ ሰሙን ይሽፍኑ፣ «ፍሉይ መዓልቲ የለን» ውን ይፈቕዱ።",
            fi="Vastaukset kattavat koko viikon, ja mukana on ”Ei mikään tietty päivä”.",
        ),
    ),
    # --- who_affected -----------------------------------------------------------------------
    QuestionTemplate(
        id="who-affected-open",
        purpose="who_affected",
        answer_type="long_text",
        text=_t(
            "Vilka påverkas mest av det du har berättat om?",
            "Who is most affected by what you told us about?",
            ar="من الأكثر تأثرًا بما أخبرتنا عنه؟",
            fa="چه کسانی بیشتر از همه تحت تأثیر چیزی هستند که گفتید؟",
            so="Waxa aad noo sheegtay, yaa ugu badan ee uu saameeyaa?",
            ti="እቲ ዝነገርኩምና ንመን እዩ ብዝበዝሐ ዝጸልዎ?",
            fi="Keihin se, mistä kerroit, vaikuttaa eniten?",
        ),
        help=_t(
            "Det kan vara en grupp, till exempel barn, äldre eller de som arbetar här.",
            "It can be a group, for example children, older people or people who work here.",
            ar="يمكن أن تكون مجموعة، مثل الأطفال أو كبار السن أو من يعملون هنا.",
            fa="می‌تواند یک گروه باشد، مثلاً کودکان، سالمندان یا کسانی که اینجا کار می‌کنند.",
            so="Waxay noqon kartaa koox, tusaale ahaan carruurta, dadka waayeelka ah ama dadka "
            "halkan ka shaqeeya.",
            ti="ጉጅለ ክኸውን ይኽእል፣ ንኣብነት ቆልዑ፣ ኣረጋውያን ወይ ኣብዚ ዝሰርሑ ሰባት።",
            fi="Se voi olla ryhmä, esimerkiksi lapset, ikääntyneet tai täällä työskentelevät.",
        ),
        options=(),
        note=_t(
            "Öppen fråga; den pekar inte ut någon grupp som skyldig eller utsatt.",
            "Open question; it does not point to any group as to blame or at risk.",
            ar="سؤال مفتوح؛ لا يشير إلى أي مجموعة على أنها مذنبة أو معرّضة للخطر.",
            fa="پرسش باز؛ هیچ گروهی را مقصر یا در خطر معرفی نمی‌کند.",
            so="Su'aal furan; ma tilmaamayso koox eedaysan ama khatar ku jirta.",
            ti="ክፉት ሕቶ፤ ዝኾነ ጉጅለ ከም በደለኛ ወይ ኣብ ሓደጋ ዘሎ ኣየመልክትን።",
            fi="Avoin kysymys; se ei osoita mitään ryhmää syylliseksi tai vaarassa olevaksi.",
        ),
    ),
    QuestionTemplate(
        id="who-affected-groups",
        purpose="who_affected",
        answer_type="multiple_choice",
        text=_t(
            "Vilka grupper påverkas, enligt dig?",
            "Which groups are affected, in your view?",
            ar="ما المجموعات التي تتأثر، برأيك؟",
            fa="به نظر شما، چه گروه‌هایی تحت تأثیر هستند؟",
            so="Sida aad u aragto, kooxahee ayay saameysaa?",
            ti="ብሓሳብኩም፣ ኣየኖት ጉጅለታት እዮም ዝጽለዉ?",
            fi="Mihin ryhmiin se mielestäsi vaikuttaa?",
        ),
        help=_CHOOSE_SOME,
        options=_opts(
            _t("Barn", "Children", ar="الأطفال", fa="کودکان", so="Carruurta", ti="ቆልዑ",
               fi="Lapset"),
            _t("Unga", "Young people", ar="الشباب", fa="جوانان", so="Dhallinyarada",
               ti="መንእሰያት", fi="Nuoret"),
            _t("Kvinnor", "Women", ar="النساء", fa="زنان", so="Haweenka", ti="ደቂ ኣንስትዮ",
               fi="Naiset"),
            _t("Män", "Men", ar="الرجال", fa="مردان", so="Ragga", ti="ደቂ ተባዕትዮ",
               fi="Miehet"),
            _t("Äldre", "Older people", ar="كبار السن", fa="سالمندان", so="Dadka waayeelka ah",
               ti="ኣረጋውያን", fi="Ikääntyneet"),
            _t(
                "De som arbetar i området",
                "People who work in the area",
                ar="من يعملون في المنطقة",
                fa="کسانی که در منطقه کار می‌کنند",
                so="Dadka ka shaqeeya aagga",
                ti="ኣብቲ ከባቢ ዝሰርሑ",
                fi="Alueella työskentelevät",
            ),
            _t(
                "Boende i allmänhet",
                "Residents in general",
                ar="السكان بشكل عام",
                fa="ساکنان به طور کلی",
                so="Dadka deggan guud ahaan",
                ti="ነበርቲ ብሓፈሻ",
                fi="Asukkaat yleensä",
            ),
            _t("Någon annan", "Someone else", ar="شخص آخر", fa="کس دیگری", so="Qof kale",
               ti="ካልእ ሰብ", fi="Joku muu"),
        ),
        note=_t(
            "Grupperna är neutrala ord och ”Boende i allmänhet” finns med.",
            "The groups are neutral words and “Residents in general” is included.",
            ar="أسماء المجموعات كلمات محايدة، ويوجد خيار «السكان بشكل عام».",
            fa="نام گروه‌ها کلمات بی‌طرف هستند و «ساکنان به طور کلی» هم هست.",
            so="Kooxaha waxaa lagu sheegay erayo dhexdhexaad ah, “Dadka deggan guud ahaan” "
            "ayaa ku jira.",
            ti="እቶም ጉጅለታት ብሚዛናዊ ቃላት ተገሊጾም፣ «ነበርቲ ብሓፈሻ» ውን ኣሎ።",
            fi="Ryhmät on nimetty neutraalein sanoin, ja mukana on ”Asukkaat yleensä”.",
        ),
    ),
    QuestionTemplate(
        id="who-affected-self",
        purpose="who_affected",
        answer_type="single_choice",
        text=_t(
            "Har det du har berättat om påverkat dig själv?",
            "Has what you told us about affected you personally?",
            ar="هل أثّر عليك شخصيًا ما أخبرتنا عنه؟",
            fa="آیا چیزی که گفتید روی خود شما اثر گذاشته است؟",
            so="Waxa aad noo sheegtay ma adiga qudhaada ayay ku saameeyeen?",
            ti="እቲ ዝነገርኩምና ንዓኹም ባዕልኹም ጸልዩኩም ድዩ?",
            fi="Onko se, mistä kerroit, vaikuttanut sinuun itseesi?",
        ),
        help=_NO_HELP,
        options=_opts(
            _t("Ja, ofta", "Yes, often", ar="نعم، كثيرًا", fa="بله، اغلب", so="Haa, marar badan",
               ti="እወ፣ ብዙሕ ግዜ", fi="Kyllä, usein"),
            _t(
                "Ja, någon gång",
                "Yes, once or a few times",
                ar="نعم، مرة أو بضع مرات",
                fa="بله، یک یا چند بار",
                so="Haa, hal mar ama dhowr jeer",
                ti="እወ፣ ሓንሳብ ወይ ሒደት ግዜ",
                fi="Kyllä, kerran tai muutaman kerran",
            ),
            _t("Nej", "No", ar="لا", fa="نه", so="Maya", ti="ኣይፋል", fi="Ei"),
        ),
        note=_t(
            "Ja och nej är lika lätta att välja; frågan antar inte att något har hänt.",
            "Yes and no are equally easy to choose; the question does not assume anything "
            "happened.",
            ar="اختيار نعم أو لا سهل بالقدر نفسه؛ السؤال لا يفترض أن شيئًا قد حدث.",
            fa="انتخاب بله و نه به یک اندازه آسان است؛ پرسش فرض نمی‌کند که اتفاقی افتاده است.",
            so="Haa iyo maya si isku mid ah ayay u fudud yihiin in la doorto; su'aashu uma "
            "qaadanayso in wax dhaceen.",
            ti="እወን ኣይፋልን ብማዕረ ቀሊል እዩ ምምራጾም፤ እቲ ሕቶ ገለ ከም ዘጋጠመ ኣይግምትን።",
            fi="Kyllä ja ei ovat yhtä helppoja valita; kysymys ei oleta, että jotain on "
            "tapahtunut.",
        ),
    ),
    # --- safety -----------------------------------------------------------------------------
    QuestionTemplate(
        id="safety-evening-scale",
        purpose="safety",
        answer_type="scale",
        text=_t(
            "Hur trygg eller otrygg känner du dig när du är ute ensam i ditt område en sen kväll?",
            "How safe or unsafe do you feel when you are out alone in your area late in the "
            "evening?",
            ar="ما مدى شعورك بالأمان أو عدم الأمان عندما تكون وحدك خارج البيت في منطقتك في وقت "
            "متأخر من المساء؟",
            fa="وقتی دیروقت شب تنها در منطقه‌تان بیرون هستید، چقدر احساس امنیت یا ناامنی "
            "می‌کنید؟",
            so="Intee in le'eg ayaad ammaan ama ammaan darro ku dareentaa marka aad keligaa "
            "bannaanka ku joogto xaafaddaada fiidkii dambe?",
            ti="ምሸት ደንጉዩ ኣብ ከባቢኹም በይንኹም ኣብ ደገ ክትኮኑ ከለኹም፣ ክንደይ ውሑስ ወይ ዘይውሑስ "
            "ይስምዓኩም?",
            fi="Kuinka turvalliseksi tai turvattomaksi tunnet olosi, kun olet myöhään illalla "
            "yksin ulkona alueellasi?",
        ),
        help=_NO_HELP,
        options=_SAFETY_STEPS,
        note=_BALANCED_NOTE,
    ),
    QuestionTemplate(
        id="safety-day-scale",
        purpose="safety",
        answer_type="scale",
        text=_t(
            "Hur trygg eller otrygg känner du dig i ditt område på dagen?",
            "How safe or unsafe do you feel in your area during the day?",
            ar="ما مدى شعورك بالأمان أو عدم الأمان في منطقتك خلال النهار؟",
            fa="در طول روز در منطقه‌تان چقدر احساس امنیت یا ناامنی می‌کنید؟",
            so="Intee in le'eg ayaad ammaan ama ammaan darro ku dareentaa xaafaddaada maalintii?",
            ti="ብመዓልቲ ኣብ ከባቢኹም ክንደይ ውሑስ ወይ ዘይውሑስ ይስምዓኩም?",
            fi="Kuinka turvalliseksi tai turvattomaksi tunnet olosi alueellasi päivällä?",
        ),
        help=_NO_HELP,
        options=_SAFETY_STEPS,
        note=_BALANCED_NOTE,
    ),
    QuestionTemplate(
        id="safety-home-scale",
        purpose="safety",
        answer_type="scale",
        text=_t(
            "Hur trygg eller otrygg känner du dig i ditt hem?",
            "How safe or unsafe do you feel in your home?",
            ar="ما مدى شعورك بالأمان أو عدم الأمان في بيتك؟",
            fa="در خانه‌تان چقدر احساس امنیت یا ناامنی می‌کنید؟",
            so="Intee in le'eg ayaad ammaan ama ammaan darro ku dareentaa gurigaaga?",
            ti="ኣብ ገዛኹም ክንደይ ውሑስ ወይ ዘይውሑስ ይስምዓኩም?",
            fi="Kuinka turvalliseksi tai turvattomaksi tunnet olosi kotonasi?",
        ),
        help=_NO_HELP,
        options=_SAFETY_STEPS,
        note=_BALANCED_NOTE,
    ),
    QuestionTemplate(
        id="safety-worry-scale",
        purpose="safety",
        answer_type="scale",
        text=_t(
            "Hur ofta oroar du dig för att utsättas för brott i ditt område?",
            "How often do you worry about being a victim of crime in your area?",
            ar="كم مرة تقلق من أن تتعرض لجريمة في منطقتك؟",
            fa="چند وقت یک بار نگران این هستید که در منطقه‌تان قربانی جرم شوید؟",
            so="Intee jeer ayaad ka welwelsaa in dambi lagaa galo xaafaddaada?",
            ti="ኣብ ከባቢኹም ግዳይ ገበን ክትኮኑ ክንደይ ግዜ ትሻቐሉ?",
            fi="Kuinka usein olet huolissasi siitä, että joudut rikoksen uhriksi alueellasi?",
        ),
        help=_NO_HELP,
        options=_FREQUENCY_STEPS,
        note=_t(
            "Frågar hur ofta, och ”Aldrig” är ett lika giltigt svar som ”Ofta”.",
            "Asks how often, and “Never” is as valid an answer as “Often”.",
            ar="يسأل كم مرة، و«أبدًا» إجابة صحيحة مثل «كثيرًا».",
            fa="می‌پرسد چند وقت یک بار، و «هرگز» به اندازه «اغلب» پاسخ درستی است.",
            so="Waxay weydiisaa inta jeer, “Marna” waa jawaab sax ah sida “Marar badan”.",
            ti="ክንደይ ግዜ ይሓትት፣ «ዋላ ሓንሳእ» ከም «ብዙሕ ግዜ» ቅቡል መልሲ እዩ።",
            fi="Kysyy, kuinka usein, ja ”Ei koskaan” on yhtä pätevä vastaus kuin ”Usein”.",
        ),
    ),
    QuestionTemplate(
        id="safety-what-affects",
        purpose="safety",
        answer_type="long_text",
        text=_t(
            "Vad påverkar hur trygg eller otrygg du känner dig i ditt område?",
            "What affects how safe or unsafe you feel in your area?",
            ar="ما الذي يؤثر على مدى شعورك بالأمان أو عدم الأمان في منطقتك؟",
            fa="چه چیزی روی احساس امنیت یا ناامنی شما در منطقه‌تان اثر می‌گذارد؟",
            so="Maxaa saameeya inta aad ammaan ama ammaan darro ku dareemayso xaafaddaada?",
            ti="ኣብ ከባቢኹም ክንደይ ውሑስ ወይ ዘይውሑስ ከም ዝስምዓኩም እንታይ እዩ ዝጸልዎ?",
            fi="Mikä vaikuttaa siihen, kuinka turvalliseksi tai turvattomaksi tunnet olosi "
            "alueellasi?",
        ),
        help=_t(
            "Det kan vara platser, människor, ljus, ljud eller något annat.",
            "It can be places, people, light, noise or something else.",
            ar="يمكن أن تكون أماكن أو أشخاصًا أو إضاءة أو أصواتًا أو شيئًا آخر.",
            fa="می‌تواند مکان‌ها، آدم‌ها، نور، صدا یا چیز دیگری باشد.",
            so="Waxay noqon karaan meelo, dad, iftiin, sanqadh ama wax kale.",
            ti="ቦታታት፣ ሰባት፣ ብርሃን፣ ድምጺ ወይ ካልእ ነገር ክኸውን ይኽእል።",
            fi="Se voi olla paikkoja, ihmisiä, valoa, ääniä tai jotain muuta.",
        ),
        options=(),
        note=_BALANCED_NOTE,
    ),
    # --- places_avoided ---------------------------------------------------------------------
    QuestionTemplate(
        id="avoid-any",
        purpose="places_avoided",
        answer_type="single_choice",
        text=_t(
            "Finns det platser i ditt område som du undviker för att du känner dig otrygg där?",
            "Are there places in your area that you avoid because you feel unsafe there?",
            ar="هل توجد أماكن في منطقتك تتجنبها لأنك لا تشعر بالأمان فيها؟",
            fa="آیا در منطقه‌تان جاهایی هست که به خاطر احساس ناامنی از آن‌ها دوری می‌کنید؟",
            so="Ma jiraan meelo xaafaddaada ku yaal oo aad iska ilaaliso sababtoo ah aad "
            "ammaan darro ku dareento?",
            ti="ኣብ ከባቢኹም ዘይውሑስ ስለ ዝስምዓኩም እትርሕቕዎም ቦታታት ኣለዉ ድዮም?",
            fi="Onko alueellasi paikkoja, joita vältät, koska tunnet olosi siellä turvattomaksi?",
        ),
        help=_NO_HELP,
        options=_YES_NO,
        note=_t(
            "Frågar om det finns sådana platser, inte vilka, så nej är ett naturligt svar.",
            "Asks whether such places exist, not which, so no is a natural answer.",
            ar="يسأل هل توجد أماكن كهذه، وليس ما هي، لذلك فالإجابة بلا طبيعية.",
            fa="می‌پرسد آیا چنین جاهایی هست، نه اینکه کدام‌ها، پس نه یک پاسخ طبیعی است.",
            so="Waxay weydiisaa in meelahaas jiraan, ee maaha kuwa ay yihiin, sidaas darteed "
            "maya waa jawaab caadi ah.",
            ti="ከምዚኦም ዝበሉ ቦታታት እንተለዉ እዩ ዝሓትት፣ ኣየኖት ምዃኖም ኣይኮነን፣ ስለዚ ኣይፋል ንቡር "
            "መልሲ እዩ።",
            fi="Kysyy, onko tällaisia paikkoja, ei mitä ne ovat, joten ei on luonteva vastaus.",
        ),
    ),
    QuestionTemplate(
        id="avoid-which-open",
        purpose="places_avoided",
        answer_type="long_text",
        text=_t(
            "Vilka platser undviker du, om några? Berätta gärna varför.",
            "Which places, if any, do you avoid? Please tell us why.",
            ar="ما الأماكن التي تتجنبها، إن وجدت؟ أخبرنا لماذا من فضلك.",
            fa="از چه جاهایی دوری می‌کنید، اگر جایی هست؟ لطفاً بگویید چرا.",
            so="Meelahee ayaad iska ilaalisaa, haddii ay jiraan? Fadlan noo sheeg sababta.",
            ti="ካብ ኣየኖት ቦታታት ትርሕቑ፣ እንተሎ? በጃኹም ስለምንታይ ንገሩና።",
            fi="Mitä paikkoja vältät, jos niitä on? Kerro, miksi.",
        ),
        help=_PLACE_HELP,
        options=(),
        note=_OPEN_NOTE,
    ),
    QuestionTemplate(
        id="avoid-going-out",
        purpose="places_avoided",
        answer_type="scale",
        text=_t(
            "Hur ofta väljer du att inte gå ut på kvällen för att du är orolig för brott?",
            "How often do you choose not to go out in the evening because you worry about crime?",
            ar="كم مرة تختار ألّا تخرج في المساء لأنك قلق من الجريمة؟",
            fa="چند وقت یک بار به خاطر نگرانی از جرم، شب بیرون نمی‌روید؟",
            so="Intee jeer ayaad doorataa inaadan fiidkii bannaanka u bixin sababtoo ah waxaad "
            "ka welwelsan tahay dambi?",
            ti="ካብ ገበን ስለ እትሻቐሉ ምሸት ናብ ደገ ከይትወጹ ክንደይ ግዜ ትመርጹ?",
            fi="Kuinka usein jätät menemättä ulos illalla, koska olet huolissasi rikoksista?",
        ),
        help=_NO_HELP,
        options=_FREQUENCY_STEPS,
        note=_t(
            "Frågar hur ofta, med ”Aldrig” som svar, i stället för att anta att det händer.",
            "Asks how often, with “Never” as an answer, instead of assuming it happens.",
            ar="يسأل كم مرة، مع «أبدًا» كإجابة، بدلًا من أن يفترض أن ذلك يحدث.",
            fa="می‌پرسد چند وقت یک بار، و «هرگز» هم پاسخ است، به جای اینکه فرض کند این اتفاق "
            "می‌افتد.",
            so="Waxay weydiisaa inta jeer, iyada oo “Marna” ay tahay jawaab, halkii loo qaadan "
            "lahaa inay dhacdo.",
            ti="ክንደይ ግዜ ይሓትት፣ «ዋላ ሓንሳእ» ውን ከም መልሲ ኣሎ፣ ከም ዘጋጥም ከይገመተ።",
            fi="Kysyy, kuinka usein, ja ”Ei koskaan” on vastausvaihtoehto, sen sijaan että "
            "olettaisi sen tapahtuvan.",
        ),
    ),
    # --- works_well -------------------------------------------------------------------------
    QuestionTemplate(
        id="works-well-open",
        purpose="works_well",
        answer_type="long_text",
        text=_t(
            "Vad fungerar bra i ditt område?",
            "What works well in your area?",
            ar="ما الذي يسير بشكل جيد في منطقتك؟",
            fa="چه چیزی در منطقه‌تان خوب کار می‌کند؟",
            so="Maxaa si fiican uga shaqeeya xaafaddaada?",
            ti="ኣብ ከባቢኹም እንታይ ጽቡቕ ይሰርሕ?",
            fi="Mikä toimii hyvin alueellasi?",
        ),
        help=_NO_HELP,
        options=(),
        note=_t(
            "Ger plats för det positiva, så enkäten inte bara handlar om problem.",
            "Makes room for the positive, so the survey is not only about problems.",
            ar="يفسح المجال للأشياء الإيجابية، حتى لا يكون الاستبيان عن المشكلات فقط.",
            fa="جایی برای چیزهای مثبت می‌گذارد تا پرسش‌نامه فقط درباره مشکلات نباشد.",
            so="Waxay meel u samaysaa waxyaabaha wanaagsan, si sahanku uusan ugu koobnaan "
            "dhibaatooyinka oo keliya.",
            ti="ንኣወንታዊ ነገራት ቦታ ይህብ፣ እቲ መጠይቕ ብዛዕባ ጸገማት ጥራይ ከይከውን።",
            fi="Antaa tilaa myönteiselle, jotta kysely ei koske vain ongelmia.",
        ),
    ),
    QuestionTemplate(
        id="works-liked-places",
        purpose="works_well",
        answer_type="long_text",
        text=_t(
            "Finns det platser i ditt område där du trivs? Vilka?",
            "Are there places in your area that you like? Which ones?",
            ar="هل توجد أماكن في منطقتك تحبها؟ ما هي؟",
            fa="آیا در منطقه‌تان جاهایی هست که دوستشان دارید؟ کدام‌ها؟",
            so="Ma jiraan meelo xaafaddaada ku yaal oo aad jeceshahay? Waa kuwee?",
            ti="ኣብ ከባቢኹም እትፈትውዎም ቦታታት ኣለዉ ድዮም? ኣየኖት?",
            fi="Onko alueellasi paikkoja, joissa viihdyt? Mitkä?",
        ),
        help=_NO_HELP,
        options=(),
        note=_t(
            "Frågar först om det finns sådana platser, och föreslår inga.",
            "Asks first whether there are such places, and suggests none.",
            ar="يسأل أولًا هل توجد أماكن كهذه، ولا يقترح أي مكان.",
            fa="اول می‌پرسد آیا چنین جاهایی هست، و هیچ جایی را پیشنهاد نمی‌کند.",
            so="Marka hore waxay weydiisaa in meelahaas jiraan, mana soo jeediso midna.",
            ti="ቅድም ከምዚኦም ዝበሉ ቦታታት እንተለዉ ይሓትት፣ ዝኾነ ቦታ ድማ ኣየቕርብን።",
            fi="Kysyy ensin, onko tällaisia paikkoja, eikä ehdota yhtään.",
        ),
    ),
    QuestionTemplate(
        id="works-neighbours-help",
        purpose="works_well",
        answer_type="scale",
        text=_t(
            "Hur ofta hjälper grannar i ditt område varandra?",
            "How often do neighbours in your area help each other?",
            ar="كم مرة يساعد الجيران في منطقتك بعضهم بعضًا؟",
            fa="همسایه‌ها در منطقه‌تان چند وقت یک بار به هم کمک می‌کنند؟",
            so="Intee jeer ayay dadka deriska ah ee xaafaddaadu is caawiyaan?",
            ti="ኣብ ከባቢኹም ዘለዉ ጎረባብቲ ክንደይ ግዜ ይተሓጋገዙ?",
            fi="Kuinka usein naapurit alueellasi auttavat toisiaan?",
        ),
        help=_NO_HELP,
        options=_FREQUENCY_STEPS,
        note=_t(
            "Hela skalan från ”Ofta” till ”Aldrig” finns med.",
            "The whole scale from “Often” to “Never” is offered.",
            ar="السلّم كله موجود، من «كثيرًا» إلى «أبدًا».",
            fa="همه مقیاس، از «اغلب» تا «هرگز»، وجود دارد.",
            so="Cabbirka oo dhan ayaa la bixiyay, laga bilaabo “Marar badan” ilaa “Marna”.",
            ti="ምሉእ መዐቀኒ ካብ «ብዙሕ ግዜ» ክሳብ «ዋላ ሓንሳእ» ይቐርብ።",
            fi="Koko asteikko on mukana, ääripäinä ”Usein” ja ”Ei koskaan”.",
        ),
    ),
    # --- residents_can_do -------------------------------------------------------------------
    QuestionTemplate(
        id="residents-can-do-open",
        purpose="residents_can_do",
        answer_type="long_text",
        text=_t(
            "Vad kan de som bor i området själva göra för att det ska kännas tryggt här?",
            "What can people who live here do themselves to make the area feel safe?",
            ar="ما الذي يمكن أن يفعله سكان المنطقة بأنفسهم حتى يشعروا بالأمان هنا؟",
            fa="ساکنان منطقه خودشان چه کاری می‌توانند بکنند تا اینجا احساس امنیت کنند؟",
            so="Maxay dadka xaafadda deggan laftoodu samayn karaan si halkan ammaan looga "
            "dareemo?",
            ti="እቶም ኣብቲ ከባቢ ዝነብሩ ሰባት ኣብዚ ውሑስ ምእንቲ ክስምዖም ባዕሎም እንታይ ክገብሩ "
            "ይኽእሉ?",
            fi="Mitä alueen asukkaat voivat itse tehdä, jotta täällä tuntuisi turvalliselta?",
        ),
        help=_NO_HELP,
        options=(),
        note=_t(
            "Handlar om vad de boende kan göra, inte om hur polisen ska arbeta.",
            "About what residents can do, not about how the police should work.",
            ar="يدور حول ما يمكن أن يفعله السكان، وليس حول كيف يجب أن تعمل الشرطة.",
            fa="درباره کاری است که ساکنان می‌توانند بکنند، نه درباره اینکه پلیس چطور باید کار "
            "کند.",
            so="Waxay ku saabsan tahay waxa dadka deggan samayn karaan, ee maaha sida ay tahay "
            "in booliisku u shaqeeyo.",
            ti="ብዛዕባ እቲ ነበርቲ ክገብርዎ ዝኽእሉ እዩ፣ ፖሊስ ብኸመይ ክሰርሕ ከም ዘለዎ ኣይኮነን።",
            fi="Koskee sitä, mitä asukkaat voivat tehdä, ei sitä, miten poliisin pitäisi "
            "toimia.",
        ),
    ),
    QuestionTemplate(
        id="residents-take-part",
        purpose="residents_can_do",
        answer_type="multiple_choice",
        text=_t(
            "Skulle du vilja vara med i något av det här?",
            "Would you like to take part in any of these?",
            ar="هل تود المشاركة في أي من هذه الأنشطة؟",
            fa="آیا دوست دارید در یکی از این‌ها شرکت کنید؟",
            so="Ma jeclaan lahayd inaad ka qayb qaadato mid ka mid ah kuwan?",
            ti="ኣብ ሓደ ካብዚኦም ክትሳተፉ ትደልዩ ዶ?",
            fi="Haluaisitko osallistua johonkin näistä?",
        ),
        help=_CHOOSE_SOME,
        options=_opts(
            _t(
                "En promenad i området för att hitta otrygga platser (trygghetsvandring)",
                "A walk in the area to find places that feel unsafe (safety walk)",
                ar="جولة مشي في المنطقة لإيجاد الأماكن التي لا يشعر فيها الناس بالأمان "
                "(جولة الأمان)",
                fa="پیاده‌روی در منطقه برای پیدا کردن جاهایی که ناامن به نظر می‌رسند "
                "(پیاده‌روی امنیت)",
                so="Socod xaafadda ah si loo helo meelaha aan ammaanka laga dareemin "
                "(socodka ammaanka)",
                ti="ዘይውሑስ ዝስምዑ ቦታታት ንምርካብ ኣብቲ ከባቢ ብእግሪ ምዝዋር (ናይ ድሕነት ዙረት)",
                fi="Kävely alueella turvattomilta tuntuvien paikkojen löytämiseksi "
                "(turvallisuuskävely)",
            ),
            _t(
                "Grannar som håller koll tillsammans (grannsamverkan)",
                "Neighbourhood watch",
                ar="جيران يراقبون المنطقة معًا (مراقبة الحي)",
                fa="همسایه‌هایی که با هم مراقب محله هستند (همکاری همسایگان)",
                so="Deris si wada jir ah isha ugu haya xaafadda (ilaalinta xaafadda)",
                ti="ብሓባር ከባቢኦም ዝከታተሉ ጎረባብቲ (ምትሕግጋዝ ጎረባብቲ)",
                fi="Naapurit pitävät yhdessä silmällä aluetta (naapuriapu)",
            ),
            _t(
                "Ett möte om området",
                "A meeting about the area",
                ar="اجتماع عن المنطقة",
                fa="یک جلسه درباره منطقه",
                so="Shir ku saabsan xaafadda",
                ti="ኣኼባ ብዛዕባ እቲ ከባቢ",
                fi="Kokous alueen asioista",
            ),
            _t(
                "Nej, inte nu",
                "No, not now",
                ar="لا، ليس الآن",
                fa="نه، الان نه",
                so="Maya, hadda maaha",
                ti="ኣይፋል፣ ሕጂ ኣይኮነን",
                fi="Ei, ei nyt",
            ),
        ),
        note=_t(
            "Nej är ett eget svar, och varje aktivitet förklaras med vardagliga ord.",
            "No is an answer of its own, and each activity is explained in everyday words.",
            ar="الرفض إجابة مستقلة، وكل نشاط مشروح بكلمات يومية بسيطة.",
            fa="نه یک پاسخ جداگانه است و هر فعالیت با کلمات روزمره توضیح داده شده است.",
            so="Maya waa jawaab gaar ah, hawl kastana waxaa lagu sharraxay erayo maalmeed.",
            ti="ኣይፋል በይኑ መልሲ እዩ፣ ነፍሲ ወከፍ ንጥፈት ድማ ብናይ መዓልታዊ ቃላት ተገሊጹ ኣሎ።",
            fi="Ei on oma vastausvaihtoehtonsa, ja jokainen toiminta selitetään arkisin "
            "sanoin.",
        ),
    ),
    QuestionTemplate(
        id="residents-ideas",
        purpose="residents_can_do",
        answer_type="long_text",
        text=_t(
            "Har du idéer om vad som kan göra ditt område bättre att bo i?",
            "Do you have ideas about what could make your area a better place to live?",
            ar="هل لديك أفكار عمّا يمكن أن يجعل منطقتك مكانًا أفضل للعيش؟",
            fa="آیا ایده‌ای دارید که چه چیزی می‌تواند منطقه‌تان را جای بهتری برای زندگی کند؟",
            so="Ma haysaa fikrado ku saabsan waxa ka dhigi kara xaafaddaada meel ka wanaagsan "
            "oo lagu noolaado?",
            ti="ከባቢኹም ንምንባር ዝሐሸ ቦታ ክገብሮ ዝኽእል ሓሳባት ኣለኩም ድዩ?",
            fi="Onko sinulla ideoita siitä, mikä voisi tehdä alueestasi paremman paikan asua?",
        ),
        help=_NO_HELP,
        options=(),
        note=_t(
            "Öppen fråga som inte föreslår några lösningar.",
            "Open question that suggests no solutions.",
            ar="سؤال مفتوح لا يقترح أي حلول.",
            fa="پرسش بازی که هیچ راه‌حلی پیشنهاد نمی‌کند.",
            so="Su'aal furan oo aan soo jeedin wax xal ah.",
            ti="ዝኾነ መፍትሒ ዘየቕርብ ክፉት ሕቶ።",
            fi="Avoin kysymys, joka ei ehdota ratkaisuja.",
        ),
    ),
    # --- changes_noticed (follow-up surveys) ------------------------------------------------
    QuestionTemplate(
        id="changes-noticed-open",
        purpose="changes_noticed",
        answer_type="long_text",
        text=_t(
            "Vilka förändringar har du märkt i ditt område det senaste året, om några?",
            "What changes, if any, have you noticed in your area in the past year?",
            ar="ما التغييرات التي لاحظتها في منطقتك خلال السنة الماضية، إن وجدت؟",
            fa="در یک سال گذشته چه تغییراتی در منطقه‌تان دیده‌اید، اگر تغییری بوده است؟",
            so="Isbeddelladee ayaad ka dareentay xaafaddaada sannadkii la soo dhaafay, haddii "
            "ay jiraan?",
            ti="ኣብ ዝሓለፈ ዓመት ኣብ ከባቢኹም እንታይ ለውጢታት ኣስተብሂልኩም፣ እንተሎ?",
            fi="Mitä muutoksia olet huomannut alueellasi viimeisen vuoden aikana, jos niitä on?",
        ),
        help=_NO_HELP,
        options=(),
        note=_t(
            "Frågar om förändring åt båda hållen, och ”om några” tillåter ingen förändring.",
            "Asks about change in either direction, and “if any” allows no change.",
            ar="يسأل عن التغيير في أي اتجاه، وعبارة «إن وجدت» تسمح بالإجابة بأنه لا يوجد تغيير.",
            fa="درباره تغییر در هر دو جهت می‌پرسد، و «اگر تغییری بوده است» پاسخ «تغییری نبوده» "
            "را هم ممکن می‌کند.",
            so="Waxay weydiisaa isbeddel dhinac kasta ah, “haddii ay jiraan” waxay oggolaataa "
            "jawaabta ah in aanu isbeddel jirin.",
            ti="ብዛዕባ ለውጢ ናብ ክልቲኡ ኣንፈት ይሓትት፣ «እንተሎ» ድማ ለውጢ ዘይምህላው የፍቅድ።",
            fi="Kysyy muutoksesta kumpaankin suuntaan, ja ”jos niitä on” sallii vastauksen, "
            "ettei muutoksia ole.",
        ),
    ),
    QuestionTemplate(
        id="changes-safety-scale",
        purpose="changes_noticed",
        answer_type="scale",
        text=_t(
            "Hur har din känsla av trygghet i området förändrats det senaste året?",
            "How has your feeling of safety in the area changed in the past year?",
            ar="كيف تغيّر شعورك بالأمان في المنطقة خلال السنة الماضية؟",
            fa="احساس امنیت شما در منطقه در یک سال گذشته چطور تغییر کرده است؟",
            so="Sidee buu isu beddelay dareenkaaga ammaan ee xaafadda sannadkii la soo "
            "dhaafay?",
            ti="ኣብ ዝሓለፈ ዓመት ስምዒት ድሕነትኩም ኣብቲ ከባቢ ብኸመይ ተቐይሩ?",
            fi="Miten turvallisuuden tunteesi alueella on muuttunut viimeisen vuoden aikana?",
        ),
        help=_NO_HELP,
        options=_opts(
            _t(
                "Mycket tryggare",
                "Much safer",
                ar="أكثر أمانًا بكثير",
                fa="خیلی امن‌تر",
                so="Aad uga ammaan badan",
                ti="ኣዝዩ ዝያዳ ውሑስ",
                fi="Paljon turvallisempi",
            ),
            _t(
                "Lite tryggare",
                "A little safer",
                ar="أكثر أمانًا قليلًا",
                fa="کمی امن‌تر",
                so="Xoogaa ka ammaan badan",
                ti="ቁሩብ ዝያዳ ውሑስ",
                fi="Vähän turvallisempi",
            ),
            _t(
                "Ingen skillnad",
                "No difference",
                ar="لا فرق",
                fa="فرقی نکرده",
                so="Farqi ma jiro",
                ti="ፍልልይ የለን",
                fi="Ei eroa",
            ),
            _t(
                "Lite otryggare",
                "A little less safe",
                ar="أقل أمانًا قليلًا",
                fa="کمی ناامن‌تر",
                so="Xoogaa ka ammaan yar",
                ti="ቁሩብ ዝያዳ ዘይውሑስ",
                fi="Vähän turvattomampi",
            ),
            _t(
                "Mycket otryggare",
                "Much less safe",
                ar="أقل أمانًا بكثير",
                fa="خیلی ناامن‌تر",
                so="Aad uga ammaan yar",
                ti="ኣዝዩ ዝያዳ ዘይውሑስ",
                fi="Paljon turvattomampi",
            ),
        ),
        note=_t(
            "Skalan går åt båda hållen med ”Ingen skillnad” i mitten.",
            "The scale runs both ways with “No difference” in the middle.",
            ar="يمتد السلّم في الاتجاهين، و«لا فرق» في الوسط.",
            fa="مقیاس در هر دو جهت است و «فرقی نکرده» در وسط است.",
            so="Cabbirku labada dhinac ayuu u socdaa, “Farqi ma jiro” oo dhexda ku jira.",
            ti="እቲ መዐቀኒ ናብ ክልቲኡ ኣንፈት ይኸይድ፣ «ፍልልይ የለን» ኣብ ማእከል ኣሎ።",
            fi="Asteikko kulkee molempiin suuntiin, ja keskellä on ”Ei eroa”.",
        ),
    ),
    QuestionTemplate(
        id="changes-problems-scale",
        purpose="changes_noticed",
        answer_type="scale",
        text=_t(
            "Har problemen i ditt område blivit större, mindre eller är de ungefär som förut?",
            "Have the problems in your area become bigger, smaller, or stayed about the same?",
            ar="هل أصبحت المشكلات في منطقتك أكبر أو أصغر، أم بقيت كما كانت تقريبًا؟",
            fa="آیا مشکلات منطقه‌تان بزرگ‌تر شده، کوچک‌تر شده یا تقریباً مثل قبل مانده است؟",
            so="Dhibaatooyinka xaafaddaadu ma sii weynaadeen, ma yaraadeen, mise waa sidii hore "
            "oo kale?",
            ti="ኣብ ከባቢኹም ዘለዉ ጸገማት ዓብዮም፣ ንእሶም ወይስ ዳርጋ ከም ቀደሞም እዮም?",
            fi="Ovatko alueesi ongelmat kasvaneet, pienentyneet vai pysyneet suunnilleen "
            "ennallaan?",
        ),
        help=_NO_HELP,
        options=_opts(
            _t(
                "Mycket mindre",
                "Much smaller",
                ar="أصغر بكثير",
                fa="خیلی کوچک‌تر",
                so="Aad uga yar",
                ti="ብዙሕ ንእሶም",
                fi="Paljon pienemmät",
            ),
            _t(
                "Lite mindre",
                "A little smaller",
                ar="أصغر قليلًا",
                fa="کمی کوچک‌تر",
                so="Xoogaa ka yar",
                ti="ቁሩብ ንእሶም",
                fi="Vähän pienemmät",
            ),
            _t(
                "Ungefär som förut",
                "About the same",
                ar="كما كانت تقريبًا",
                fa="تقریباً مثل قبل",
                so="Qiyaas ahaan sidii hore",
                ti="ዳርጋ ከም ቀደሞም",
                fi="Suunnilleen ennallaan",
            ),
            _t(
                "Lite större",
                "A little bigger",
                ar="أكبر قليلًا",
                fa="کمی بزرگ‌تر",
                so="Xoogaa ka weyn",
                ti="ቁሩብ ዓብዮም",
                fi="Vähän suuremmat",
            ),
            _t(
                "Mycket större",
                "Much bigger",
                ar="أكبر بكثير",
                fa="خیلی بزرگ‌تر",
                so="Aad uga weyn",
                ti="ብዙሕ ዓብዮም",
                fi="Paljon suuremmat",
            ),
        ),
        note=_t(
            "Alla riktningar nämns i frågan, så ingen av dem framstår som den väntade.",
            "Every direction is named in the question, so none looks like the expected one.",
            ar="كل الاتجاهات مذكورة في السؤال، لذلك لا يبدو أي منها كأنه الإجابة المتوقعة.",
            fa="همه جهت‌ها در پرسش آمده است، پس هیچ‌کدام مثل پاسخ مورد انتظار به نظر نمی‌رسد.",
            so="Jihooyinka oo dhan ayaa su'aasha lagu sheegay, sidaas darteed midna uma muuqdo "
            "mid la filayo.",
            ti="ኩሎም ኣንፈታት ኣብቲ ሕቶ ተጠቒሶም፣ ስለዚ ሓደ እኳ ከም እቲ ዝድለ መልሲ ኣይመስልን።",
            fi="Kaikki suunnat mainitaan kysymyksessä, joten mikään ei näytä odotetulta.",
        ),
    ),
    QuestionTemplate(
        id="changes-something-new",
        purpose="changes_noticed",
        answer_type="single_choice",
        text=_t(
            "Har du märkt att något nytt har gjorts i ditt område det senaste året?",
            "Have you noticed anything new being done in your area in the past year?",
            ar="هل لاحظت أن شيئًا جديدًا تم القيام به في منطقتك خلال السنة الماضية؟",
            fa="آیا در یک سال گذشته متوجه شده‌اید که کار تازه‌ای در منطقه‌تان انجام شده باشد؟",
            so="Ma dareentay in wax cusub laga sameeyay xaafaddaada sannadkii la soo dhaafay?",
            ti="ኣብ ዝሓለፈ ዓመት ኣብ ከባቢኹም ሓድሽ ነገር ከም ዝተገብረ ኣስተብሂልኩም ዶ?",
            fi="Oletko huomannut, että alueellasi on tehty jotain uutta viimeisen vuoden aikana?",
        ),
        help=_t(
            "Det kan till exempel vara ny belysning, ett möte eller fler vuxna ute på kvällen.",
            "It could be, for example, new lighting, a meeting or more adults out in the evening.",
            ar="قد يكون مثلًا إضاءة جديدة أو اجتماعًا أو عددًا أكبر من البالغين في الخارج في "
            "المساء.",
            fa="مثلاً می‌تواند نور جدید، یک جلسه یا بزرگسالان بیشتری باشد که شب‌ها بیرون هستند.",
            so="Tusaale ahaan waxay noqon kartaa iftiin cusub, shir ama dad waaweyn oo badan oo "
            "fiidkii bannaanka jooga.",
            ti="ንኣብነት ሓድሽ መብራህቲ፣ ኣኼባ ወይ ምሸት ኣብ ደገ ዝበዝሑ ዓበይቲ ሰባት ክኸውን ይኽእል።",
            fi="Se voi olla esimerkiksi uusi valaistus, kokous tai useampia aikuisia ulkona "
            "iltaisin.",
        ),
        options=_opts(
            _t("Ja", "Yes", ar="نعم", fa="بله", so="Haa", ti="እወ", fi="Kyllä"),
            _t("Nej", "No", ar="لا", fa="نه", so="Maya", ti="ኣይፋል", fi="Ei"),
            _t(
                "Osäker",
                "Not sure",
                ar="لست متأكدًا",
                fa="مطمئن نیستم",
                so="Ma hubo",
                ti="ርግጸኛ ኣይኮንኩን",
                fi="En ole varma",
            ),
        ),
        note=_t(
            "Frågar om den boende har märkt något, inte om det som gjorts var bra.",
            "Asks whether the resident noticed anything, not whether what was done was good.",
            ar="يسأل هل لاحظ الشخص شيئًا، وليس هل كان ما تم عمله جيدًا.",
            fa="می‌پرسد آیا ساکن چیزی دیده است، نه اینکه کاری که انجام شده خوب بوده یا نه.",
            so="Waxay weydiisaa in qofku wax dareemay, ee maaha in waxa la sameeyay ay "
            "wanaagsanaayeen.",
            ti="እቲ ነባሪ ገለ ነገር እንተኣስተብሂሉ ይሓትት፣ እቲ ዝተገብረ ጽቡቕ እንተነይሩ ኣይኮነን።",
            fi="Kysyy, onko asukas huomannut jotain, ei sitä, oliko tehty asia hyvä.",
        ),
    ),
    QuestionTemplate(
        id="changes-safety-evening-repeat",
        purpose="changes_noticed",
        answer_type="scale",
        text=_t(
            "Hur trygg eller otrygg känner du dig när du är ute ensam i ditt område en sen kväll?",
            "How safe or unsafe do you feel when you are out alone in your area late in the "
            "evening?",
            ar="ما مدى شعورك بالأمان أو عدم الأمان عندما تكون وحدك خارج البيت في منطقتك في وقت "
            "متأخر من المساء؟",
            fa="وقتی دیروقت شب تنها در منطقه‌تان بیرون هستید، چقدر احساس امنیت یا ناامنی "
            "می‌کنید؟",
            so="Intee in le'eg ayaad ammaan ama ammaan darro ku dareentaa marka aad keligaa "
            "bannaanka ku joogto xaafaddaada fiidkii dambe?",
            ti="ምሸት ደንጉዩ ኣብ ከባቢኹም በይንኹም ኣብ ደገ ክትኮኑ ከለኹም፣ ክንደይ ውሑስ ወይ ዘይውሑስ "
            "ይስምዓኩም?",
            fi="Kuinka turvalliseksi tai turvattomaksi tunnet olosi, kun olet myöhään illalla "
            "yksin ulkona alueellasi?",
        ),
        help=_SAME_AS_LAST_TIME,
        options=_SAFETY_STEPS,
        note=_REPEAT_NOTE,
    ),
    QuestionTemplate(
        id="changes-avoid-repeat",
        purpose="changes_noticed",
        answer_type="single_choice",
        text=_t(
            "Finns det platser i ditt område som du undviker för att du känner dig otrygg där?",
            "Are there places in your area that you avoid because you feel unsafe there?",
            ar="هل توجد أماكن في منطقتك تتجنبها لأنك لا تشعر بالأمان فيها؟",
            fa="آیا در منطقه‌تان جاهایی هست که به خاطر احساس ناامنی از آن‌ها دوری می‌کنید؟",
            so="Ma jiraan meelo xaafaddaada ku yaal oo aad iska ilaaliso sababtoo ah aad "
            "ammaan darro ku dareento?",
            ti="ኣብ ከባቢኹም ዘይውሑስ ስለ ዝስምዓኩም እትርሕቕዎም ቦታታት ኣለዉ ድዮም?",
            fi="Onko alueellasi paikkoja, joita vältät, koska tunnet olosi siellä turvattomaksi?",
        ),
        help=_SAME_AS_LAST_TIME,
        options=_YES_NO,
        note=_REPEAT_NOTE,
    ),
    # --- anything_else ----------------------------------------------------------------------
    QuestionTemplate(
        id="anything-else-open",
        purpose="anything_else",
        answer_type="long_text",
        text=_t(
            "Finns det något mer du vill berätta om ditt område?",
            "Is there anything else you would like to tell us about your area?",
            ar="هل هناك شيء آخر تود أن تخبرنا به عن منطقتك؟",
            fa="آیا چیز دیگری هست که بخواهید درباره منطقه‌تان به ما بگویید؟",
            so="Ma jiraa wax kale oo aad jeclaan lahayd inaad noogu sheegto xaafaddaada?",
            ti="ብዛዕባ ከባቢኹም ክትነግሩና እትደልይዎ ካልእ ነገር ኣሎ ድዩ?",
            fi="Onko vielä jotain, mitä haluaisit kertoa alueestasi?",
        ),
        help=_NO_HELP,
        options=(),
        note=_t(
            "Fångar det som enkäten inte frågade om, utan att föreslå något ämne.",
            "Catches what the survey did not ask about, without suggesting a topic.",
            ar="يلتقط ما لم يسأل عنه الاستبيان، دون أن يقترح أي موضوع.",
            fa="چیزهایی را که پرسش‌نامه نپرسیده است می‌گیرد، بدون اینکه موضوعی پیشنهاد کند.",
            so="Waxay qabataa waxa sahanku aanu weydiin, iyada oo aan mawduuc la soo jeedin.",
            ti="ነቲ እቲ መጠይቕ ዘይሓተቶ ይሕዝ፣ ዝኾነ ኣርእስቲ ከየቕረበ።",
            fi="Tavoittaa sen, mitä kysely ei kysynyt, ehdottamatta mitään aihetta.",
        ),
    ),
    # --- demographic ------------------------------------------------------------------------
    QuestionTemplate(
        id="demographic-gender",
        purpose="demographic",
        answer_type="gender",
        text=_t(
            "Vilket kön har du?",
            "What is your gender?",
            ar="ما جنسك؟",
            fa="جنسیت شما چیست؟",
            so="Jinsigaagu waa maxay?",
            ti="ጾታኹም እንታይ እዩ?",
            fi="Mikä on sukupuolesi?",
        ),
        help=_t(
            "Vi frågar för att se om kvinnor och män upplever området olika. Du kan låta bli "
            "att svara.",
            "We ask to see whether women and men experience the area differently. You do not "
            "have to answer.",
            ar="نسأل لنعرف هل تختلف تجربة النساء والرجال في المنطقة. لست مضطرًا إلى الإجابة.",
            fa="این را می‌پرسیم تا ببینیم آیا زنان و مردان منطقه را متفاوت تجربه می‌کنند. لازم "
            "نیست پاسخ دهید.",
            so="Waxaan u weydiinaynaa si aan u ogaanno in haweenka iyo raggu si kala duwan u "
            "arkaan xaafadda. Kuma khasbana inaad ka jawaabto.",
            ti="ደቂ ኣንስትዮን ደቂ ተባዕትዮን ነቲ ከባቢ ብዝተፈላለየ መገዲ ይርእይዎ እንተኾይኖም ንምፍላጥ "
            "ኢና እንሓትት። ክትምልሱ ግዱድ ኣይኮንኩምን።",
            fi="Kysymme tätä nähdäksemme, kokevatko naiset ja miehet alueen eri tavoin. Sinun "
            "ei ole pakko vastata.",
        ),
        options=(),
        note=_t(
            "Neutral fråga; svaren har fler kön än två och ”Vill inte svara”.",
            "Neutral question; the answers include more than two genders and “Prefer not to say”.",
            ar="سؤال محايد؛ تشمل الإجابات أكثر من جنسين و«أفضّل عدم الإجابة».",
            fa="پرسش بی‌طرف؛ پاسخ‌ها بیش از دو جنسیت و «ترجیح می‌دهم نگویم» را در بر می‌گیرند.",
            so="Su'aal dhexdhexaad ah; jawaabaha waxaa ku jira in ka badan laba jinsi iyo "
            "“Waan doorbidayaa inaanan sheegin”.",
            ti="ሚዛናዊ ሕቶ፤ እቶም መልስታት ካብ ክልተ ዝበዝሑ ጾታታትን «ክገልጽ ኣይደልን»ን ሓዊሶም።",
            fi="Neutraali kysymys; vastauksissa on enemmän kuin kaksi sukupuolta ja ”En halua "
            "kertoa”.",
        ),
    ),
    QuestionTemplate(
        id="demographic-age",
        purpose="demographic",
        answer_type="age_band",
        text=_t(
            "Hur gammal är du?",
            "How old are you?",
            ar="كم عمرك؟",
            fa="چند سال دارید؟",
            so="Immisa jir baad tahay?",
            ti="ዕድሜኹም ክንደይ እዩ?",
            fi="Kuinka vanha olet?",
        ),
        help=_NO_HELP,
        options=(),
        note=_t(
            "Saklig fråga med åldersgrupper, inte exakt ålder.",
            "Factual question with age groups, not exact age.",
            ar="سؤال واقعي بفئات عمرية، وليس بالعمر الدقيق.",
            fa="پرسش عینی با گروه‌های سنی، نه سن دقیق.",
            so="Su'aal xaqiiq ah oo leh kooxo da'eed, ee maaha da'da saxda ah.",
            ti="ብጉጅለታት ዕድመ ዝሓትት ሓቂ-ተኮር ሕቶ፣ ልክዕ ዕድመ ኣይኮነን።",
            fi="Asiallinen kysymys ikäryhmistä, ei tarkasta iästä.",
        ),
    ),
    QuestionTemplate(
        id="demographic-area",
        purpose="demographic",
        answer_type="area",
        text=_t(
            "I vilket område bor du?",
            "Which area do you live in?",
            ar="في أي منطقة تسكن؟",
            fa="در کدام منطقه زندگی می‌کنید؟",
            so="Aaggee ayaad deggan tahay?",
            ti="ኣብ ኣየናይ ከባቢ ኢኹም እትነብሩ?",
            fi="Millä alueella asut?",
        ),
        help=_NO_HELP,
        options=(),
        note=_t(
            "Saklig fråga om plats.",
            "Factual question about place.",
            ar="سؤال واقعي عن المكان.",
            fa="پرسش عینی درباره مکان.",
            so="Su'aal xaqiiq ah oo ku saabsan meel.",
            ti="ብዛዕባ ቦታ ዝሓትት ሓቂ-ተኮር ሕቶ።",
            fi="Asiallinen kysymys paikasta.",
        ),
    ),
    QuestionTemplate(
        id="demographic-connection",
        purpose="demographic",
        answer_type="multiple_choice",
        text=_t(
            "Vad har du för koppling till området?",
            "What is your connection to the area?",
            ar="ما علاقتك بالمنطقة؟",
            fa="چه ارتباطی با این منطقه دارید؟",
            so="Xiriirkee ayaad la leedahay aagga?",
            ti="ምስቲ ከባቢ እንታይ ርክብ ኣለኩም?",
            fi="Mikä on yhteytesi alueeseen?",
        ),
        help=_CHOOSE_SOME,
        options=_opts(
            _t("Jag bor här", "I live here", ar="أسكن هنا", fa="اینجا زندگی می‌کنم",
               so="Halkan ayaan deggan ahay", ti="ኣብዚ እነብር", fi="Asun täällä"),
            _t("Jag arbetar här", "I work here", ar="أعمل هنا", fa="اینجا کار می‌کنم",
               so="Halkan ayaan ka shaqeeyaa", ti="ኣብዚ እሰርሕ", fi="Työskentelen täällä"),
            _t("Jag går i skolan här", "I go to school here", ar="أدرس هنا",
               fa="اینجا به مدرسه می‌روم", so="Halkan ayaan dugsi ku dhigtaa",
               ti="ኣብዚ ቤት ትምህርቲ እኸይድ", fi="Käyn koulua täällä"),
            _t(
                "Jag är här ofta på fritiden",
                "I often spend free time here",
                ar="أقضي وقت فراغي هنا كثيرًا",
                fa="زیاد پیش می‌آید که وقت آزادم را اینجا بگذرانم",
                so="Marar badan waqtiga firaaqada halkan ayaan ku qaataa",
                ti="ብዙሕ ግዜ ግዜ ዕረፍተይ ኣብዚ የሕልፎ",
                fi="Vietän usein vapaa-aikaa täällä",
            ),
            _t("Annat", "Other", ar="غير ذلك", fa="دیگر", so="Wax kale", ti="ካልእ",
               fi="Muu"),
        ),
        note=_t(
            "Saklig fråga; alla kopplingar till området räknas lika.",
            "Factual question; every connection to the area counts the same.",
            ar="سؤال واقعي؛ كل علاقة بالمنطقة لها القيمة نفسها.",
            fa="پرسش عینی؛ هر نوع ارتباط با منطقه به یک اندازه حساب می‌شود.",
            so="Su'aal xaqiiq ah; xiriir kasta oo aagga la leh si isku mid ah ayaa loo "
            "tiriyaa.",
            ti="ሓቂ-ተኮር ሕቶ፤ ነፍሲ ወከፍ ርክብ ምስቲ ከባቢ ማዕረ ይቑጸር።",
            fi="Asiallinen kysymys; jokainen yhteys alueeseen lasketaan samanarvoiseksi.",
        ),
    ),
)

_BY_ID: dict[str, QuestionTemplate] = {t.id: t for t in TEMPLATES}


def get_template(template_id: str) -> QuestionTemplate:
    """The template with this id; KeyError if there is none."""
    return _BY_ID[template_id]


def templates_for(purpose: str | None = None) -> list[QuestionTemplate]:
    """Templates for one purpose (all when None), in library order; unknown purpose: KeyError."""
    if purpose is None:
        return list(TEMPLATES)
    if purpose not in PURPOSES:
        raise KeyError(purpose)
    return [t for t in TEMPLATES if t.purpose == purpose]


def _validate() -> None:
    """Fail at import if the library is malformed, so a bad edit never reaches residents."""
    if FALLBACK_LANGUAGE not in REQUIRED_LANGUAGES:
        raise ValueError("the fallback language must be a required one")
    if len(_BY_ID) != len(TEMPLATES):
        raise ValueError("duplicate template id")
    for t in TEMPLATES:
        if t.purpose not in PURPOSES or t.answer_type not in ANSWER_TYPES:
            raise ValueError(f"{t.id}: unknown purpose or answer type")
        texts = [t.text, t.note, *t.options] + ([t.help] if t.help else [])
        if any(not all(m.get(lang) for lang in REQUIRED_LANGUAGES) for m in texts):
            raise ValueError(f"{t.id}: missing sv or en text")
        if (t.answer_type in CHOICE_TYPES) != bool(t.options):
            raise ValueError(f"{t.id}: options do not fit answer type {t.answer_type}")


_validate()
