"""Demo data beside the main dialogue: a targeted dialogue with an invitation batch, and a
follow-up questionnaire that asks the centre's residents again a year later."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import timedelta
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from dialog.accounts.models import Organisation
from dialog.authz import SYSTEM
from dialog.db import today
from dialog.demo.corpus import DemoRespondent, synthetic_respondents
from dialog.demo.texts import demo_data
from dialog.dialogues.models import Dialogue, DialogueKind, DialogueStatus, Influence, InviteCode
from dialog.dialogues.services.editing import copy_scale_questions
from dialog.dialogues.services.invitations import issue_codes
from surveys.models import Answer, Question, Questionnaire, Response

TARGETED_SLUG = "unga-i-ekeby"
FOLLOW_UP_SLUG = "uppfoljning-centrum"
Respond = Callable[[Questionnaire, Sequence[DemoRespondent]], list[Response]]
SAFETY_ORDER = ("very_unsafe", "fairly_unsafe", "fairly_safe", "very_safe")

_FOLLOW_UP = demo_data("seed")["follow_up"]
# The follow-up's own question, and short observations its residents combine so answers vary.
CHANGES_QUESTION: dict[str, str] = dict(_FOLLOW_UP["changes_question"])
CHANGES: tuple[str, ...] = tuple(_FOLLOW_UP["changes"])


def _targeted(session: Session, organisers: list[Organisation], baseline_areas: list[Any],
              questionnaire: Questionnaire, respond: Respond) -> Dialogue:
    dialogue = Dialogue(
        slug=TARGETED_SLUG, kind=DialogueKind.TARGETED.value, status=DialogueStatus.OPEN.value,
        source_language="sv",
        title={"sv": "Unga i Ekeby: hur känns centrum för dig?",
               "en": "Young people in Ekeby: how does the town centre feel to you?",
               "ar": "الشباب في Ekeby: كيف تشعر في وسط المدينة؟",
               "fa": "جوانان در Ekeby: مرکز شهر برای شما چه حسی دارد؟",
               "so": "Dhallinyarada Ekeby: sidee ayaad u dareentaa bartamaha magaalada?",
               "ti": "መንእሰያት ኣብ Ekeby: ማእከል ከተማ ከመይ ይስምዓኩም?",
               "fi": "Nuoret Ekebyssä: miltä keskusta sinusta tuntuu?"},
        purpose={"sv": "Vi vill höra unga som sällan svarar på enkäter. Du har fått en kod av "
                       "fritidsgården eller skolan.",
                 "en": "We want to hear young people who rarely answer surveys. You got a code "
                       "from the youth centre or your school.",
                 "ar": "نريد أن نسمع رأي الشباب الذين نادرًا ما يجيبون على الاستبيانات. حصلت "
                       "على رمز من مركز الشباب أو من مدرستك.",
                 "fa": "می‌خواهیم صدای جوانانی را بشنویم که کمتر به پرسش‌نامه‌ها پاسخ می‌دهند. "
                       "شما یک کد از مرکز جوانان یا مدرسه‌تان گرفته‌اید.",
                 "so": "Waxaan rabnaa inaan maqalno dhallinyarada marar dhif ah ka jawaaba "
                       "sahannada. Waxaad koodh ka heshay xarunta dhallinyarada ama dugsigaaga.",
                 "ti": "ሳሕቲ ንመጠይቓት ዝምልሱ መንእሰያት ክንሰምዕ ንደሊ። ካብ ማእከል መንእሰያት ወይ "
                       "ካብ ቤት ትምህርትኹም ኮድ ተዋሂቡኩም ኣሎ።",
                 "fi": "Haluamme kuulla nuoria, jotka vastaavat kyselyihin harvoin. Sait koodin "
                       "nuorisotalolta tai koulustasi."},
        target_group={"sv": "Unga 15–24 år, särskilt unga kvinnor i Norra.",
                      "en": "Young people aged 15–24, especially young women in Norra.",
                      "ar": "الشباب من عمر 15 إلى 24 سنة، وخاصة الشابات في Norra.",
                      "fa": "جوانان ۱۵ تا ۲۴ ساله، به‌ویژه زنان جوان در Norra.",
                      "so": "Dhallinyarada da'doodu tahay 15–24 sano, gaar ahaan gabdhaha "
                            "dhallinyarada ah ee Norra.",
                      "ti": "ካብ 15 ክሳብ 24 ዓመት ዝዕድሚኦም መንእሰያት፣ ብፍላይ ኣብ Norra ዝነብራ "
                            "ኣዋልድ።",
                      "fi": "15–24-vuotiaat nuoret, erityisesti nuoret naiset Norrassa."},
        influence=Influence.INVOLVE.value, form="targeted_meeting",
        next_steps={"sv": "I maj träffar vi en grupp unga på fritidsgården och går igenom "
                          "svaren tillsammans.",
                    "en": "In May we meet a group of young people at the youth centre and go "
                          "through the answers together.",
                    "ar": "في مايو نلتقي بمجموعة من الشباب في مركز الشباب ونراجع الإجابات معًا.",
                    "fa": "در ماه مه با گروهی از جوانان در مرکز جوانان دیدار می‌کنیم و پاسخ‌ها را "
                          "با هم بررسی می‌کنیم.",
                    "so": "Bisha Maajo waxaan kula kulmaynaa koox dhallinyaro ah xarunta "
                          "dhallinyarada, waxaanan si wada jir ah u eegaynaa jawaabaha.",
                    "ti": "ኣብ ግንቦት ምስ ጉጅለ መንእሰያት ኣብ ማእከል መንእሰያት ተራኺብና ነቶም መልስታት "
                          "ብሓባር ንርእዮም።",
                    "fi": "Toukokuussa tapaamme ryhmän nuoria nuorisotalolla ja käymme "
                          "vastaukset läpi yhdessä."},
        areas=[dict(a) for a in baseline_areas],
        opens_on=today() - timedelta(days=10), closes_on=today() + timedelta(days=20),
        questionnaire=questionnaire, organisers=organisers,
    )
    session.add(dialogue)
    session.flush()
    codes = issue_codes(session, dialogue, 40, "Unga kvinnor, Norra", actor=SYSTEM)
    issue_codes(session, dialogue, 25, "Fritidsgården", actor=SYSTEM)
    people = [p for p in synthetic_respondents(120, seed=15)
              if p.age_band in ("u16", "16-24")][:12]
    used = set(random.Random(15).sample(codes, len(people)))  # noqa: S311 - reproducible demo
    session.execute(delete(InviteCode).where(InviteCode.code.in_(used)))
    session.add_all(respond(questionnaire, people))
    return dialogue


def _follow_up(session: Session, organisers: list[Organisation], baseline: Dialogue) -> Dialogue:
    questionnaire = Questionnaire(source_language="sv")
    copy_scale_questions(baseline, questionnaire)
    questionnaire.questions.append(Question(position=len(questionnaire.questions),
                                            answer_type="long_text", text=CHANGES_QUESTION,
                                            template_id="changes-noticed-open"))
    dialogue = Dialogue(
        slug=FOLLOW_UP_SLUG, kind=DialogueKind.FOLLOW_UP.value,
        status=DialogueStatus.CLOSED.value, source_language="sv",
        title={"sv": "Uppföljning: trygghet i Ekeby centrum",
               "en": "Follow-up: safety in Ekeby town centre",
               "ar": "متابعة: الأمان في وسط مدينة Ekeby",
               "fa": "پیگیری: امنیت در مرکز شهر Ekeby",
               "so": "Dabagal: ammaanka bartamaha magaalada Ekeby",
               "ti": "ክትትል: ድሕነት ኣብ ማእከል ከተማ Ekeby",
               "fi": "Seuranta: turvallisuus Ekebyn keskustassa"},
        purpose={"sv": "Ett år efter medborgarlöftet frågar vi igen hur trygg du känner dig "
                       "och vilka förändringar du har märkt.",
                 "en": "A year after the citizen promise we ask again how safe you feel and "
                       "what changes you have noticed.",
                 "ar": "بعد سنة من الوعد الذي قدّمناه للسكان، نسألك مرة أخرى عن مدى شعورك "
                       "بالأمان وعن التغييرات التي لاحظتها.",
                 "fa": "یک سال پس از تعهدی که به ساکنان دادیم، دوباره می‌پرسیم چقدر احساس امنیت "
                       "می‌کنید و چه تغییراتی دیده‌اید.",
                 "so": "Sannad kadib ballanqaadkii aan u galnay dadka deggan, waxaan mar kale ku "
                       "weydiinaynaa inta aad ammaan dareemayso iyo isbeddellada aad dareentay.",
                 "ti": "ድሕሪ ዓመት ካብቲ ንነበርቲ ዝኣተናዮ መብጽዓ፣ ክንደይ ውሑስ ከም ዝስምዓኩምን እንታይ "
                       "ለውጢታት ከም ዘስተብሃልኩምን ደጊምና ንሓተኩም።",
                 "fi": "Vuosi asukaslupauksen jälkeen kysymme uudelleen, kuinka turvalliseksi "
                       "tunnet olosi ja mitä muutoksia olet huomannut."},
        influence=Influence.CONSULT.value, form="digital_survey",
        opens_on=today() - timedelta(days=60), closes_on=today() - timedelta(days=20),
        next_steps={"sv": "Resultatet redovisas på sidan för medborgarlöftet.",
                    "en": "The results are reported on the citizen promise's page.",
                    "ar": "تُنشر النتائج على صفحة الوعد الذي قدّمناه للسكان.",
                    "fa": "نتیجه در صفحه تعهد به ساکنان منتشر می‌شود.",
                    "so": "Natiijooyinka waxaa lagu soo bandhigayaa bogga ballanqaadka loo galay "
                          "dadka deegaanka.",
                    "ti": "እቲ ውጽኢት ኣብ ገጽ መብጽዓ ንነበርቲ ይቐርብ።",
                    "fi": "Tulokset kerrotaan asukaslupauksen sivulla."},
        questionnaire=questionnaire, organisers=organisers, baseline=baseline,
    )
    session.add(dialogue)
    rng = random.Random(31)  # noqa: S311 - reproducible demo data, not a secret
    scale, changes = questionnaire.questions[0], questionnaire.questions[-1]
    for person in synthetic_respondents(260, seed=31):
        safety = person.safety
        if safety in SAFETY_ORDER and rng.random() < 0.3:  # a modest real improvement
            safety = SAFETY_ORDER[min(SAFETY_ORDER.index(safety) + 1, len(SAFETY_ORDER) - 1)]
        person = replace(person, safety=safety)
        days_ago = 20 + person.days_ago % 40
        response = Response(questionnaire=questionnaire, channel=person.channel, language="sv",
                            submitted_on=today() - timedelta(days=days_ago))
        if person.safety:
            response.answers.append(Answer(question=scale, choices=[person.safety]))
        if rng.random() < 0.7:
            picked = rng.sample(CHANGES, rng.randint(1, 2))
            response.answers.append(Answer(question=changes, text=" ".join(picked)))
        session.add(response)
    return dialogue


def seed_more(session: Session, organisers: list[Organisation], baseline: Dialogue,
              questionnaire: Questionnaire, respond: Respond) -> None:
    """Add the targeted and follow-up demo dialogues (the caller makes this run once).

    The targeted dialogue asks the main dialogue's questions: `questionnaire` is a fresh copy
    and `respond` turns demo respondents into responses to it.
    """
    _targeted(session, organisers, baseline.areas, questionnaire, respond)
    _follow_up(session, organisers, baseline)
    session.flush()
