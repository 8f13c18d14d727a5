"""Demo data for `make run`: one local police area, its municipality, a demo admin and an open
dialogue about safety in the town centre with about 400 synthetic responses."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from dialog.accounts.models import OrganisationKind, Role, User
from dialog.accounts.services.users import create_user, get_or_create_organisation
from dialog.authz import SYSTEM
from dialog.concerns.services.runs import execute_run, start_run, text_questions
from dialog.db import today
from dialog.demo.corpus import AREAS, DemoRespondent, synthetic_respondents
from dialog.demo.more_dialogues import seed_more
from dialog.demo.promises import seed_promises
from dialog.demo.texts import demo_data
from dialog.dialogues.models import Dialogue, DialogueKind, DialogueStatus, Influence
from surveys.models import Answer, Question, Questionnaire, QuestionOption, Response
from surveys.templates import ANSWER_TYPES, SCALES

DEMO_ADMIN_EMAIL = "admin@example.org"
DEMO_ADMIN_PASSWORD = "dialog-demo"  # noqa: S105 - a published demo password, never in production
POLICE_AREA = "Lokalpolisområde Ekeby"
MUNICIPALITY = "Ekeby kommun"
DEMO_SLUG = "trygghet-i-centrum"

def _load_demo() -> tuple[tuple[tuple[str, dict[str, str]], ...],
                         tuple[tuple[str, bool, dict[str, str], dict[str, str],
                                     Sequence[tuple[str, dict[str, str]]]], ...]]:
    """The problems to tick and the questions, from dialog/demo/data/seed.toml."""
    data = demo_data("seed")
    problems = tuple((p["key"], dict(p["label"])) for p in data["problems"])
    # The safety scale of the question templates (surveys/data/templates.toml), with keys.
    safety = tuple(zip(("very_safe", "fairly_safe", "fairly_unsafe", "very_unsafe"),
                       SCALES["safety"], strict=True))
    lists: dict[str, Sequence[tuple[str, dict[str, str]]]] = {
        "safety": safety, "problems": problems}
    questions = tuple(
        (q["answer_type"], bool(q["required"]), dict(q["text"]), dict(q.get("help", {})),
         lists[q["options"]] if "options" in q else ())
        for q in data["questions"])
    if any(q[0] not in ANSWER_TYPES for q in questions):
        raise ValueError("seed.toml: unknown answer type")
    return problems, questions


# (answer type, required, text, help, options as (key, label) pairs)
PROBLEMS, QUESTIONS = _load_demo()


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

