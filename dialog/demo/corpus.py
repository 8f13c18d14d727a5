"""Synthetic respondents for the demo dialogue "Trygghet i Ekeby centrum".

Everything in this module is made up for demonstration. Ekeby is a fictional town; no
answer comes from a real person. The few answers that contain something that looks like
personal data (about 2 %, there to exercise masking) use obviously fake values: phone
numbers from the range 070-174 06 05 to 070-174 06 99 that PTS reserves for fiction,
e-mail addresses at example.com / example.org, a made-up street number in Ekeby and a
made-up number plate.

The answers are built from phrase banks with one seeded `random.Random`, so a seed always
gives the same respondents. Each respondent first gets one to three underlying concern
themes, drawn with weights that depend on gender, age band and the area they think of most;
the free text, the ticked problems, the safety rating and the time of day all follow from
those themes, so the text analysis finds real structure:

- mopeds      mopeds and EPA tractors, buskörning on the square and walkways in the evening
- darkness    the dark pedestrian tunnel under the railway, poor street lighting, the park path
- drugs       drug dealing (langning) on the square and behind the station
- youth       groups of young people hanging around, loud, fights, disorder
- harassment  comments, catcalling, following and groping aimed at women and girls
- drunk       drunk people at the bus station and outside Systembolaget
- litter      littering, broken glass, graffiti and vandalism
- traffic     speeding cars and a dangerous crossing by the school
- bikes       bike theft at the station
- burglary    burglaries and break-ins into storage rooms in Norra
- safe        "nothing special, I feel safe"

Women raise darkness and harassment clearly more often than men and rate themselves less
safe; older people raise drunk people, mopeds and litter more, and young people ask for
police less; the area a person picks shifts the themes (stationen: tunnel, drunk people and
bikes; torget: drugs and mopeds; skolan: traffic; norra: burglary; parken: darkness).
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

__all__ = ["AREAS", "THEMES", "DemoRespondent", "synthetic_respondents"]

AREAS: dict[str, dict[str, str]] = {
    "torget": {
        "sv": "Torget och gågatan",
        "en": "The square and the pedestrian street",
        "ar": "الساحة وشارع المشاة",
        "fa": "میدان و خیابان پیاده‌رو",
        "so": "Fagaaraha iyo waddada lugta",
        "ti": "ኣደባባይን ናይ እግረኛታት ጽርግያን",
        "fi": "Tori ja kävelykatu",
    },
    "stationen": {
        "sv": "Stationen och busstationen",
        "en": "The railway and bus station",
        "ar": "محطة القطار والحافلات",
        "fa": "ایستگاه قطار و ایستگاه اتوبوس",
        "so": "Saldhigga tareenka iyo basaska",
        "ti": "መደበር ባቡርን ኣውቶቡስን",
        "fi": "Rautatieasema ja linja-autoasema",
    },
    "parken": {
        "sv": "Stadsparken",
        "en": "The town park",
        "ar": "حديقة المدينة",
        "fa": "پارک شهر",
        "so": "Beerta nasashada ee magaalada",
        "ti": "መናፈሻ ከተማ",
        "fi": "Kaupunginpuisto",
    },
    "skolan": {
        "sv": "Runt Ekebyskolan",
        "en": "Around Ekeby school",
        "ar": "محيط مدرسة إيكبي",
        "fa": "اطراف مدرسه Ekeby",
        "so": "Agagaarka dugsiga Ekeby",
        "ti": "ኣብ ከባቢ ቤት ትምህርቲ Ekeby",
        "fi": "Ekebyn koulun ympäristö",
    },
    "norra": {
        "sv": "Norra (bostadsområdet)",
        "en": "Norra (the housing area)",
        "ar": "نورا (الحي السكني الشمالي)",
        "fa": "Norra (محله مسکونی)",
        "so": "Norra (xaafadda guryaha)",
        "ti": "Norra (ናይ መንበሪ ከባቢ)",
        "fi": "Norra (asuinalue)",
    },
}

LANGUAGES = ("sv", "en", "ar")
GENDERS = ("woman", "man", "other", "prefer_not")
AGE_BANDS = ("u16", "16-24", "25-44", "45-64", "65+")
SAFETY_LEVELS = ("very_safe", "fairly_safe", "fairly_unsafe", "very_unsafe", "dont_know")
PROBLEM_KEYS = (
    "littering", "vandalism", "disorder", "drugs", "mopeds", "lighting", "drunk",
    "harassment", "none",
)
TIMES_OF_DAY = ("morning", "daytime", "evening", "night", "no_particular")
CHANNELS = ("web", "paper", "meeting")
THEMES = (
    "mopeds", "darkness", "drugs", "youth", "harassment", "drunk", "litter", "traffic",
    "bikes", "burglary", "safe",
)


@dataclass(frozen=True)
class DemoRespondent:
    language: str  # "sv" | "en" | "ar": the language the person answered in
    gender: str  # "woman" | "man" | "other" | "prefer_not"
    age_band: str | None  # "u16" | "16-24" | "25-44" | "45-64" | "65+" | None (skipped)
    area: str | None  # a key of AREAS, or None (skipped)
    safety: str | None  # a key of SAFETY_LEVELS, or None (skipped)
    problems: tuple[str, ...]  # keys of PROBLEM_KEYS in that order; "none" only alone
    concern: str  # what makes you feel unsafe / what problems you see; "" when skipped
    works_well: str  # what works well in the centre today; "" when skipped
    time_of_day: str | None  # a key of TIMES_OF_DAY, or None (skipped)
    channel: str  # "web" | "paper" | "meeting"
    days_ago: int  # submitted this many days ago, 1..40


# --------------------------------------------------------------------------------------------
# Who answers, and which themes they raise

_LANGUAGE_WEIGHTS = {"sv": 85, "en": 9, "ar": 6}
_GENDER_WEIGHTS = {"woman": 50, "man": 42, "other": 3, "prefer_not": 5}
_AGE_WEIGHTS: dict[str, dict[str | None, float]] = {
    "sv": {"u16": 4, "16-24": 13, "25-44": 31, "45-64": 28, "65+": 21, None: 3},
    "en": {"u16": 2, "16-24": 22, "25-44": 50, "45-64": 20, "65+": 3, None: 3},
    "ar": {"u16": 4, "16-24": 20, "25-44": 46, "45-64": 24, "65+": 3, None: 3},
}
_AREA_WEIGHTS: dict[str | None, float] = {
    "torget": 28, "stationen": 25, "parken": 15, "skolan": 11, "norra": 13, None: 8,
}
_THEME_BASE = {
    "mopeds": 14, "darkness": 12, "drugs": 9, "youth": 10, "harassment": 5, "drunk": 9,
    "litter": 9, "traffic": 6, "bikes": 5, "burglary": 4, "safe": 10,
}
_GENDER_FACTOR: dict[str, dict[str, float]] = {
    "woman": {"darkness": 1.8, "harassment": 3.0, "youth": 1.15, "safe": 0.5, "bikes": 0.8},
    "man": {
        "darkness": 0.55, "harassment": 0.2, "safe": 1.9, "bikes": 1.3, "mopeds": 1.15,
        "burglary": 1.2, "traffic": 1.1,
    },
    "other": {"darkness": 1.5, "harassment": 2.5, "safe": 0.6},
    "prefer_not": {"safe": 0.9, "drugs": 1.2, "harassment": 1.2},
}
_AGE_FACTOR: dict[str | None, dict[str, float]] = {
    "u16": {
        "harassment": 1.6, "youth": 0.4, "drunk": 0.6, "burglary": 0.2, "bikes": 1.6,
        "traffic": 0.8, "litter": 0.8,
    },
    "16-24": {"harassment": 1.8, "drugs": 1.3, "bikes": 1.4, "burglary": 0.3, "youth": 0.6},
    "25-44": {"traffic": 1.7, "darkness": 1.1, "drugs": 1.1},
    "45-64": {"drunk": 1.3, "mopeds": 1.3, "litter": 1.2, "burglary": 1.4},
    "65+": {
        "drunk": 1.7, "mopeds": 1.6, "litter": 1.5, "youth": 1.5, "harassment": 0.3,
        "bikes": 0.4, "burglary": 1.5, "traffic": 0.8,
    },
}
_AREA_FACTOR: dict[str | None, dict[str, float]] = {
    "torget": {
        "drugs": 1.8, "mopeds": 2.0, "youth": 1.5, "litter": 1.3, "traffic": 0.5,
        "burglary": 0.3, "bikes": 0.6, "darkness": 0.7,
    },
    "stationen": {
        "darkness": 1.9, "drunk": 2.2, "bikes": 2.6, "drugs": 1.3, "traffic": 0.4,
        "burglary": 0.3,
    },
    "parken": {
        "darkness": 2.4, "drugs": 1.2, "litter": 1.3, "harassment": 1.3, "traffic": 0.3,
        "burglary": 0.3, "bikes": 0.5,
    },
    "skolan": {"traffic": 5.0, "mopeds": 1.2, "litter": 1.1, "drunk": 0.3, "burglary": 0.3},
    "norra": {"burglary": 6.0, "darkness": 1.1, "mopeds": 1.1, "drunk": 0.4, "traffic": 0.8},
}

# How much a theme moves the safety rating towards "very unsafe".
_THEME_UNSAFETY = {
    "mopeds": 0.35, "darkness": 0.85, "drugs": 0.6, "youth": 0.6, "harassment": 1.1,
    "drunk": 0.4, "litter": 0.1, "traffic": 0.2, "bikes": 0.1, "burglary": 0.5, "safe": -1.6,
}
_GENDER_UNSAFETY = {"woman": 0.0, "man": -0.35, "other": 0.0, "prefer_not": -0.1}
_AGE_UNSAFETY: dict[str | None, float] = {
    "u16": 0.1, "16-24": 0.0, "25-44": 0.0, "45-64": 0.05, "65+": 0.25, None: 0.1,
}

# The boxes someone writing about a theme is likely to tick: (problem, probability).
_THEME_TICKS: dict[str, tuple[tuple[str, float], ...]] = {
    "mopeds": (("mopeds", 0.9), ("disorder", 0.15)),
    "darkness": (("lighting", 0.9),),
    "drugs": (("drugs", 0.88), ("disorder", 0.1)),
    "youth": (("disorder", 0.75), ("harassment", 0.2), ("littering", 0.15)),
    "harassment": (("harassment", 0.9), ("disorder", 0.2)),
    "drunk": (("drunk", 0.88), ("disorder", 0.35), ("littering", 0.15)),
    "litter": (("littering", 0.8), ("vandalism", 0.6)),
    "traffic": (("mopeds", 0.12),),
    "bikes": (("vandalism", 0.25),),
    "burglary": (("vandalism", 0.1),),
    "safe": (),
}

# When the problem a theme describes happens: (time of day, weight).
_THEME_TIMES: dict[str, tuple[tuple[str, float], ...]] = {
    "mopeds": (("evening", 75), ("night", 10), ("daytime", 10), ("no_particular", 5)),
    "darkness": (("evening", 55), ("night", 33), ("morning", 6), ("no_particular", 6)),
    "drugs": (("evening", 50), ("daytime", 20), ("night", 20), ("no_particular", 10)),
    "youth": (("evening", 70), ("daytime", 12), ("night", 13), ("no_particular", 5)),
    "harassment": (("evening", 55), ("night", 25), ("daytime", 15), ("no_particular", 5)),
    "drunk": (
        ("daytime", 45), ("evening", 30), ("night", 15), ("morning", 5), ("no_particular", 5),
    ),
    "litter": (("no_particular", 40), ("morning", 25), ("daytime", 20), ("evening", 15)),
    "traffic": (("morning", 70), ("daytime", 20), ("no_particular", 10)),
    "bikes": (("no_particular", 40), ("daytime", 30), ("night", 20), ("evening", 10)),
    "burglary": (("night", 60), ("no_particular", 25), ("evening", 15)),
    "safe": (("no_particular", 65), ("evening", 15), ("daytime", 10), ("night", 10)),
}

_FEARFUL_THEMES = frozenset({"darkness", "drugs", "youth", "harassment", "burglary"})


# --------------------------------------------------------------------------------------------
# Phrase banks. A template may contain {slot} or {slot|lc} / {slot|cap}; slots are filled
# from the theme's own slots, the language's common slots and "plats" (a place phrase that
# usually matches the respondent's area).


@dataclass(frozen=True)
class _Bank:
    short: Sequence[str]  # noun phrases, for short answers and "Sen är det också ..."
    long: Sequence[str]  # sentences anyone could write
    places: Mapping[str | None, Sequence[str]] = field(default_factory=dict)
    slots: Mapping[str, Sequence[str]] = field(default_factory=dict)
    woman: Sequence[str] = ()  # first-person sentences only a woman or girl would write
    not_man: Sequence[str] = ()  # first-person experiences as a target, not written by men
    man: Sequence[str] = ()
    young: Sequence[str] = ()  # under 25
    adult: Sequence[str] = ()  # 25 and older (parents, long-time residents)
    old: Sequence[str] = ()  # 65 and older
    wishes: Sequence[str] = ()


@dataclass(frozen=True)
class _Language:
    banks: Mapping[str, _Bank]
    places: Mapping[str | None, Sequence[str]]  # default place phrases by area
    common: Mapping[str, Sequence[str]]
    openings: Mapping[str, Sequence[str]]  # "any", an age band, "woman", "young_woman"
    fear: Sequence[str]
    annoy: Sequence[str]
    wishes: Sequence[str]
    police_wishes: Sequence[str]
    young_wishes: Sequence[str]
    connectors: Sequence[str]  # with {x}: a second theme's noun phrase
    short_joiners: Sequence[str]
    safe_long: Sequence[str]
    safe_short: Sequence[str]
    personal: Sequence[str]
    works_np: Sequence[str]
    works_np_templates: Sequence[str]  # with {np}
    works_full: Sequence[str]
    works_misc: Sequence[str]
    self_label: Mapping[str, str]  # "young" / "adult": how a woman refers to herself


_SV_PLACES: dict[str | None, Sequence[str]] = {
    "torget": ["på torget", "runt torget", "på gågatan", "utanför ICA", "vid Pressbyrån"],
    "stationen": ["vid stationen", "vid busstationen", "vid resecentrum", "bakom stationen"],
    "parken": ["i parken", "i stadsparken", "vid lekplatsen i parken"],
    "skolan": ["vid skolan", "runt Ekebyskolan", "vid fritidsgården"],
    "norra": ["i Norra", "här i Norra", "vid centrumhuset i Norra"],
    None: ["i centrum", "på stan", "överallt i centrum", "på Storgatan"],
}

_SV_BANKS: dict[str, _Bank] = {
    "mopeds": _Bank(
        short=[
            "mopeder", "mopeder {plats}", "buskörning", "mopedbuskörning", "epa traktorer",
            "buskörning med moppe {kvall}", "moppeungar {plats}", "mopedåkare {plats}",
            "EPA-traktorer och mopeder", "buskörningen {plats}", "mopedbuset {kvall}",
        ],
        long=[
            "{m_subj} som {m_verb} {plats} {kvall}.",
            "{m_subj} {m_verb} {plats} {kvall}. {m_conseq}",
            "Buskörningen med mopeder {plats} {kvall}. {m_conseq}",
            "Mopedbuskörning {plats}, {m_conseq|lc}",
            "Det är fullt av mopeder och EPA-traktorer {plats} {kvall} som kör alldeles för "
            "fort.",
            "Trött på mopedbuset {plats}. {m_conseq}",
            "Varför gör ingen något åt mopederna {plats}? {m_conseq}",
            "{kvall|cap} är det fullt av mopeder {plats}.",
            "Buskörning med moped och epa {plats}, {m_conseq|lc}",
            "Mopeder som kör på gångbanorna {kvall}, {m_conseq|lc}",
            "Mopeder och EPA-traktorer som {m_verb} {plats}. Det är värst {m_peak}.",
            "Mopedbus {kvall} {plats}. {m_conseq}",
        ],
        places={
            "torget": ["på torget", "över torget", "runt torget", "på gågatan", "på Stortorget"],
            "stationen": ["runt busstationen", "vid resecentrum", "på pendlarparkeringen"],
            "parken": ["i parken", "genom parken", "på gång- och cykelvägen i parken"],
            "skolan": ["på skolgården", "runt Ekebyskolan", "på cykelbanan vid skolan"],
            "norra": ["i Norra", "på cykelvägen mot Norra", "mellan husen i Norra"],
            None: ["i centrum", "på Storgatan", "överallt i centrum", "på trottoarerna"],
        },
        slots={
            "m_subj": [
                "Mopeder", "Mopederna", "Killar på mopeder", "Ungdomar på moppe",
                "Mopedkillarna", "Gänget med mopeder", "EPA-traktorerna", "Epatraktorer",
                "A-traktorer och mopeder", "Ungar på trimmade mopeder",
                "Folk på mopeder och elsparkcyklar",
            ],
            "m_verb": [
                "kör som galningar", "buskör", "kör i full fart", "kör fram och tillbaka",
                "sladdar och tutar", "kör i cirklar", "gasar och kör på bakhjulet",
                "drar förbi i typ 60", "kör rakt igenom folk", "kör runt runt med hög musik",
            ],
            "m_conseq": [
                "Jag har nästan blivit påkörd {ett_par} gånger.",
                "Det är ren tur att ingen har blivit påkörd än.",
                "Man hör dem ända in i lägenheten.", "Det låter som en racerbana.",
                "Man vågar knappt gå över med barnvagnen.",
                "De bryr sig inte om att det går folk där.", "Ljudet är fruktansvärt.",
                "Hunden blir livrädd.", "Det luktar avgaser på hela gågatan.",
                "Äldre blir rädda och det förstår jag.",
                "Det är bara en tidsfråga innan någon blir skadad.",
            ],
            "ett_par": ["två", "tre", "ett par", "flera"],
            "m_peak": ["på helgerna", "på fredagarna", "sent på kvällarna", "på sommaren",
                       "när det är varmt ute", "när skolan har slutat för dagen"],
        },
        old=[
            "Som äldre är man rädd att bli påkörd av mopederna {plats}.",
            "Jag går med rollator och mopederna {plats} kör så nära att jag blir rädd.",
        ],
        wishes=[
            "Sätt upp bommar så de inte kan köra in på torget.",
            "Varför kollar ingen om mopederna är trimmade?",
            "Ta mopederna ifrån dem.",
        ],
    ),
    "darkness": _Bank(
        short=[
            "mörkt", "mörkt i tunneln", "dålig belysning", "dålig gatubelysning",
            "gatu belysningen", "för mörkt {plats}", "mörker", "tunneln", "belysningen {plats}",
            "mörkret {plats}", "trasiga lampor {plats}", "den mörka gångtunneln",
        ],
        long=[
            "Det är {morkt} {plats} {morker_tid}.",
            "{plats|cap} är det {morkt}, {lampor}.",
            "Dålig belysning {plats}. {fear}",
            "Belysningen {plats} är för dålig, {fear|lc}",
            "{tunnel} är {mork} och {tunnel_extra}.",
            "Det är {morkt} {plats} och man ser inte vem som kommer emot en.",
            "När det är mörkt tar jag hellre en lång omväg än att gå {plats}.",
            "Mörkret {plats} {morker_tid}, {fear|lc}",
            "Det behövs mer ljus {plats}. {fear}",
            "{tunnel} {morker_tid}. {fear}",
            "Trasiga lampor {plats} som ingen lagar.",
            "Den dåliga gatubelysningen {plats}, {fear|lc}",
            "Det är mörkt som i en säck {plats} {morker_tid}.",
        ],
        places={
            "stationen": [
                "i gångtunneln", "i gång tunneln", "i tunneln under järnvägen",
                "i tunneln vid stationen", "på vägen från perrongen", "på baksidan av stationen",
                "vid cykelparkeringen bakom stationen",
            ],
            "parken": [
                "i parken", "på gångvägen genom parken", "på parkstigen", "längs ån i parken",
                "i stadsparken", "på stigen bakom lekplatsen",
            ],
            "torget": [
                "på bakgatorna runt torget", "i gränden bakom torget",
                "på parkeringen bakom ICA",
            ],
            "norra": [
                "på cykelvägen till Norra", "på gångvägen hem till Norra",
                "mellan garagen i Norra",
            ],
            "skolan": ["bakom skolan", "på vägen förbi skolan", "vid idrottsplatsen bakom skolan"],
            None: ["på många ställen i centrum", "på gångvägarna", "på vägen hem", "i tunneln",
                   "i parken"],
        },
        slots={
            "morkt": ["becksvart", "kolsvart", "jättemörkt", "så mörkt", "alldeles för mörkt",
                      "mörkt"],
            "mork": ["becksvart", "kolsvart", "jättemörk", "så mörk", "alldeles för mörk",
                     "mörk"],
            "lampor": [
                "hälften av lamporna är trasiga", "lamporna har varit trasiga i flera månader",
                "det finns typ ingen belysning alls", "belysningen är jättedålig",
                "gatubelysningen räcker inte", "en lampa blinkar bara",
                "det lyser bara i ena änden", "gatu belysningen är sönder",
            ],
            "tunnel": [
                "Gångtunneln", "Gång tunneln", "Tunneln under järnvägen",
                "Tunneln vid stationen", "Gångtunneln vid stationen", "Tunneln till perrongerna",
            ],
            "tunnel_extra": [
                "luktar kiss", "man ser inte vem som står i andra änden", "är full av klotter",
                "lamporna är sönder igen", "det står ofta folk där inne",
                "man hör bara ekot av sina egna steg",
            ],
            "morker_tid": [
                "på kvällarna", "efter mörkrets inbrott", "när det har blivit mörkt",
                "på vintern när det är mörkt redan vid fyra", "så fort det blir mörkt",
                "på vinterhalvåret", "tidiga mornar på vintern", "efter jobbet på vintern",
            ],
        },
        woman=[
            "Som {jag_som} känns det inte okej att gå {plats} själv {morker_tid}.",
            "Jag går aldrig {plats} ensam när det är mörkt, då går jag hellre den långa vägen.",
            "Som {jag_som} vill man kunna gå hem {morker_tid} utan att vara rädd, men det är "
            "{morkt} {plats}.",
        ],
        not_man=[
            "Jag ber alltid någon hämta mig vid stationen när det är mörkt, jag vågar inte gå "
            "genom tunneln.",
            "Jag har nycklarna mellan fingrarna när jag går {plats} {morker_tid}.",
        ],
        old=["Jag går inte ut efter att det blivit mörkt längre, belysningen {plats} är för "
             "dålig och jag är rädd att ramla."],
        wishes=[
            "Sätt upp fler lampor.", "Bättre belysning tack!", "Byt lamporna i tunneln.",
            "Det borde vara lika ljust som på Storgatan efter att de bytte där.",
        ],
    ),
    "drugs": _Bank(
        short=[
            "langning", "knark", "langning {plats}", "narkotika försäljning", "droger",
            "knarkförsäljning {plats}", "langarna {plats}", "drogförsäljning",
            "knarkhandel {plats}",
        ],
        long=[
            "Det langas {plats} {d_tid}, alla vet om det.",
            "Langning {plats}. {d_obs}",
            "Det säljs knark öppet {plats}. {d_obs}",
            "Narkotikaförsäljning {plats} {d_tid}.",
            "Knarkförsäljningen {plats} har blivit värre {senaste}. {d_obs}",
            "Man ser {d_who} som står och langar {plats}. {d_obs}",
            "Unga killar langar {plats} och ingen gör något.",
            "Droghandel {plats}, {d_obs|lc}",
            "Langarna {plats} står där {d_tid} och {d_act}.",
        ],
        places={
            "torget": ["på torget", "vid bänkarna på torget", "bakom kiosken på torget",
                       "vid fontänen", "utanför pizzerian vid torget"],
            "stationen": ["bakom stationen", "i tunneln", "vid cykelparkeringen bakom stationen",
                          "bakom busskuren"],
            "parken": ["i parken", "vid lekplatsen i parken", "vid bänkarna i parken"],
            "skolan": ["bakom skolan", "vid fritidsgården", "i skogsdungen vid skolan"],
            "norra": ["i Norra", "vid tvättstugan i Norra", "vid garagen i Norra"],
            None: ["i centrum", "mitt i centrum", "öppet på stan", "bakom stationen",
                   "på torget"],
        },
        slots={
            "d_obs": [
                "Bilar stannar och kör iväg efter en minut.", "Det luktar gräs hela tiden.",
                "Samma personer står där varje dag.", "Man ser affärerna ske helt öppet.",
                "Det ligger påsar och sprutor på marken ibland.",
                "De frågar till och med ungdomar om de vill köpa.",
                "Polisen har säkert koll men inget händer.",
            ],
            "d_who": ["samma killar", "unga killar", "ett gäng", "folk", "ungdomar"],
            "d_tid": ["på kvällarna", "mitt på dagen", "hela dagarna", "efter skolan",
                      "på helgerna", "varje kväll"],
            "d_act": ["frågar folk om de vill köpa", "håller koll på alla som går förbi",
                      "tjänar pengar på våra barn"],
        },
        young=[
            "Folk i min ålder blir erbjudna grejer {plats}, det är sjukt.",
            "Alla vet var man kan köpa, typ {plats}.",
        ],
        adult=[
            "Att det säljs droger {plats} gör mig orolig för mina barn.",
            "Vi föräldrar vet att det langas {plats} men vad ska vi göra?",
        ],
        wishes=["Polisen måste ta tag i langningen.", "Sätt upp kameror där de står."],
    ),
    "youth": _Bank(
        short=[
            "gäng", "ungdomsgäng", "stökigt {kvall}", "gäng {plats}", "stökiga ungdomar {plats}",
            "ungdomar som bråkar", "gängen {plats}", "stök och bråk {kvall}",
        ],
        long=[
            "{y_group} som hänger {plats} {kvall} och {y_act}.",
            "{y_group} samlas {plats} {kvall}. {y_conseq}",
            "Det är stökigt {plats} {kvall} med {y_group|lc} som {y_act}.",
            "Stora grupper som står {plats} och {y_act}, {y_conseq|lc}",
            "Man måste gå förbi gänget {plats} och det känns olustigt.",
            "Ungdomarna {plats} är kanske inte farliga egentligen, men {y_conseq|lc}",
            "Stökigt {plats} {kvall}. {y_conseq}",
            "Bråk och stök {plats}, {y_group|lc} som {y_act}.",
        ],
        places={
            "torget": ["på torget", "utanför ICA", "vid kiosken", "utanför Pressbyrån",
                       "vid bänkarna på torget"],
            "stationen": ["vid busstationen", "i väntsalen på stationen", "vid resecentrum"],
            "parken": ["i parken", "vid lekplatsen", "vid skateparken"],
            "skolan": ["vid skolan", "utanför fritidsgården", "på skolgården"],
            "norra": ["i Norra", "vid pizzerian i Norra", "vid centrumhuset i Norra"],
            None: ["i centrum", "på stan", "på gågatan"],
        },
        slots={
            "y_group": [
                "Gäng med ungdomar", "Stora gäng med unga killar", "Grupper av ungdomar",
                "Ungdomsgäng", "Killar i 15-18-årsåldern", "Ungdomar", "Tonåringar",
                "Unga killar",
            ],
            "y_act": [
                "skriker och bråkar", "spelar hög musik", "kastar saker på folk",
                "slänger glåpord efter folk", "bråkar med varandra", "puttar på folk",
                "spottar och svär", "tänder smällare", "blockerar ingången",
            ],
            "y_conseq": [
                "Man känner sig inte välkommen.", "Det blir bråk ibland.",
                "Jag går hellre en annan väg.",
                "Personalen i butikerna verkar också trötta på det.",
                "Man vet aldrig vad som händer.", "Det har varit slagsmål flera gånger.",
                "Vissa är inte ens tonåringar än.", "Man vågar inte säga till dem.",
            ],
        },
        young=[
            "Vi unga har ingenstans att vara på kvällarna, därför hänger alla {plats}.",
            "Det är inte alla ungdomar som bråkar men några förstör för alla.",
            "Fritidsgården stänger för tidigt så alla hamnar {plats}.",
        ],
        adult=["Som förälder vill jag inte att mina barn hänger {plats} {kvall}."],
        old=["Som äldre vågar man inte gå förbi gängen {plats}, de har ingen respekt."],
        wishes=["Fler vuxna ute på kvällarna!", "Mer att göra för ungdomarna."],
    ),
    "harassment": _Bank(
        short=[
            "trakasserier", "kommentarer mot tjejer", "tafsande", "sexuella trakasserier",
            "killar som kommenterar tjejer {plats}", "trakasserier mot kvinnor {plats}",
            "glåpord och kommentarer",
        ],
        long=[
            "Tjejer blir trakasserade {plats}, det har jag sett själv.",
            "Kvinnor som går förbi {plats} får höra saker, det är inte okej.",
            "Sexuella trakasserier mot tjejer {plats} {kvall}.",
            "Killar som {h_act} {plats}. {h_other}",
            "Gäng som ropar efter tjejer {plats} {kvall}.",
        ],
        places={
            "torget": ["på torget", "utanför Pressbyrån", "vid kiosken", "på gågatan"],
            "stationen": ["vid busstationen", "vid stationen", "i tunneln", "på perrongen"],
            "parken": ["i parken", "vid skateparken", "på gångvägen genom parken"],
            "skolan": ["vid skolan", "utanför fritidsgården"],
            "norra": ["vid pizzerian i Norra", "på vägen hem till Norra"],
            None: ["på stan", "i centrum", "på gågatan"],
        },
        slots={
            "h_act": [
                "kommenterar hur man ser ut", "visslar och ropar efter tjejer",
                "följer efter en en bit", "tafsar", "skriker saker efter en",
                "kommer fram och vill ha ens nummer fast man säger nej",
                "glor och säger äckliga saker",
            ],
            "h_passive": [
                "utsatt för kommentarer", "förföljd en bit", "tafsad på",
                "kallad äckliga saker", "visslad efter", "fotad utan att jag ville",
            ],
            "h_self": [
                "Jag har slutat gå där själv.",
                "Jag går alltid med hörlurar och låtsas prata i telefon.",
                "Det är obehagligt och ingen säger ifrån.",
                "Mina kompisar har varit med om samma sak.",
                "Jag vill kunna gå hem utan att vara rädd.", "Det händer nästan varje gång.",
            ],
            "h_other": [
                "Det är inte okej.", "Ingen säger ifrån.", "Det händer hela tiden.",
                "Det måste ta slut.",
            ],
            "ggr": ["flera gånger", "två gånger", "mer än en gång", "bara den senaste månaden"],
        },
        woman=[
            "Som {jag_som} får man kommentarer {plats} {kvall}.",
            "Som {jag_som} känner jag mig inte trygg {plats} eftersom killar {h_act}.",
            "Som {jag_som} får man hela tiden höra saker {plats}. {h_self}",
        ],
        not_man=[
            "Jag har blivit {h_passive} {plats} {ggr}. {h_self}",
            "Killar som {h_act} {plats} {kvall}. {h_self}",
            "Man får kommentarer så fort man går förbi {plats}. {h_self}",
        ],
        man=["Min flickvän vågar inte gå {plats} själv längre efter att hon blev förföljd."],
        adult=["Min dotter och hennes kompisar får kommentarer {plats} {kvall}. {h_other}"],
    ),
    "drunk": _Bank(
        short=[
            "fyllon", "fulla människor", "alkoholister vid bussen", "berusade {plats}",
            "fylla {plats}", "fyllegubbar vid Systemet", "berusade personer vid busstationen",
        ],
        long=[
            "Berusade personer {plats} {dr_tid} som {dr_act}.",
            "Fyllon {plats} {dr_tid}. {dr_conseq}",
            "Det sitter alltid folk och dricker {plats}, {dr_conseq|lc}",
            "Alkoholister {plats} som {dr_act}.",
            "Fulla människor {plats} {dr_tid}, {dr_conseq|lc}",
            "Folk som dricker öl {plats} redan på förmiddagen och {dr_act}.",
            "När krogarna stänger blir det bråk {plats}.",
        ],
        places={
            "stationen": ["vid busstationen", "i väntsalen", "vid resecentrum",
                          "utanför stationen", "på bänkarna vid bussen"],
            "torget": ["utanför Systembolaget", "vid Systemet", "på bänkarna på torget",
                       "vid torget"],
            "parken": ["i parken", "på bänkarna i parken", "vid dammen"],
            "skolan": ["på skolgården på helgerna"],
            "norra": ["utanför pizzerian i Norra"],
            None: ["vid Systembolaget", "vid busstationen", "på stan"],
        },
        slots={
            "dr_tid": ["mitt på dagen", "redan på förmiddagen", "hela dagarna",
                       "på eftermiddagarna", "på helgerna", "när Systemet har stängt",
                       "på kvällarna"],
            "dr_act": [
                "tigger pengar", "skriker åt folk", "ramlar omkull", "kissar mot väggen",
                "bråkar med varandra", "ragglar ut i gatan",
                "är otrevliga mot de som väntar på bussen",
            ],
            "dr_conseq": [
                "Man vill inte vänta på bussen där.",
                "Det känns otryggt när man har barn med sig.",
                "Det är mest tråkigt, de mår ju inte bra.",
                "Jag går in i affären och väntar istället.",
                "Det ligger krossat glas överallt efteråt.", "Det har varit så i flera år.",
            ],
        },
        old=[
            "Som äldre tycker jag det är obehagligt att vänta på bussen bland fulla människor.",
            "Jag är 80 år och blir rädd när de berusade {plats} skriker.",
        ],
        wishes=["Någon borde hjälpa de här människorna istället."],
    ),
    "litter": _Bank(
        short=[
            "skräp", "nedskräpning", "klotter", "skräp och klotter", "glas splitter {plats}",
            "krossat glas", "skadegörelse {plats}", "nedskräpningen {plats}",
        ],
        long=[
            "Skräp överallt {plats}, {l_detail|lc}",
            "Det är så skräpigt {plats}. {l_detail}",
            "Klotter och krossat glas {plats}.",
            "Nedskräpningen {plats} är värre än någonsin. {l_detail}",
            "Klotter {plats} som aldrig tas bort.",
            "Någon slår sönder {l_obj} {plats} hela tiden.",
            "Skadegörelse på {l_obj} {plats}. {l_detail}",
            "Allt som går sönder {plats} får stå trasigt i månader.",
        ],
        places={
            "torget": ["på torget", "på gågatan", "runt papperskorgarna på torget",
                       "vid snabbmatsställena"],
            "stationen": ["vid stationen", "i tunneln", "i busskuren", "vid cykelställen"],
            "parken": ["i parken", "vid lekplatsen", "runt dammen", "vid grillplatsen"],
            "skolan": ["på skolgården", "runt skolan", "på fotbollsplanen"],
            "norra": ["i Norra", "vid miljöstugan i Norra", "vid tvättstugan"],
            None: ["överallt", "i centrum", "på stan"],
        },
        slots={
            "l_obj": ["busskurerna", "papperskorgarna", "bänkarna", "rutorna", "blomlådorna",
                      "cykelställen"],
            "l_detail": [
                "Papperskorgarna är alltid överfulla.",
                "Det ligger glassplitter där barnen leker.",
                "Pizzakartonger och fimpar överallt.", "Det ser ut som att ingen bryr sig.",
                "Klottret sprider sig.", "Kommunen städar för sällan.",
                "Efter helgerna är det värst.",
            ],
        },
        old=["Det var aldrig så här skräpigt förr, centrum var vår stolthet."],
        wishes=["Fler papperskorgar skulle hjälpa.", "Töm papperskorgarna oftare på helgen."],
    ),
    "traffic": _Bank(
        short=[
            "fortkörning", "trafiken vid skolan", "farlig korsning",
            "bilar som kör för fort {plats}", "trafiken", "trafikfarlig korsning {plats}",
        ],
        long=[
            "Bilar kör alldeles för fort {plats}, {t_conseq|lc}",
            "Korsningen {korsning} är livsfarlig. {t_conseq}",
            "Trafikfarlig korsning {plats}. {t_conseq}",
            "Folk kör i 60-70 {plats} där det är 30.",
            "Föräldrar som släpper av barnen {plats} på morgonen och kör som galningar.",
            "Det behövs farthinder {plats}.",
            "Övergångsstället {ovg} syns knappt, {t_conseq|lc}",
        ],
        places={
            "skolan": ["vid skolan", "utanför Ekebyskolan", "vid övergångsstället vid skolan",
                       "i korsningen Skolvägen/Storgatan", "vid korsningen vid skolan"],
            "torget": ["på Storgatan", "vid övergångsstället vid torget"],
            "stationen": ["på Järnvägsgatan", "vid infarten till resecentrum"],
            "parken": ["på Parkvägen"],
            "norra": ["på Norra Ringvägen", "genom Norra"],
            None: ["på Storgatan", "i centrum", "på Skolvägen", "vid skolan"],
        },
        slots={
            "ovg": ["vid skolan", "vid torget", "på Skolvägen", "utanför Ekebyskolan",
                    "vid Storgatan"],
            "korsning": ["vid skolan", "Skolvägen/Storgatan", "vid Ekebyskolan",
                         "utanför skolan"],
            "t_conseq": [
                "Det är bara en tidsfråga innan ett barn blir påkört.",
                "Jag har sett flera nära olyckor.",
                "Ingen stannar för de som ska gå över.",
                "Det behövs farthinder eller kameror.",
                "Det är värst på morgonen när alla ska till skolan.",
            ],
        },
        adult=[
            "Jag låter inte mina barn gå själva till skolan på grund av trafiken {plats}.",
            "Som förälder är jag mest orolig för trafiken {plats}, inte för brott.",
        ],
        young=["Bilarna stannar aldrig vid övergångsstället när vi ska till skolan."],
        wishes=["Farthinder nu!"],
    ),
    "bikes": _Bank(
        short=["cykelstölder", "cykel stölder {plats}", "stulna cyklar", "cykelstöld"],
        long=[
            "Min cykel blev stulen {plats} {b_when}.",
            "Cykelstölder {plats}. {b_conseq}",
            "Det stjäls cyklar {plats} hela tiden, {b_conseq|lc}",
            "Har fått cykeln stulen {b_count} gånger {plats}.",
            "Cyklar blir sönderslagna eller stulna {plats}.",
        ],
        places={
            "stationen": ["vid stationen", "vid cykelstället vid stationen",
                          "på pendlarparkeringen", "vid resecentrum"],
            "torget": ["vid torget", "utanför biblioteket"],
            "skolan": ["vid skolan", "utanför gymnasiet"],
            "parken": ["vid badet i parken"],
            "norra": ["i cykelrummet i Norra"],
            None: ["i centrum", "vid stationen"],
        },
        slots={
            "b_when": ["förra veckan", "i somras", "i höstas", "för en månad sen",
                       "trots att den var fastlåst"],
            "b_count": ["två", "tre", "fyra"],
            "b_conseq": [
                "Jag tar bussen nu istället.", "Man vågar inte ha en bra cykel.",
                "Det finns inget låst cykelgarage.", "Polisanmälde men hörde aldrig något.",
                "Det står ramar kvar utan hjul.",
                "Det behövs kameror eller ett låst cykelgarage.",
            ],
        },
    ),
    "burglary": _Bank(
        short=["inbrott", "inbrott {plats}", "inbrotten", "källarinbrott"],
        long=[
            "Det har varit {flera} inbrott {plats} {senaste}. {bu_conseq}",
            "Inbrott i källarförråd och bilar {plats}.",
            "Oroar mig för inbrott {plats}, {bu_conseq|lc}",
            "Grannen har haft inbrott två gånger. {bu_conseq}",
            "Inbrotten {plats} måste stoppas.",
            "Okända bilar som kör runt långsamt {plats} {natt}, man undrar vad de håller på "
            "med.",
        ],
        places={
            "norra": ["i Norra", "här i Norra", "på vår gata i Norra", "i villaområdet i Norra",
                      "bland radhusen i Norra"],
            None: ["i vårt område", "i bostadsområdet"],
            "torget": ["i kvarteren runt torget"],
            "stationen": ["i kvarteren vid stationen"],
            "parken": ["i kvarteren vid parken"],
            "skolan": ["i villaområdet bakom skolan"],
        },
        slots={
            "flera": ["flera", "många", "en massa", "tre-fyra"],
            "bu_conseq": [
                "Man sover dåligt.", "Vi har startat grannsamverkan men det räcker inte.",
                "Man vågar knappt åka bort.", "Ingen verkar bry sig om det.",
                "Vi har skaffat larm nu.", "Polisen kommer inte ens ut när man anmäler.",
            ],
        },
    ),
}

_SV = _Language(
    banks=_SV_BANKS,
    places=_SV_PLACES,
    common={
        "kvall": [
            "på kvällarna", "på kvällen", "varje kväll", "sent på kvällarna", "på helgerna",
            "fredag och lördag kväll", "på fredagskvällarna", "efter typ åtta på kvällen",
            "framåt kvällen", "vid 21-22-tiden", "särskilt på helgkvällar",
        ],
        "natt": ["på nätterna", "sent på natten", "mitt i natten", "när krogarna har stängt",
                 "vid ett-två på natten", "på helgnätterna"],
        "senaste": ["senaste året", "den sista tiden", "i år", "sen i höstas",
                    "de senaste månaderna"],
        "years": ["fem", "tio", "15", "20", "över 30"],
    },
    openings={
        "any": [
            "Bor mitt i centrum sedan {years} år.", "Jag pendlar varje dag via stationen.",
            "Jobbar i en butik vid torget.",
            "Har bott i Ekeby i hela mitt liv och det har blivit sämre.",
            "Det finns flera saker.", "Svårt att välja bara en sak.",
            "Jag rör mig mycket i centrum.", "Jag går ut med hunden varje kväll.",
            "Kul att ni frågar oss som bor här.", "Flyttade hit för tre år sen.",
        ],
        "u16": ["Jag går i åttan.", "Jag går i nian.", "Jag är 15."],
        "16-24": [
            "Pluggar på gymnasiet och tar bussen varje dag.",
            "Jag och mina kompisar är ofta på stan.",
            "Jobbar extra på helgerna och går hem sent.",
        ],
        "25-44": ["Jag har små barn.", "Som förälder oroar jag mig mest för barnen.",
                  "Jobbar skift och går hem sent."],
        "45-64": ["Jobbar skift och går hem sent.", "Har två tonåringar hemma.",
                  "Jag har bott här i 25 år."],
        "65+": ["Jag är pensionär.", "Jag är 78 år och går med rollator.",
                "Som äldre känner man sig mer utsatt.",
                "Vi är ett äldre par och tar en promenad varje dag."],
        "woman": ["Som kvinna tänker man på sånt här hela tiden.",
                  "Jag är kvinna och går ofta hem själv."],
        "young_woman": ["Som tjej tänker man på det hela tiden."],
    },
    fear=[
        "Man vågar inte gå där ensam.", "Det känns olustigt.", "Jag känner mig otrygg.",
        "Jag undviker att gå där.", "Jag springer typ förbi.",
        "Jag ringer alltid någon när jag går där.", "Känns inte tryggt alls.",
        "Känns otryggt helt enkelt.", "Det är obehagligt på riktigt.",
        "Jag tar hellre bilen fast det är nära.", "Man vågar inte riktigt gå ut längre.",
        "Jag har slutat gå dit på kvällarna.", "Asså man blir rädd.",
        "Känns olustigt att gå förbi.",
    ],
    annoy=[
        "Det är så störande.", "Man blir mest irriterad.", "Det har hållit på i flera år.",
        "Det stör hela området.", "Tröttsamt.", "Ingen verkar bry sig.", "Det är inte okej.",
        "Det borde inte få vara så här.",
    ],
    wishes=[
        "Hoppas ni faktiskt gör något den här gången.",
        "Har klagat flera gånger men inget händer.", "Kan inte kommunen göra något?",
        "Fler vuxna ute på kvällarna skulle hjälpa.", "Mer nattvandrare!", "Kameror kanske?",
        "Snälla gör något.", "Tack för att ni frågar!", "Bra att ni gör den här enkäten.",
    ],
    police_wishes=[
        "Mer polis på kvällarna!", "Synlig polis skulle göra stor skillnad.",
        "Man ser aldrig någon polis.",
        "Polisen borde vara ute mer och inte bara sitta i bilen.", "Mer polis och väktare tack.",
    ],
    young_wishes=[
        "Ge oss nåt att göra på kvällarna istället.", "Fritidsgården borde ha öppet längre.",
        "Polisen gör ändå inget.",
        "Det borde finnas fler ställen att hänga på som inte är torget.",
    ],
    connectors=["Sen är det också {x}.", "Och så {x}.", "Plus {x}.", "Dessutom {x}.",
                "Även {x}.", "Sen {x} också."],
    short_joiners=[", ", " och ", ". ", "\n", " + ", ", sen "],
    safe_long=[
        "Inget speciellt, jag känner mig trygg i centrum.",
        "Jag känner mig trygg. {safe_minor}",
        "Tycker det är lugnt i Ekeby jämfört med större städer.",
        "Har aldrig haft några problem, varken på dagen eller kvällen.",
        "Inga problem för min del. {safe_minor}",
        "Jag upplever inga större problem. {safe_minor}",
        "Känner mig trygg för det mesta, men jag är ju inte ute så sent.",
        "Nej inget. Ekeby är en lugn ort.",
        "Folk klagar mycket men jag tycker det är ganska lugnt faktiskt.",
        "Tryggt och bra. {safe_minor}",
        "Jag har bott här i {years} år och har aldrig känt mig otrygg.",
        "Det är lugnt, ibland lite stökigt på helgerna men inget farligt.",
    ],
    safe_short=[
        "Inget", "inget speciellt", "Nej", "Inga problem", "Känner mig trygg",
        "inget särskilt, känner mig trygg", "Har inga problem", "-", "Vet inte riktigt",
        "Nej det är lugnt",
    ],
    personal=[
        "Ring mig gärna om ni vill veta mer: 070-174 06 52",
        "Ni får gärna kontakta mig på anna.b@example.com.",
        "Jag bor på Storgatan 14 och hör allt från torget.",
        "Det står en vit bil med reg ABC 123 parkerad på trottoaren varje dag.",
        "Hör av er, 0701740631 / Kalle",
        "mejla mig: p.lindqvist@example.org",
        "Bor på Järnvägsgatan 3B, 2 tr, så jag ser allt.",
        "Samma svarta bil, XYZ 789, står alltid bakom stationen på kvällarna.",
    ],
    works_np=[
        "den nya belysningen på Storgatan", "biblioteket", "fritidsgården", "nattvandrarna",
        "de nya papperskorgarna", "väktarna vid resecentrum", "caféerna på torget",
        "lekplatsen i parken", "grannsamverkan i Norra", "snöröjningen", "bussarna",
        "marknaden på lördagar", "blomsterplanteringarna på torget", "simhallen",
    ],
    works_np_templates=[
        "{np|cap} är bra.", "{np|cap}", "{np|cap} fungerar bra", "Bra med {np}.",
        "Gillar {np}!", "{np|cap} och {np2}.", "Jag tycker {np} fungerar bra.",
        "{np|cap} är toppen", "{np|cap}, {np2} och {np3}",
    ],
    works_full=[
        "Polisen syns på torget på lördagarna när det är marknad, det känns tryggt.",
        "Torget är mycket renare sen renoveringen.",
        "Nattvandrarna gör ett jättebra jobb på fredagarna.",
        "Fritidsgården är bra för ungdomarna, synd att den stänger tidigt.",
        "Kommunen lagade lamporna på Storgatan snabbt när jag felanmälde.",
        "Det är mycket folk i rörelse på dagtid, det känns tryggt.",
        "Personalen på biblioteket är supertrevlig och det är en lugn plats.",
        "Det har blivit bättre sen kameran kom upp vid stationen.",
        "Sommarkvällarna med musik på torget var jättebra.",
        "Man känner igen kommunpolisen, hen är ute och pratar med folk.",
        "Den nya belysningen på Storgatan gör stor skillnad, gör likadant i tunneln!",
        "Busschaufförerna är hjälpsamma och säger till om det blir stökigt.",
        "På dagen är centrum trevligt, mycket folk och öppna butiker.",
    ],
    works_misc=["Inget", "vet inte", "Inte mycket tyvärr", "Allt fungerar bra på dagtid",
                "Det mesta"],
    self_label={"young": "tjej", "adult": "kvinna"},
)

_SV_SAFE_MINOR = [
    "Lite skräp ibland men inget farligt.",
    "Möjligen mopederna på kvällarna, men de är mest störiga.",
    "Det är mest på helgerna det kan bli lite stökigt.",
    "Det har blivit bättre sen torget renoverades.",
    "Folk är trevliga här.",
]

_EN_PLACES: dict[str | None, Sequence[str]] = {
    "torget": ["on the square", "around the square", "on the pedestrian street", "outside ICA"],
    "stationen": ["by the station", "at the bus station", "behind the train station",
                  "around the travel centre"],
    "parken": ["in the park", "on the path through the park"],
    "skolan": ["near the school", "outside Ekeby school"],
    "norra": ["in Norra", "on the way to Norra"],
    None: ["in the centre", "downtown", "in town"],
}

_EN_BANKS: dict[str, _Bank] = {
    "mopeds": _Bank(
        short=["mopeds {plats}", "reckless moped driving", "EPA tractors", "moped noise"],
        long=[
            "Kids on mopeds and those EPA tractors racing {plats} {t}.",
            "Mopeds driving on the walkways {plats}. Someone is going to get hurt.",
            "The moped noise {plats} {t} is unbearable.",
            "Teenagers on mopeds use the cycle path {plats} like a race track, {t} it's the "
            "worst.",
            "Mopeds everywhere {plats}, I was almost hit {twice}.",
            "Young guys on mopeds speeding {plats}, they don't care about people walking.",
        ],
    ),
    "darkness": _Bank(
        short=["dark {plats}", "bad lighting", "the dark tunnel", "poor street lights"],
        long=[
            "The tunnel under the railway is really dark and I don't feel safe walking there "
            "{t}.",
            "Poor street lighting {plats}. {fear}",
            "It's too dark {plats} {t}, half the lamps are broken.",
            "Walking home through the park in winter is scary, there are almost no lights.",
            "The lamps {plats} have been broken for months and nobody fixes them.",
            "Way too dark {plats} {t}, you can't see who is coming towards you.",
        ],
        woman=["As a woman I avoid walking {plats} alone after dark."],
    ),
    "drugs": _Bank(
        short=["drug dealing {plats}", "drugs", "dealers {plats}"],
        long=[
            "Drug dealing {plats}, quite openly.",
            "People selling drugs {plats} {t}. Everyone knows but nothing happens.",
            "You can smell weed {plats} all the time.",
            "Dealers hang out {plats} and approach teenagers.",
            "Obvious drug deals {plats}, cars stop for a minute and drive off.",
        ],
    ),
    "youth": _Bank(
        short=["loud groups {plats}", "teen gangs", "rowdy teenagers {plats}"],
        long=[
            "Groups of teenagers hanging out {plats} {t}, shouting and sometimes fighting.",
            "Big groups of young guys {plats} who block the way.",
            "It gets rowdy {plats} {t} with gangs of kids.",
            "Teenagers {plats} throwing stuff and yelling at people {t}.",
        ],
    ),
    "harassment": _Bank(
        short=["harassment of women", "catcalling {plats}", "guys harassing girls {plats}"],
        long=[
            "Girls get harassed {plats}, I have seen it myself.",
            "Women get catcalled {plats} {t}, it's not ok.",
            "Groups of men {plats} who stare and comment on women walking by.",
        ],
        not_man=[
            "I have been followed {plats} twice. {fear}",
            "Guys making comments and whistling {plats} {t}. {fear}",
        ],
        woman=["As a woman I get comments and whistles {plats} {t}."],
        man=["My girlfriend won't walk {plats} alone anymore after some guys followed her."],
    ),
    "drunk": _Bank(
        short=["drunk people {plats}", "drunks at the bus station"],
        long=[
            "Drunk people {plats} {t_day} asking for money and shouting.",
            "People drinking outside Systembolaget {t_day}.",
            "There are always people drinking {plats}, broken bottles everywhere after.",
            "Drunk people {plats} {t}, it's unpleasant with kids.",
        ],
    ),
    "litter": _Bank(
        short=["litter", "graffiti and broken glass", "rubbish {plats}"],
        long=[
            "Lots of litter and broken glass {plats}.",
            "Graffiti everywhere and nobody cleans it.",
            "The bins {plats} are always full, rubbish everywhere.",
            "Broken benches and smashed bus shelter windows {plats}.",
        ],
    ),
    "traffic": _Bank(
        short=["speeding cars near the school", "dangerous crossing", "traffic by the school"],
        long=[
            "Cars drive way too fast near the school, the crossing is dangerous for the kids.",
            "Dangerous crossing by the school, cars don't stop for children.",
            "People speed on Storgatan, we need speed bumps.",
            "Parents dropping off kids {plats} in the morning drive like crazy.",
        ],
    ),
    "bikes": _Bank(
        short=["bike theft", "stolen bikes at the station"],
        long=[
            "My bike was stolen at the station {when}.",
            "Bike theft at the station is a big problem, there's no safe parking.",
            "Had two bikes stolen {plats} this year.",
        ],
        slots={"when": ["last month", "in the summer", "last week",
                        "even though it was locked"]},
    ),
    "burglary": _Bank(
        short=["burglaries in Norra", "break-ins"],
        long=[
            "Several break-ins in Norra recently, it's worrying.",
            "Burglaries in the basement storage rooms {plats}.",
            "Our neighbours had a break-in, people are scared.",
            "Strange cars driving slowly around {plats} at night, people are worried about "
            "break-ins.",
        ],
    ),
}

_EN = _Language(
    banks=_EN_BANKS,
    places=_EN_PLACES,
    common={
        "t": ["in the evenings", "at night", "on weekends", "every evening", "after 9 pm",
              "on Friday nights", "late in the evening"],
        "t_day": ["all day", "in the middle of the day", "already in the morning",
                  "in the afternoons", "every day"],
        "twice": ["twice", "a couple of times", "last week"],
    },
    openings={
        "any": [
            "I moved here two years ago for work.", "Sorry, my Swedish is not good enough yet.",
            "I live near the station.", "I've lived in Ekeby for five years.",
            "I commute to Stockholm every day.",
        ],
        "16-24": ["I'm an exchange student at the folk high school."],
        "25-44": ["I have two small kids."],
    },
    fear=["I don't feel safe.", "I avoid it now.", "It feels uncomfortable.",
          "I always call someone when I walk there.", "It's scary honestly."],
    annoy=["It's really annoying.", "It's been like this for years.", "Nobody seems to care."],
    wishes=["Please do something about it.", "Maybe cameras?", "Thanks for asking!",
            "Thank you for doing this survey."],
    police_wishes=["More police in the evenings would help.", "You never see police here."],
    young_wishes=["There's nothing for young people to do here in the evenings."],
    connectors=["Also {x}.", "And {x}.", "Plus {x}."],
    short_joiners=[", ", " and ", ". "],
    safe_long=[
        "Nothing really, I feel safe here.",
        "Compared to where I come from this town is very safe.",
        "No big problems, it's a quiet town.",
        "I feel safe most of the time, maybe a bit noisy on weekends.",
    ],
    safe_short=["nothing", "No problems", "nothing special"],
    personal=["You can reach me at j.smith@example.com.", "Call me if you want: 070-174 06 88"],
    works_np=["the library", "the new lights on Storgatan", "the Saturday market", "the buses",
              "the youth centre", "the night walkers"],
    works_np_templates=["{np|cap}", "I like {np}.", "{np|cap} and {np2}.",
                        "Really like {np}!", "Good things: {np} and {np2}."],
    works_full=[
        "Police are visible at the Saturday market, that feels good.",
        "The square looks much nicer after the renovation.",
        "Buses are on time and the drivers are friendly.",
        "The night walkers (nattvandrare) on Fridays do a good job.",
    ],
    works_misc=["not sure", "Nothing much"],
    self_label={"young": "girl", "adult": "woman"},
)

_AR_PLACES: dict[str | None, Sequence[str]] = {
    "torget": ["في الساحة", "في الساحة الرئيسية", "في شارع المشاة", "أمام متجر ICA"],
    "stationen": ["قرب محطة القطار", "خلف محطة القطار", "عند محطة الحافلات"],
    "parken": ["في الحديقة", "في الممر الذي يمر عبر الحديقة"],
    "skolan": ["قرب المدرسة", "أمام مدرسة إيكبي"],
    "norra": ["في الحي الشمالي", "في منطقة نورا"],
    None: ["في وسط المدينة", "في المركز"],
}

_AR_BANKS: dict[str, _Bank] = {
    "mopeds": _Bank(
        short=["الدراجات النارية {plats}", "القيادة المتهورة", "إزعاج الدراجات النارية"],
        long=[
            "الشباب على الدراجات النارية الصغيرة يقودون بسرعة كبيرة {plats} {t}.",
            "هناك دراجات نارية تسير بين المشاة {plats}، وهذا خطير على الأطفال وكبار السن.",
            "أصوات الدراجات النارية {plats} مزعجة جدًا {t}.",
            "إزعاج كبير من الدراجات النارية وسيارات EPA {t}، لا نستطيع النوم.",
        ],
    ),
    "darkness": _Bank(
        short=["الظلام {plats}", "ضعف الإضاءة", "النفق المظلم"],
        long=[
            "النفق تحت سكة القطار مظلم جدًا، ولا أجرؤ على المرور منه وحدي {t}.",
            "الإضاءة ضعيفة {plats}، وأشعر بالخوف عندما أعود إلى البيت {t}.",
            "نحتاج إلى إضاءة أفضل في الممر الذي يمر عبر الحديقة.",
            "المكان مظلم جدًا {plats} بعد الساعة الرابعة في الشتاء.",
        ],
        woman=["{ar_self} لا أمشي وحدي {plats} بعد حلول الظلام."],
    ),
    "drugs": _Bank(
        short=["بيع المخدرات {plats}", "المخدرات"],
        long=[
            "يوجد أشخاص يبيعون المخدرات {plats} والجميع يعرف ذلك.",
            "سيارات تتوقف {plats} دقيقة واحدة ثم تذهب، والكل يعرف أنها تشتري المخدرات.",
            "أرى بيع المخدرات خلف محطة القطار بشكل شبه يومي.",
            "أخاف على أولادي من المخدرات، فالبيع يحدث علنًا {plats}.",
        ],
    ),
    "youth": _Bank(
        short=["تجمعات الشباب {plats}", "الإزعاج والفوضى"],
        long=[
            "مجموعات من الشباب يتجمعون {plats} {t} ويصرخون ويتشاجرون أحيانًا.",
            "الشباب يقفون عند مداخل المحلات ولا يتركون الناس يمرون بسهولة.",
            "هناك فوضى وإزعاج {plats} {t} بسبب تجمعات المراهقين.",
        ],
    ),
    "harassment": _Bank(
        short=["التحرش بالفتيات {plats}", "التعليقات المزعجة للنساء"],
        long=[
            "بعض الشباب يعاكسون الفتيات ويلاحقونهن {plats}، وهذا غير مقبول.",
            "ابنتي تتعرض لتعليقات مزعجة عند عودتها من المدرسة.",
        ],
        woman=["{ar_self} أتعرض لتعليقات مزعجة من بعض الشباب {plats}، ولا أشعر بالأمان."],
        not_man=["لا أستطيع المشي وحدي {t} بسبب التحرش والتعليقات."],
    ),
    "drunk": _Bank(
        short=["السكارى {plats}", "شرب الكحول في الشارع"],
        long=[
            "يوجد أشخاص سكارى قرب محطة الحافلات ومتجر الكحول (Systembolaget)، ويزعجون "
            "المارة.",
            "السكارى يجلسون على المقاعد {plats} طوال اليوم ويطلبون المال.",
            "أشخاص يشربون الكحول {plats} {t} ويصرخون على الناس.",
            "لا أحب انتظار الحافلة بسبب السكارى الذين يجلسون {plats}.",
        ],
    ),
    "litter": _Bank(
        short=["القمامة {plats}", "الزجاج المكسور والكتابة على الجدران"],
        long=[
            "هناك الكثير من القمامة والزجاج المكسور {plats}.",
            "الكتابة على الجدران في كل مكان، والمقاعد مكسورة.",
            "سلال المهملات ممتلئة دائمًا {plats} في عطلة نهاية الأسبوع.",
            "المكان {plats} متسخ والرائحة سيئة، ولا أحد ينظفه.",
        ],
    ),
    "traffic": _Bank(
        short=["السرعة الزائدة قرب المدرسة", "التقاطع الخطير عند المدرسة"],
        long=[
            "السيارات تسير بسرعة كبيرة قرب المدرسة، والتقاطع خطير جدًا على الأطفال.",
            "أخاف على أطفالي عندما يعبرون الشارع إلى المدرسة في الصباح.",
            "نحتاج إلى مطبات لتخفيف السرعة في الشارع المؤدي إلى المدرسة.",
        ],
    ),
    "bikes": _Bank(
        short=["سرقة الدراجات", "سرقة الدراجات عند المحطة"],
        long=[
            "سُرقت دراجتي الهوائية من أمام محطة القطار مرتين.",
            "سرقة الدراجات منتشرة عند المحطة، ولا يوجد مكان آمن لركنها.",
        ],
    ),
    "burglary": _Bank(
        short=["سرقة المنازل في الحي الشمالي", "السرقات"],
        long=[
            "حدثت سرقات في منازل كثيرة في الحي الشمالي مؤخرًا، وهذا يقلقني كثيرًا.",
            "تعرضت مخازن القبو في عمارتنا للسرقة.",
            "جارنا تعرض لسرقة منزله، والناس خائفون.",
        ],
    ),
}

_AR = _Language(
    banks=_AR_BANKS,
    places=_AR_PLACES,
    common={"t": ["في المساء", "في الليل", "في عطلة نهاية الأسبوع", "بعد الساعة التاسعة مساءً",
                  "كل مساء", "أيام الجمعة والسبت"]},
    openings={
        "any": [
            "أسكن في وسط المدينة منذ ثلاث سنوات.",
            "أستخدم القطار كل يوم للذهاب إلى العمل.",
            "أكتب بالعربية لأن لغتي السويدية ما زالت ضعيفة.",
        ],
    },
    fear=["لا أشعر بالأمان.", "أتجنب المرور من هناك.", "هذا يخيفني.", "أشعر بعدم الارتياح."],
    annoy=["هذا مزعج جدًا.", "المشكلة مستمرة منذ سنوات.", "لا أحد يهتم بهذا الأمر."],
    wishes=["أتمنى أن تهتم البلدية بهذا الموضوع.", "نرجو وضع كاميرات مراقبة.",
            "شكرًا لأنكم تسألوننا."],
    police_wishes=["نتمنى وجود الشرطة أكثر في المساء.", "لا نرى الشرطة هنا أبدًا."],
    young_wishes=["لا يوجد مكان للشباب في المساء."],
    connectors=["وأيضًا {x}.", "بالإضافة إلى {x}."],
    short_joiners=["، ", " و"],
    safe_long=[
        "لا توجد مشكلات كبيرة، أشعر بالأمان في وسط المدينة.",
        "بشكل عام المدينة هادئة وآمنة.",
        "لا شيء خاص، الوضع جيد والحمد لله.",
    ],
    safe_short=["لا شيء", "لا توجد مشكلات"],
    personal=["يمكنكم التواصل معي على الرقم 0701740677.",
              "بريدي الإلكتروني: ahmad.k@example.com"],
    works_np=["المكتبة", "الإضاءة الجديدة في شارع ستورغاتان", "مركز الشباب", "الحافلات"],
    works_np_templates=["{np}", "من الأشياء الجيدة: {np}.", "{np} و{np2}."],
    works_full=[
        "وجود الشرطة في السوق يوم السبت يشعرني بالأمان.",
        "الساحة أصبحت أنظف بعد التجديد.",
        "المتطوعون الذين يتجولون ليلًا (نتفاندرارنا) يقومون بعمل رائع.",
        "المكتبة مكان هادئ وجميل للعائلات.",
    ],
    works_misc=["لا أعرف"],
    self_label={"young": "كفتاة", "adult": "كامرأة"},
)

_LANGUAGE_BANKS = {"sv": _SV, "en": _EN, "ar": _AR}


# --------------------------------------------------------------------------------------------
# Text helpers

_SLOT = re.compile(r"\{(\w+)(?:\|(\w+))?\}")
_PROPER = ("EPA", "ICA", "Ekeby", "Norra", "Storgatan", "Systemet", "Systembolaget",
           "Pressbyrån", "Stortorget", "Järnvägsgatan", "Skolvägen", "Parkvägen", "A-traktor")


def _lc_first(text: str) -> str:
    """Lower-case the first letter unless the text starts with a name or an abbreviation."""
    if not text or text.startswith(_PROPER) or (len(text) > 1 and text[1].isupper()):
        return text
    return text[0].lower() + text[1:]


def _cap_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fill(
    rng: random.Random,
    template: str,
    slots: Mapping[str, Sequence[str]],
    used: set[str] | None = None,
) -> str:
    """Fill the slots of `template`; options already in `used` are avoided while others remain."""

    def replace(match: re.Match[str]) -> str:
        options = slots[match.group(1)]
        if used is not None:
            options = [o for o in options if o not in used] or options
        choice = rng.choice(options)
        if used is not None:
            used.add(choice)
        value = _fill(rng, choice, slots, used)
        if match.group(2) == "lc":
            return _lc_first(value)
        if match.group(2) == "cap":
            return _cap_first(value)
        return value

    return _SLOT.sub(replace, template)


def _tidy(text: str) -> str:
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r" ([.,?!])", r"\1", text)
    return text.strip()


_K = TypeVar("_K")


def _weighted(rng: random.Random, weights: Mapping[_K, float]) -> _K:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


# --------------------------------------------------------------------------------------------
# Swedish spelling as people actually type it

_COLLOQUIAL = (
    (r"\bdet\b", "de", 0.25), (r"\bDet\b", "De", 0.2), (r"\bnågon\b", "nån", 0.5),
    (r"\bnågot\b", "nåt", 0.5), (r"\bmycket\b", "mkt", 0.15), (r"\bockså\b", "oxå", 0.2),
    (r"\bjag\b", "ja", 0.1), (r"\bsedan\b", "sen", 0.5), (r"\bmig\b", "mej", 0.2),
    (r"\boch\b", "o", 0.06), (r"\bvad\b", "va", 0.3), (r"\bAlltså\b", "Asså", 0.5),
)
_EMPHASIS = ("aldrig", "alltid", "måste", "ingen", "inget", "livsfarlig", "varje")
_STYLE_WEIGHTS: dict[str | None, dict[str, float]] = {
    "u16": {"careful": 15, "casual": 45, "sloppy": 35, "shouty": 5},
    "16-24": {"careful": 22, "casual": 45, "sloppy": 28, "shouty": 5},
    "25-44": {"careful": 45, "casual": 38, "sloppy": 12, "shouty": 5},
    "45-64": {"careful": 55, "casual": 30, "sloppy": 8, "shouty": 7},
    "65+": {"careful": 72, "casual": 18, "sloppy": 3, "shouty": 7},
    None: {"careful": 45, "casual": 35, "sloppy": 15, "shouty": 5},
}


def _typo(rng: random.Random, text: str) -> str:
    words = list(re.finditer(r"[^\W\d_]{5,}", text))
    if not words:
        return text
    match = rng.choice(words)
    word = match.group(0)
    i = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    if kind < 0.45:
        changed = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    elif kind < 0.85:
        changed = word[:i] + word[i + 1:]
    else:
        changed = word[:i] + word[i] + word[i:]
    return text[: match.start()] + changed + text[match.end():]


def _join_sentences(rng: random.Random, text: str, probability: float) -> str:
    """Sometimes run sentences together with a comma, as people do on phones."""

    def replace(match: re.Match[str]) -> str:
        if rng.random() < probability:
            return ", " + _lc_first(match.group(1))
        return match.group(0)

    return re.sub(r"\. (\w)", replace, text)


def _style_sv(rng: random.Random, text: str, age: str | None, channel: str) -> str:
    if channel == "web":
        style = _weighted(rng, _STYLE_WEIGHTS[age])
    else:
        style = "careful" if rng.random() < 0.8 else "casual"
    if style in ("casual", "sloppy"):
        boost = 1.6 if style == "sloppy" else 1.0
        for pattern, replacement, probability in _COLLOQUIAL:
            if rng.random() < probability * boost:
                text = re.sub(pattern, replacement, text)
        text = _join_sentences(rng, text, 0.3 if style == "casual" else 0.6)
    if style == "careful":
        text = _cap_first(text)
        if text[-1].isalnum() and rng.random() < 0.4:
            text += "."
    elif style == "casual":
        if rng.random() < 0.5:
            text = _lc_first(text)
        if text.endswith(".") and rng.random() < 0.6:
            text = text[:-1]
        if rng.random() < 0.15:
            text = _typo(rng, text)
    elif style == "sloppy":
        text = text.lower().replace(". ", " ").rstrip(".")
        for _ in range(rng.choice((0, 1, 1, 2))):
            text = _typo(rng, text)
        if rng.random() < 0.1:
            text = text.replace("å", "a").replace("ä", "a").replace("ö", "o")
    else:
        words = [w for w in _EMPHASIS if re.search(rf"\b{w}\b", text)]
        if words:
            word = rng.choice(words)
            text = re.sub(rf"\b{word}\b", word.upper(), text, count=1)
        text = text.rstrip(".") + rng.choice(("!!", "!!!", "!"))
    return text


def _style_en(rng: random.Random, text: str) -> str:
    roll = rng.random()
    if roll < 0.25:
        text = _lc_first(text).rstrip(".")
    elif roll < 0.35:
        text = text.lower().rstrip(".")
    elif roll < 0.4:
        text = _typo(rng, text)
    return text


def _style_ar(rng: random.Random, text: str) -> str:
    if rng.random() < 0.35:
        text = text.rstrip(".")
    return text


# --------------------------------------------------------------------------------------------
# Building one respondent


@dataclass(frozen=True)
class _Person:
    language: str
    gender: str
    age_band: str | None
    area: str | None
    channel: str

    @property
    def young(self) -> bool:
        return self.age_band in ("u16", "16-24")

    @property
    def adult(self) -> bool:
        return self.age_band in ("25-44", "45-64", "65+")


def _pick_themes(rng: random.Random, person: _Person) -> tuple[str, ...]:
    weights = {}
    for theme, base in _THEME_BASE.items():
        weight = float(base)
        weight *= _GENDER_FACTOR[person.gender].get(theme, 1.0)
        weight *= _AGE_FACTOR.get(person.age_band, {}).get(theme, 1.0)
        weight *= _AREA_FACTOR.get(person.area, {}).get(theme, 1.0)
        weights[theme] = weight
    themes = [_weighted(rng, weights)]
    if themes[0] == "safe":
        return ("safe",)
    weights.pop("safe")
    for probability in (0.45, 0.14):
        if rng.random() >= probability:
            break
        for chosen in themes:
            weights.pop(chosen, None)
        themes.append(_weighted(rng, weights))
    return tuple(themes)


def _pick_safety(rng: random.Random, person: _Person, themes: Sequence[str]) -> str | None:
    roll = rng.random()
    if roll < 0.035:
        return None
    if roll < 0.065:
        return "dont_know"
    score = _GENDER_UNSAFETY[person.gender] + _AGE_UNSAFETY[person.age_band]
    score += sum(_THEME_UNSAFETY[t] for t in themes[:2]) + 0.5 * sum(
        _THEME_UNSAFETY[t] for t in themes[2:]
    )
    score += rng.gauss(0.0, 0.55)
    if score < -0.25:
        return "very_safe"
    if score < 0.6:
        return "fairly_safe"
    if score < 1.4:
        return "fairly_unsafe"
    return "very_unsafe"


def _pick_problems(rng: random.Random, person: _Person, themes: Sequence[str]) -> tuple[str, ...]:
    if rng.random() < 0.07:
        return ()  # skipped the question
    ticked: set[str] = set()
    for theme in themes:
        for problem, probability in _THEME_TICKS[theme]:
            if rng.random() < probability:
                ticked.add(problem)
    if themes[0] == "safe":
        if rng.random() < 0.25:
            ticked.add(rng.choice(("littering", "mopeds", "disorder")))
    else:
        for problem in PROBLEM_KEYS[:-1]:
            extra = 0.06
            if person.gender in ("woman", "other") and problem in ("lighting", "harassment"):
                extra = 0.12
            if rng.random() < extra:
                ticked.add(problem)
    if not ticked:
        return ("none",) if themes[0] == "safe" or rng.random() < 0.4 else ()
    return tuple(p for p in PROBLEM_KEYS if p in ticked)


def _pick_time(rng: random.Random, themes: Sequence[str]) -> str | None:
    if rng.random() < 0.05 or (themes[0] == "safe" and rng.random() < 0.25):
        return None
    return _weighted(rng, dict(_THEME_TIMES[themes[0]]))


def _place_options(
    lang: _Language, bank: _Bank, area: str | None, rng: random.Random, faithful: float
) -> Sequence[str]:
    places = bank.places or lang.places
    if rng.random() < faithful and area in places:
        return places[area]
    return [p for options in places.values() for p in options]


def _slots(
    rng: random.Random, lang: _Language, bank: _Bank, person: _Person, faithful: float
) -> dict[str, Sequence[str]]:
    slots: dict[str, Sequence[str]] = {**lang.common, **bank.slots}
    slots["plats"] = _place_options(lang, bank, person.area, rng, faithful)
    label = lang.self_label["young" if person.young else "adult"]
    slots["jag_som"] = [label]
    slots["ar_self"] = [label]
    slots["fear"] = lang.fear
    return slots


def _templates(bank: _Bank, person: _Person) -> list[str]:
    pool = list(bank.long)
    personal: list[str] = []
    if person.gender == "woman":
        personal += [*bank.woman, *bank.not_man]
    elif person.gender == "man":
        personal += bank.man
    else:
        personal += bank.not_man
    if person.young:
        personal += bank.young
    if person.adult:
        personal += bank.adult
    if person.age_band == "65+":
        personal += bank.old
    # Sentences about one's own situation are over-represented among those who write at all.
    return pool + personal * 2


def _openings(lang: _Language, person: _Person) -> list[str]:
    options = list(lang.openings.get("any", ()))
    if person.age_band is not None:
        options += lang.openings.get(person.age_band, ())
    if person.gender == "woman":
        options += lang.openings.get("young_woman" if person.young else "woman", ())
    return options


def _concern(rng: random.Random, person: _Person, themes: Sequence[str]) -> str:
    lang = _LANGUAGE_BANKS[person.language]
    if themes[0] == "safe":
        if rng.random() < 0.4:
            return rng.choice(lang.safe_short)
        slots = {**lang.common, "safe_minor": _SV_SAFE_MINOR}
        return _tidy(_fill(rng, rng.choice(lang.safe_long), slots))

    short_weight = 0.22 if person.channel == "web" else 0.1
    long_weight = 0.3 if person.age_band != "u16" else 0.12
    mode = _weighted(rng, {"short": short_weight, "medium": 0.5, "long": long_weight})
    used: set[str] = set()
    if mode == "short":
        parts = []
        for i, theme in enumerate(themes[:2]):
            bank = lang.banks[theme]
            slots = _slots(rng, lang, bank, person, 0.8 if i == 0 else 0.4)
            parts.append(_fill(rng, rng.choice(bank.short), slots, used))
        return _cap_first(_tidy(rng.choice(lang.short_joiners).join(parts)))

    sentences: list[str] = []
    if rng.random() < (0.12 if mode == "medium" else 0.4):
        sentences.append(_fill(rng, rng.choice(_openings(lang, person)), lang.common))
    covered = themes[:2] if mode == "medium" else themes
    for i, theme in enumerate(covered):
        bank = lang.banks[theme]
        slots = _slots(rng, lang, bank, person, 0.8 if i == 0 else 0.5)
        if i > 0 and rng.random() < 0.35:
            x = _fill(rng, rng.choice(bank.short), slots, used)
            sentences.append(_fill(rng, rng.choice(lang.connectors), {"x": [x]}))
            continue
        count = 2 if mode == "long" and i == 0 and rng.random() < 0.5 else 1
        templates = _templates(bank, person)
        chosen: list[str] = []
        while len(chosen) < count:
            template = rng.choice(templates)
            if template not in chosen:
                chosen.append(template)
        sentences.extend(_fill(rng, template, slots, used) for template in chosen)
    if rng.random() < (0.25 if mode == "medium" else 0.5):
        feelings = lang.fear if themes[0] in _FEARFUL_THEMES else lang.annoy
        feeling = rng.choice(feelings)
        if all(feeling.casefold() not in s.casefold() for s in sentences):
            sentences.append(feeling)
    if rng.random() < (0.15 if mode == "medium" else 0.45):
        wishes = list(lang.wishes) + list(lang.banks[themes[0]].wishes)
        police = 0.15 if person.young else 0.5
        if rng.random() < police:
            wishes = list(lang.police_wishes)
        elif person.young and rng.random() < 0.4:
            wishes = list(lang.young_wishes)
        sentences.append(rng.choice(wishes))
    if rng.random() < 0.022:
        sentences.append(rng.choice(lang.personal))
    separator = "\n" if mode == "long" and rng.random() < 0.15 else " "
    return _tidy(separator.join(sentences))


def _works_well(rng: random.Random, person: _Person, themes: Sequence[str]) -> str:
    answer_rate = 0.7 if themes[0] == "safe" else 0.52
    if person.channel != "web":
        answer_rate -= 0.1
    if rng.random() >= answer_rate:
        return ""
    lang = _LANGUAGE_BANKS[person.language]
    roll = rng.random()
    if roll < 0.08:
        return rng.choice(lang.works_misc)
    if roll < 0.5:
        return rng.choice(lang.works_full)
    nps = rng.sample(list(lang.works_np), 3)
    slots = {"np": [nps[0]], "np2": [nps[1]], "np3": [nps[2]]}
    return _fill(rng, rng.choice(lang.works_np_templates), slots)


def _days_ago(rng: random.Random, channel: str) -> int:
    if channel == "paper":
        return rng.choice((31, 24, 17, 10, 3))  # paper forms are typed in in batches
    if channel == "meeting":
        return rng.choice((26, 12))  # the two open meetings in the library
    weights = {
        day: 1.0 + (3.0 if day >= 36 else 0.0) + (2.0 if 19 <= day <= 22 else 0.0) + day / 30
        for day in range(1, 41)
    }
    return _weighted(rng, weights)


def _channel(rng: random.Random, age_band: str | None) -> str:
    paper = 0.25 if age_band == "65+" else 0.045
    roll = rng.random()
    if roll < paper:
        return "paper"
    if roll < paper + 0.04:
        return "meeting"
    return "web"


def _respondent(rng: random.Random, seen: set[str]) -> DemoRespondent:
    language = _weighted(rng, _LANGUAGE_WEIGHTS)
    gender = _weighted(rng, _GENDER_WEIGHTS)
    age_band = _weighted(rng, _AGE_WEIGHTS[language])
    channel = _channel(rng, age_band)
    area = _weighted(rng, _AREA_WEIGHTS)
    person = _Person(language, gender, age_band, area, channel)
    themes = _pick_themes(rng, person)

    concern = ""
    if rng.random() >= 0.07:
        for _ in range(12):
            concern = _concern(rng, person, themes)
            if person.language == "sv":
                concern = _style_sv(rng, concern, age_band, channel)
            elif person.language == "en":
                concern = _style_en(rng, concern)
            else:
                concern = _style_ar(rng, concern)
            if concern not in seen or themes[0] == "safe":
                break
        seen.add(concern)

    return DemoRespondent(
        language=language,
        gender=gender,
        age_band=age_band,
        area=area,
        safety=_pick_safety(rng, person, themes),
        problems=_pick_problems(rng, person, themes),
        concern=concern,
        works_well=_works_well(rng, person, themes),
        time_of_day=_pick_time(rng, themes),
        channel=channel,
        days_ago=_days_ago(rng, channel),
    )


def synthetic_respondents(n: int = 400, seed: int = 2026) -> list[DemoRespondent]:
    """`n` synthetic respondents for the demo dialogue; the same seed gives the same list."""
    if n < 0:
        raise ValueError("n must not be negative")
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    seen: set[str] = set()
    return [_respondent(rng, seen) for _ in range(n)]
