"""Demo data for `make run`: one local police area, its municipality, a demo admin and an open
dialogue about safety in the town centre with about 400 synthetic responses."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dialog.accounts.models import OrganisationKind, Role, User
from dialog.accounts.services.users import create_user, get_or_create_organisation
from dialog.authz import SYSTEM
from dialog.concerns.services import execute_run, start_run, text_questions
from dialog.db import today
from dialog.demo.corpus import AREAS, DemoRespondent, synthetic_respondents
from dialog.demo.more_dialogues import seed_more
from dialog.demo.promises import seed_promises
from dialog.dialogues.models import Dialogue, DialogueKind, DialogueStatus, Influence
from surveys.models import Answer, Question, Questionnaire, QuestionOption, Response

DEMO_ADMIN_EMAIL = "admin@example.org"
DEMO_ADMIN_PASSWORD = "dialog-demo"  # noqa: S105 - a published demo password, never in production
POLICE_AREA = "Lokalpolisområde Ekeby"
MUNICIPALITY = "Ekeby kommun"
DEMO_SLUG = "trygghet-i-centrum"

SAFETY_STEPS = (
    ("very_safe", {"sv": "Mycket trygg", "en": "Very safe", "ar": "آمن جدًا", "fa": "خیلی امن",
                   "so": "Aad u ammaan ah", "ti": "ኣዝዩ ውሑስ", "fi": "Hyvin turvallinen"}),
    ("fairly_safe", {"sv": "Ganska trygg", "en": "Fairly safe", "ar": "آمن إلى حد ما",
                     "fa": "تا حدی امن", "so": "Inta badan ammaan ah", "ti": "ብመጠኑ ውሑስ",
                     "fi": "Melko turvallinen"}),
    ("fairly_unsafe", {"sv": "Ganska otrygg", "en": "Fairly unsafe", "ar": "غير آمن إلى حد ما",
                       "fa": "تا حدی ناامن", "so": "Inta badan aan ammaan ahayn",
                       "ti": "ብመጠኑ ዘይውሑስ", "fi": "Melko turvaton"}),
    ("very_unsafe", {"sv": "Mycket otrygg", "en": "Very unsafe", "ar": "غير آمن جدًا",
                     "fa": "خیلی ناامن", "so": "Aad aan ugu ammaan ahayn", "ti": "ኣዝዩ ዘይውሑስ",
                     "fi": "Hyvin turvaton"}),
)
PROBLEMS = (
    ("littering", {"sv": "Nedskräpning", "en": "Litter", "ar": "القمامة في الشوارع",
                   "fa": "زباله در خیابان‌ها", "so": "Qashin", "ti": "ጓሓፍ",
                   "fi": "Roskaaminen"}),
    ("vandalism", {"sv": "Skadegörelse och klotter", "en": "Vandalism and graffiti",
                   "ar": "التخريب والكتابة على الجدران", "fa": "خرابکاری و دیوارنویسی",
                   "so": "Burburin iyo qoraal derbiyada lagu qoro",
                   "ti": "ምብልሻው ንብረትን ጽሑፍ ኣብ መናድቕን", "fi": "Ilkivalta ja graffitit"}),
    ("disorder", {"sv": "Bråk och störningar", "en": "Fights and disturbances",
                  "ar": "الشجارات والإزعاج", "fa": "دعوا و مزاحمت", "so": "Dagaal iyo buuq",
                  "ti": "ባእስን ረብሻን", "fi": "Tappelut ja häiriöt"}),
    ("drugs", {"sv": "Narkotikaförsäljning", "en": "Drug dealing", "ar": "بيع المخدرات",
               "fa": "فروش مواد مخدر", "so": "Iibinta daroogada", "ti": "ምሻጥ ኣደንዛዚ ዕጸ",
               "fi": "Huumekauppa"}),
    ("mopeds", {"sv": "Mopeder och buskörning", "en": "Mopeds and reckless driving",
                "ar": "الدراجات النارية والقيادة المتهورة",
                "fa": "موتور گازی و رانندگی بی‌احتیاط",
                "so": "Mooto iyo wadid taxadar la'aan ah", "ti": "ሞቶታትን ብዘይ ጥንቃቐ ምዝዋርን",
                "fi": "Mopot ja holtiton ajo"}),
    ("lighting", {"sv": "Dålig belysning", "en": "Poor lighting", "ar": "الإضاءة الضعيفة",
                  "fa": "نور کم", "so": "Iftiin yar", "ti": "ሕጽረት መብራህቲ",
                  "fi": "Huono valaistus"}),
    ("drunk", {"sv": "Berusade personer", "en": "Drunk people", "ar": "الأشخاص المخمورون",
               "fa": "افراد مست", "so": "Dad sakhraansan", "ti": "ሰከርቲ ሰባት",
               "fi": "Humalaiset ihmiset"}),
    ("harassment", {"sv": "Trakasserier och kommentarer", "en": "Harassment and comments",
                    "ar": "التحرش والتعليقات", "fa": "آزار و اذیت و متلک",
                    "so": "Dhibaateyn iyo hadallo aan habboonayn",
                    "ti": "ምጭናቕን ዘይግቡእ ዘረባታትን", "fi": "Häirintä ja huutelu"}),
    ("none", {"sv": "Inget av detta", "en": "None of these", "ar": "لا شيء من هذا",
              "fa": "هیچ‌کدام", "so": "Waxaas midna", "ti": "ካብዚኦም ሓደ እኳ የለን",
              "fi": "Ei mitään näistä"}),
)

# (answer type, required, text, help, options)
QUESTIONS: Sequence[tuple[str, bool, dict[str, str], dict[str, str], Sequence[Any]]] = (
    ("scale", True,
     {"sv": "Hur trygg eller otrygg känner du dig när du är ute ensam i centrum på kvällen?",
      "en": "How safe or unsafe do you feel when you are out alone in the town centre in "
            "the evening?",
      "ar": "ما مدى شعورك بالأمان أو عدم الأمان عندما تكون وحدك في وسط المدينة في المساء؟",
      "fa": "وقتی سرِ شب تنها در مرکز شهر هستید، چقدر احساس امنیت یا ناامنی می‌کنید؟",
      "so": "Intee in le'eg ayaad ammaan ama ammaan darro ku dareentaa marka aad keligaa "
            "joogto bartamaha magaalada fiidkii?",
      "ti": "ምሸት ኣብ ማእከል ከተማ በይንኹም ክትኮኑ ከለኹም ክንደይ ውሑስ ወይ ዘይውሑስ ይስምዓኩም?",
      "fi": "Kuinka turvalliseksi tai turvattomaksi tunnet olosi, kun olet illalla yksin "
            "keskustassa?"},
     {}, SAFETY_STEPS),
    ("long_text", False,
     {"sv": "Vilka problem upplever du i centrum? Berätta med egna ord.",
      "en": "What problems do you experience in the town centre? Tell us in your own words.",
      "ar": "ما المشكلات التي تلاحظها في وسط المدينة؟ أخبرنا بكلماتك الخاصة.",
      "fa": "در مرکز شهر چه مشکلاتی می‌بینید؟ با کلمات خودتان بگویید.",
      "so": "Dhibaatooyinkee ayaad ku aragtaa bartamaha magaalada? Erayadaada noogu sheeg.",
      "ti": "ኣብ ማእከል ከተማ እንታይ ጸገማት ይርእዩኹም? ብቓላትኩም ንገሩና።",
      "fi": "Mitä ongelmia koet keskustassa? Kerro omin sanoin."},
     {"sv": "Skriv gärna var och när. Skriv inte namn på andra personer.",
      "en": "Feel free to say where and when. Please do not write other people's names.",
      "ar": "يمكنك ذكر المكان والوقت. من فضلك لا تكتب أسماء أشخاص آخرين.",
      "fa": "می‌توانید بگویید کجا و چه زمانی. لطفاً نام افراد دیگر را ننویسید.",
      "so": "Waad sheegi kartaa halka iyo goorta. Fadlan ha qorin magacyada dad kale.",
      "ti": "ኣበይን መዓስን ክትገልጹ ትኽእሉ ኢኹም። በጃኹም ኣስማት ካልኦት ሰባት ኣይትጽሓፉ።",
      "fi": "Voit kertoa, missä ja milloin. Älä kirjoita muiden ihmisten nimiä."}, ()),
    ("multiple_choice", False,
     {"sv": "Vilket av följande upplever du som ett problem i centrum?",
      "en": "Which of the following do you experience as a problem in the town centre?",
      "ar": "أي مما يلي تعتبره مشكلة في وسط المدينة؟",
      "fa": "کدام یک از موارد زیر را در مرکز شهر مشکل می‌دانید؟",
      "so": "Kuwan soo socda midkee ayaad u aragtaa dhibaato bartamaha magaalada?",
      "ti": "ካብዞም ዝስዕቡ ኣየናይ ኣብ ማእከል ከተማ ከም ጸገም ይርኣየኩም?",
      "fi": "Mitkä seuraavista koet ongelmaksi keskustassa?"},
     {"sv": "Välj alla som stämmer.", "en": "Choose all that apply.",
      "ar": "اختر كل ما ينطبق.", "fa": "همه موارد درست را انتخاب کنید.",
      "so": "Dooro dhammaan kuwa ku habboon.", "ti": "ንኹሎም ዝምልከቱ ምረጹ።",
      "fi": "Valitse kaikki sopivat."}, PROBLEMS),
    ("area", False,
     {"sv": "Vilken del av centrum tänker du mest på?",
      "en": "Which part of the town centre are you thinking of most?",
      "ar": "أي جزء من وسط المدينة تفكر فيه أكثر؟",
      "fa": "بیشتر به کدام بخش مرکز شهر فکر می‌کنید؟",
      "so": "Qaybtee bartamaha magaalada ayaad ugu badan ka fikirtaa?",
      "ti": "ብዝበዝሐ ብዛዕባ ኣየናይ ክፋል ማእከል ከተማ ትሓስቡ?",
      "fi": "Mitä keskustan osaa ajattelet eniten?"}, {}, ()),
    ("time_of_day", False,
     {"sv": "När på dygnet upplever du problemen mest?",
      "en": "At what time of day do you experience the problems most?",
      "ar": "في أي وقت من اليوم تلاحظ المشكلات أكثر؟",
      "fa": "در چه زمانی از روز مشکلات را بیشتر می‌بینید؟",
      "so": "Waqtigee maalinta ayaad dhibaatooyinka ugu badan aragtaa?",
      "ti": "ኣብ ኣየናይ ግዜ መዓልቲ ኢኹም ነቶም ጸገማት ብዝበዝሐ እትርእይዎም?",
      "fi": "Mihin vuorokaudenaikaan koet ongelmia eniten?"}, {}, ()),
    ("long_text", False,
     {"sv": "Vad fungerar bra i centrum i dag?",
      "en": "What works well in the town centre today?",
      "ar": "ما الذي يعمل بشكل جيد في وسط المدينة اليوم؟",
      "fa": "امروز چه چیزی در مرکز شهر خوب کار می‌کند؟",
      "so": "Maxaa maanta si fiican uga shaqeeya bartamaha magaalada?",
      "ti": "ሎሚ ኣብ ማእከል ከተማ እንታይ ጽቡቕ ይሰርሕ?",
      "fi": "Mikä keskustassa toimii hyvin tänään?"}, {}, ()),
    ("gender", False,
     {"sv": "Vilket kön har du?", "en": "What is your gender?", "ar": "ما جنسك؟",
      "fa": "جنسیت شما چیست؟",
      "so": "Jinsigaagu waa maxay?", "ti": "ጾታኹም እንታይ እዩ?", "fi": "Mikä on sukupuolesi?"}, {}, ()),
    ("age_band", False,
     {"sv": "Hur gammal är du?", "en": "How old are you?", "ar": "كم عمرك؟", "fa": "چند سال دارید؟",
      "so": "Immisa jir baad tahay?", "ti": "ዕድሜኹም ክንደይ እዩ?", "fi": "Kuinka vanha olet?"}, {}, ()),
)


def _questionnaire() -> Questionnaire:
    questionnaire = Questionnaire(source_language="sv")
    for position, (answer_type, required, text, help_text, options) in enumerate(QUESTIONS):
        question = Question(
            position=position, answer_type=answer_type, required=required, text=text,
            help=help_text,
        )
        question.options = [
            QuestionOption(position=i, key=key, label=label)
            for i, (key, label) in enumerate(options)
        ]
        questionnaire.questions.append(question)
    return questionnaire


def _values(person: DemoRespondent) -> list[tuple[str | None, list[str] | None]]:
    """The respondent's answers in the order of QUESTIONS, as (text, choices)."""

    def one(key: str | None) -> list[str] | None:
        return [key] if key else None

    return [
        (None, one(person.safety)),
        (person.concern or None, None),
        (None, list(person.problems) or None),
        (None, one(person.area)),
        (None, one(person.time_of_day)),
        (person.works_well or None, None),
        (None, one(person.gender)),
        (None, one(person.age_band)),
    ]


def _responses(questionnaire: Questionnaire, people: Sequence[DemoRespondent]) -> list[Response]:
    responses = []
    for person in people:
        response = Response(
            questionnaire=questionnaire,
            submitted_on=today() - timedelta(days=person.days_ago),
            channel=person.channel,
            language=person.language,
        )
        for question, (text, choices) in zip(questionnaire.questions, _values(person), strict=True):
            if text is not None or choices:
                response.answers.append(Answer(question=question, text=text, choices=choices))
        responses.append(response)
    return responses


def seed(session: Session, respondents: int = 400) -> bool:
    """Create the demo data unless it exists; returns whether anything was created."""
    if session.scalar(select(Dialogue.id).where(Dialogue.slug == DEMO_SLUG)) is not None:
        return seed_promises(session)  # demo data from before promises existed gets them too
    police = get_or_create_organisation(session, POLICE_AREA, OrganisationKind.POLICE_AREA)
    municipality = get_or_create_organisation(session, MUNICIPALITY, OrganisationKind.MUNICIPALITY)
    if session.scalar(select(User.id).where(User.email == DEMO_ADMIN_EMAIL)) is None:
        create_user(session, DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, Role.ADMIN, police,
                    is_demo=True)
    questionnaire = _questionnaire()
    dialogue = Dialogue(
        slug=DEMO_SLUG,
        kind=DialogueKind.OPEN.value,
        status=DialogueStatus.OPEN.value,
        source_language="sv",
        title={"sv": "Trygghet i Ekeby centrum", "en": "Safety in Ekeby town centre",
               "ar": "الأمان في وسط مدينة إيكبي",
               "fa": "امنیت در مرکز شهر اِکبی", "so": "Ammaanka bartamaha magaalada Ekeby",
               "ti": "ድሕነት ኣብ ማእከል ከተማ ኤከቢ", "fi": "Turvallisuus Ekebyn keskustassa"},
        purpose={
            "sv": "Polisen och Ekeby kommun vill veta vad du upplever som problem i centrum och "
                  "vad som gör att du känner dig trygg eller otrygg. Svaren hjälper oss att välja "
                  "vad vi ska arbeta med i nästa medborgarlöfte.",
            "en": "The police and Ekeby municipality want to know what you experience as "
                  "problems in the town centre and what makes you feel safe or unsafe. The "
                  "answers help us choose what to work on in the next citizen promise.",
            "ar": "تريد الشرطة وبلدية إيكبي معرفة المشكلات التي تلاحظها في وسط المدينة وما الذي "
                  "يجعلك تشعر بالأمان أو عدم الأمان. تساعدنا الإجابات في اختيار ما سنعمل عليه "
                  "في الوعد القادم للسكان.",
            "fa": "پلیس و شهرداری Ekeby می‌خواهند بدانند چه چیزهایی را در مرکز شهر مشکل "
                  "می‌دانید و چه چیزی باعث می‌شود احساس امنیت یا ناامنی کنید. پاسخ‌ها به ما کمک "
                  "می‌کنند انتخاب کنیم در تعهد بعدی‌مان به ساکنان روی چه چیزی کار کنیم.",
            "so": "Booliska iyo degmada Ekeby waxay rabaan inay ogaadaan waxa aad u aragto "
                  "dhibaato bartamaha magaalada iyo waxa kaa dhiga inaad dareento ammaan ama "
                  "ammaan darro. Jawaabuhu waxay naga caawinayaan inaan doorano waxa aan ka "
                  "shaqeyn doonno ballanqaadka xiga ee aan u galayno dadka deegaanka.",
            "ti": "ፖሊስ ከምኡውን ምምሕዳር Ekeby ኣብ ማእከል ከተማ እንታይ ከም ጸገም ትርእይዎን እንታይ "
                  "ውሑስ ወይ ዘይውሑስ ከም ዘስምዓኩምን ክፈልጡ ይደልዩ። እቶም መልስታት ኣብቲ ዝቕጽል "
                  "መብጽዓና ንነበርቲ እንታይ ክንሰርሕ ከም ዘለና ንምምራጽ ይሕግዙና።",
            "fi": "Poliisi ja Ekebyn kunta haluavat tietää, mitä koet ongelmaksi keskustassa ja "
                  "mikä saa sinut tuntemaan olosi turvalliseksi tai turvattomaksi. Vastaukset "
                  "auttavat meitä valitsemaan, mihin keskitymme seuraavassa asukaslupauksessa.",
        },
        target_group={"sv": "Alla som bor, arbetar eller rör sig i Ekeby centrum.",
                      "en": "Everyone who lives, works or spends time in Ekeby town centre.",
                      "ar": "كل من يسكن أو يعمل أو يقضي وقتًا في وسط مدينة Ekeby.",
                      "fa": "همه کسانی که در مرکز شهر Ekeby زندگی یا کار می‌کنند یا در آنجا "
                            "رفت‌وآمد دارند.",
                      "so": "Qof kasta oo ku nool, ka shaqeeya ama waqti ku qaata bartamaha "
                            "magaalada Ekeby.",
                      "ti": "ኩሎም ኣብ ማእከል ከተማ Ekeby ዝነብሩ፣ ዝሰርሑ ወይ ግዜ ዘሕልፉ።",
                      "fi": "Kaikki, jotka asuvat, työskentelevät tai liikkuvat Ekebyn "
                            "keskustassa."},
        influence=Influence.CONSULT.value,
        form="digital_survey",
        next_steps={
            "sv": "Enkäten är öppen till och med sista svarsdagen. Under våren går polisen och "
                  "kommunen igenom alla svar. I juni publicerar vi vad ni sa och vilka problem vi "
                  "väljer att arbeta med, här på sidan och på ett öppet möte i biblioteket.",
            "en": "The survey is open until the last day to answer. In the spring the police and "
                  "the municipality go through all answers. In June we publish what you said and "
                  "which problems we choose to work on, here and at an open meeting in the "
                  "library.",
            "ar": "الاستبيان مفتوح حتى آخر يوم للإجابة. في الربيع تراجع الشرطة والبلدية كل "
                  "الإجابات. في يونيو ننشر ما قلتموه والمشكلات التي نختار العمل عليها، هنا في "
                  "هذه الصفحة وفي اجتماع مفتوح في المكتبة.",
            "fa": "پرسش‌نامه تا آخرین روز پاسخ‌دهی باز است. در بهار، پلیس و شهرداری همه پاسخ‌ها "
                  "را بررسی می‌کنند. در ماه ژوئن آنچه گفتید و مشکلاتی را که برای کار انتخاب "
                  "می‌کنیم منتشر می‌کنیم، اینجا در همین صفحه و در یک جلسه عمومی در کتابخانه.",
            "so": "Sahanku wuu furan yahay ilaa maalinta ugu dambeysa ee jawaabta. Guga, "
                  "booliska iyo degmadu waxay eegayaan dhammaan jawaabaha. Bisha Juun waxaan "
                  "daabacaynaa waxa aad sheegteen iyo dhibaatooyinka aan dooranno inaan ka "
                  "shaqeyno, halkan boggan iyo shir furan oo ka dhacaya maktabadda.",
            "ti": "እቲ መጠይቕ ክሳብ መወዳእታ መዓልቲ ምምላስ ክፉት እዩ። ኣብ ጽድያ ፖሊስን ምምሕዳርን "
                  "ንኹሎም መልስታት ይምርምርዎም። ኣብ ሰነ እንታይ ከም ዝበልኩምን ኣብ ኣየኖት ጸገማት "
                  "ክንሰርሕ ከም ዝመረጽናን፣ ኣብዚ ገጽን ኣብ ቤት መጻሕፍቲ ኣብ ዝግበር ክፉት ኣኼባን "
                  "ነፍልጥ።",
            "fi": "Kysely on auki viimeiseen vastauspäivään asti. Keväällä poliisi ja kunta "
                  "käyvät läpi kaikki vastaukset. Kesäkuussa julkaisemme, mitä sanoitte ja mihin "
                  "ongelmiin päätämme keskittyä, täällä sivulla ja avoimessa tilaisuudessa "
                  "kirjastossa.",
        },
        areas=[{"key": key, "label": label} for key, label in AREAS.items()],
        opens_on=today() - timedelta(days=45),
        closes_on=today() + timedelta(days=30),
        questionnaire=questionnaire,
        organisers=[police, municipality],
    )
    session.add(dialogue)
    session.add_all(_responses(questionnaire, synthetic_respondents(respondents)))
    session.flush()
    seed_more(session, [police, municipality], dialogue, _questionnaire(), _responses)
    # Group the concerns once, so the analysts' page shows a result out of the box.
    concern = text_questions(dialogue)[0]
    run = start_run(session, dialogue, concern, SYSTEM, seed=2026)
    execute_run(session, run.id)
    seed_promises(session)
    return True

