"""Demo promises for Ekeby: one being carried out now (activities in every status, honest
reasons for what is late or cancelled) and last year's, which it renews."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

import analysis
from dialog.accounts.models import Organisation, OrganisationKind
from dialog.accounts.services.users import get_or_create_organisation
from dialog.authz import SYSTEM
from dialog.concerns.models import AnalysisRun
from dialog.concerns.services import runs as concerns
from dialog.concerns.services.runs import cluster_views, group_members
from dialog.db import today
from dialog.demo.texts import demo_data
from dialog.dialogues.models import Dialogue
from dialog.promises.models import Activity, FocusArea, Promise
from dialog.promises.services import promises as services
from dialog.promises.services.promises import (
    ActivityFields,
    GoalFields,
    PromiseFields,
    SignatoryFields,
)

CURRENT_SLUG = "tryggare-ekeby-centrum"
EARLIER_SLUG = "tryggt-vid-stationen"
POLICE_AREA = "Lokalpolisområde Ekeby"
MUNICIPALITY = "Ekeby kommun"
DIALOGUE_SLUG = "trygghet-i-centrum"
HOUSING = "Ekebyhem AB"

# The focus areas the demo's analysts chose. Each is promoted from the groups the text
# analysis found in the demo dialogue (merged where it split one theme in several), so its
# size and gender breakdown are the analysis' own figures, small cells suppressed.
FOCUS_AREAS: tuple[tuple[dict[str, str], dict[str, str], tuple[str, ...]], ...] = tuple(
    (dict(area["title"]), dict(area["description"]), tuple(area["keywords"]))
    for area in demo_data("seed")["focus_areas"])


def _org(session: Session, name: str, kind: str) -> Organisation:
    return get_or_create_organisation(session, name, kind)


def _matching_clusters(session: Session, run: AnalysisRun,
                       keywords: tuple[str, ...]) -> list[int]:
    """Groups in which most answers use one of the theme's words, largest first."""
    members = group_members(session, run)
    matches = []
    for view in cluster_views(session, run)[0]:
        if view.excluded or view.number == analysis.VARIOUS_ID or view.accepted:
            continue
        texts = [row.text.lower() for row in members.get(view.id, [])]
        hits = sum(any(word in text for word in keywords) for text in texts)
        if texts and hits * 2 > len(texts):
            matches.append(view.id)
    return matches


def _focus_areas(session: Session, dialogue: Dialogue | None) -> list[FocusArea]:
    """Promote the analysis' groups for each theme, as an analyst would after reading them."""
    run = concerns.latest_run(session, dialogue) if dialogue else None
    areas = []
    for title, description, keywords in FOCUS_AREAS:
        clusters = _matching_clusters(session, run, keywords) if run else []
        if run is None or not clusters:  # no analysis to draw on: a focus area without figures
            areas.append(services.create_focus_area(
                session, title, description, dialogue_id=dialogue.id if dialogue else None))
            continue
        keep, *others = clusters
        for other in others:
            concerns.merge_clusters(session, run, other, keep, SYSTEM)
        concerns.rename_cluster(session, run, keep, title["sv"], SYSTEM)
        area = concerns.promote(session, run, keep, SYSTEM, title)
        area.description = dict(description)
        areas.append(area)
    return areas


def _signatories(start: date) -> list[SignatoryFields]:
    return [
        SignatoryFields(name="Maria Holm", title={"sv": "Lokalpolisområdeschef",
                                                  "en": "Head of the local police area"},
                        organisation=POLICE_AREA, signed_on=start),
        SignatoryFields(name="Johan Ek", title={"sv": "Kommunstyrelsens ordförande",
                                               "en": "Chair of the municipal executive board"},
                        organisation=MUNICIPALITY, signed_on=start),
    ]


def _approve_and_publish(session: Session, promise: Promise) -> None:
    """Every signing organisation approves the demo promise, then it is published."""
    for organisation in promise.parties():
        services.approve_promise(session, promise, actor=SYSTEM, organisation=organisation)
    missing = services.publish_promise(session, promise, actor=SYSTEM)
    if missing:
        raise RuntimeError(f"the demo promise {promise.slug} cannot be published: {missing}")


def seed_promises(session: Session) -> bool:
    """Create the two demo promises unless they exist; returns whether anything was created."""
    if session.scalar(select(Promise.id).where(Promise.slug == CURRENT_SLUG)) is not None:
        return False
    police = _org(session, POLICE_AREA, OrganisationKind.POLICE_AREA)
    town = _org(session, MUNICIPALITY, OrganisationKind.MUNICIPALITY)
    housing = _org(session, HOUSING, OrganisationKind.OTHER)
    dialogue = session.scalar(select(Dialogue).where(Dialogue.slug == DIALOGUE_SLUG))
    mopeds, station, alcohol = _focus_areas(session, dialogue)
    now = today()
    earlier = _earlier_promise(session, police, town, station, now)
    current = _current_promise(session, police, town, housing, dialogue,
                               (mopeds, station, alcohol), now)
    services.complete_promise(session, earlier, successor=current, actor=SYSTEM)
    return True


def _earlier_promise(session: Session, police: Organisation, town: Organisation,
                     station: FocusArea, now: date) -> Promise:
    start = date(now.year - 1, 1, 15)
    promise = services.create_promise(session, PromiseFields(
        slug=EARLIER_SLUG,
        title={"sv": "Tryggt vid stationen", "en": "Safe at the station"},
        registration_number=f"A 204.118/{now.year - 1}",
        police_area_id=police.id, municipality_id=town.id,
        starts_on=start, ends_on=date(now.year - 1, 12, 31),
        introduction={
            "sv": "Många berättade att de undviker stationen när det är mörkt. Polisen och "
                  "kommunen lovade att **minska otryggheten vid stationen** under året.",
            "en": "Many people told us they avoid the station after dark. The police and the "
                  "municipality promised to **reduce insecurity at the station** during the year."},
        situation_picture={
            "sv": "Lägesbilden bygger på polisens anmälningsstatistik, kommunens "
                  "trygghetsvandring och en enkät med 212 svar.",
            "en": "The situation picture builds on police crime statistics, the municipality's "
                  "safety walk and a survey with 212 answers."},
        how_to_follow={"sv": "Medborgarlöftet är avslutat och har förnyats. Följ arbetet i det "
                             "nya medborgarlöftet.",
                       "en": "This promise is completed and has been renewed. Follow the work "
                             "in the new promise."},
        focus_area_ids=[station.id],
        goals=[GoalFields(
            indicator={"sv": "Andel kvinnor som känner sig otrygga vid stationen på kvällen",
                       "en": "Share of women who feel unsafe at the station in the evening"},
            baseline={"sv": "52 procent", "en": "52 percent"},
            target={"sv": "Minska till 40 procent", "en": "Reduce to 40 percent"},
            deadline=date(now.year - 1, 12, 31))],
        signatories=_signatories(start),
    ), actor=SYSTEM)
    walks = services.add_activity(session, promise, ActivityFields(
        title={"sv": "Trygghetsvandringar vid stationen", "en": "Safety walks at the station"},
        description={"sv": "Polis, kommun och boende går runt stationen och noterar brister.",
                     "en": "Police, municipality and residents walk around the station and "
                           "note what needs fixing."},
        responsible_id=town.id, starts_on=date(now.year - 1, 3, 1),
        ends_on=date(now.year - 1, 10, 31),
        production_goal={"sv": "Fyra trygghetsvandringar under året",
                         "en": "Four safety walks during the year"},
        focus_area_id=station.id), actor=SYSTEM)
    lamps = services.add_activity(session, promise, ActivityFields(
        title={"sv": "Ny belysning i gångtunneln", "en": "New lighting in the underpass"},
        responsible_id=town.id, starts_on=date(now.year - 1, 5, 1),
        ends_on=date(now.year - 1, 9, 30),
        production_goal={"sv": "Byta alla 24 armaturer senast september",
                         "en": "Replace all 24 lamps by September"},
        focus_area_id=station.id), actor=SYSTEM)
    cameras = services.add_activity(session, promise, ActivityFields(
        title={"sv": "Kamerabevakning av cykelparkeringen",
               "en": "Camera surveillance of the bicycle parking"},
        responsible_id=police.id, starts_on=date(now.year - 1, 6, 1),
        ends_on=date(now.year - 1, 12, 31), focus_area_id=station.id), actor=SYSTEM)
    _approve_and_publish(session, promise)
    services.change_activity_status(session, walks, "done", organisation_id=town.id,
                                    on=date(now.year - 1, 10, 20), actor=SYSTEM)
    services.change_activity_status(session, lamps, "done", organisation_id=town.id,
                                    on=date(now.year - 1, 9, 12), actor=SYSTEM)
    services.change_activity_status(
        session, cameras, "cancelled",
        {"sv": "Vi fick inte tillstånd till kamerabevakning. I stället flyttades "
               "cykelparkeringen närmare den upplysta entrén.",
         "en": "We did not get a permit for camera surveillance. Instead the bicycle parking "
               "was moved closer to the lit entrance."},
        organisation_id=police.id, on=date(now.year - 1, 8, 30), actor=SYSTEM)
    services.add_feedback_update(
        session, promise,
        {"sv": "Uppföljningsenkäten visar att andelen kvinnor som känner sig otrygga vid "
               "stationen har minskat från 52 till 44 procent. Målet 40 procent nåddes inte, "
               "så arbetet fortsätter i nästa medborgarlöfte.",
         "en": "The follow-up survey shows the share of women who feel unsafe at the station "
               "fell from 52 to 44 percent. The goal of 40 percent was not reached, so the work "
               "continues in the next promise."},
        town.id, on=date(now.year - 1, 12, 15), actor=SYSTEM)
    return promise


def _current_promise(session: Session, police: Organisation, town: Organisation,
                     housing: Organisation, dialogue: Dialogue | None,
                     areas: tuple[FocusArea, FocusArea, FocusArea], now: date) -> Promise:
    mopeds, station, alcohol = areas
    start = now - timedelta(days=150)
    end = now + timedelta(days=215)
    promise = services.create_promise(session, PromiseFields(
        slug=CURRENT_SLUG,
        title={"sv": "Tryggare Ekeby centrum", "en": "A safer Ekeby town centre"},
        registration_number=f"A 118.402/{start.year}",
        police_area_id=police.id, municipality_id=town.id, partner_ids=[housing.id],
        starts_on=start, ends_on=end,
        introduction={
            "sv": "I medborgardialogen *Trygghet i Ekeby centrum* berättade ni vad som gör er "
                  "otrygga. Polisen, Ekeby kommun och Ekebyhem lovar att arbeta med tre av de "
                  "problem ni tog upp:\n\n- mopeder och buskörning\n- mörker vid "
                  "stationen\n- langning vid torget",
            "en": "In the citizen dialogue *Safety in Ekeby town centre* you told us what makes "
                  "you feel unsafe. The police, Ekeby municipality and Ekebyhem promise to work "
                  "on three of the problems you raised:\n\n- mopeds and reckless riding\n- "
                  "darkness at the station\n- drug and alcohol dealing at the square"},
        situation_picture={
            "sv": "Polisen, kommunen och invånarna ser delvis olika saker. Polisens anmälningar "
                  "handlar mest om skadegörelse, men invånarna – särskilt kvinnor – tog oftast "
                  "upp mörker och mopeder. Enligt metoden går invånarnas upplevelser först.\n\n"
                  "Lägesbilden bygger på 400 svar i medborgardialogen, två medarbetardialoger "
                  "och kommunens trygghetsmätning.",
            "en": "The police, the municipality and residents partly see different things. "
                  "Police reports are mostly about vandalism, but residents – especially women – "
                  "most often raised darkness and mopeds. The method says residents' experiences "
                  "come first.\n\nThe situation picture builds on 400 answers in the citizen "
                  "dialogue, two staff dialogues and the municipality's safety survey."},
        how_to_follow={
            "sv": "Vi berättar om arbetet här minst en gång i månaden. Du kan också träffa oss "
                  "på biblioteket första måndagen varje månad klockan 17–18, eller följa "
                  "återkopplingen i en nyhetsläsare.",
            "en": "We report on the work here at least once a month. You can also meet us at the "
                  "library on the first Monday of every month, 5–6 pm, or follow the updates "
                  "in a news reader."},
        dialogue_ids=[dialogue.id] if dialogue else [],
        focus_area_ids=[mopeds.id, station.id, alcohol.id],
        goals=[
            GoalFields(
                indicator={"sv": "Andel som känner sig otrygga i centrum på kvällen",
                           "en": "Share who feel unsafe in the town centre in the evening"},
                baseline={"sv": "38 procent (medborgardialogen)",
                          "en": "38 percent (the citizen dialogue)"},
                target={"sv": "Minska till 30 procent, mätt i uppföljningsenkäten",
                        "en": "Reduce to 30 percent, measured in the follow-up survey"},
                deadline=end),
            GoalFields(
                indicator={"sv": "Anmälningar om buskörning med moped i centrum",
                           "en": "Reports of reckless moped riding in the town centre"},
                baseline={"sv": "46 anmälningar per halvår", "en": "46 reports per half-year"},
                target={"sv": "Minska med hälften", "en": "Reduce by half"},
                deadline=end),
        ],
        signatories=_signatories(start - timedelta(days=10)),
    ), actor=SYSTEM)
    services.save_plans(session, promise, {
        "activity_plan": "Internt: veckoplanering av kontroller sköts i polisens "
                         "planeringsverktyg.",
        "resource_plan": "Internt: 2 kommunpoliser 20 % vardera; kommunen 150 000 kr för "
                         "belysning.",
        "follow_up_plan": "Internt: uppföljningsenkät i samma urval som medborgardialogen.",
        "communication_plan": "Internt: återkoppling på webben varje månad och möte i biblioteket.",
    }, actor=SYSTEM)

    def activity(title: dict[str, str], goal: dict[str, str], area: FocusArea, who: Organisation,
                 begins: int, ends: int, description: dict[str, str] | None = None) -> Activity:
        return services.add_activity(session, promise, ActivityFields(
            title=title, description=description or {}, production_goal=goal,
            responsible_id=who.id, focus_area_id=area.id,
            starts_on=now + timedelta(days=begins), ends_on=now + timedelta(days=ends)),
            actor=SYSTEM)

    checks = activity(
        {"sv": "Mopedkontroller på kvällar", "en": "Moped checks in the evenings"},
        {"sv": "Minst två kontroller i veckan under sommarhalvåret",
         "en": "At least two checks a week during the summer half-year"},
        mopeds, police, -140, -20,
        {"sv": "Kommunpoliserna kontrollerar mopeder runt torget och på cykelvägarna.",
         "en": "The community police officers check mopeds around the square and on the cycle "
               "paths."})
    lamps = activity(
        {"sv": "Ny belysning vid stationen", "en": "New lighting at the station"},
        {"sv": "Byta 30 armaturer på parkeringen och i gångtunneln senast i höst",
         "en": "Replace 30 lamps in the car park and the underpass by the autumn"},
        station, town, -100, 40)
    garage = activity(
        {"sv": "Öppen mopedverkstad på fritidsgården", "en": "Open moped workshop at the youth "
                                                           "centre"},
        {"sv": "Verkstaden öppen två kvällar i veckan", "en": "The workshop open two evenings "
                                                              "a week"},
        mopeds, town, -60, 120,
        {"sv": "Unga kan laga och trimma lagligt i stället för på gatan.",
         "en": "Young people can repair their mopeds legally instead of on the street."})
    walks = activity(
        {"sv": "Nattvandringar på fredagar", "en": "Night walks on Fridays"},
        {"sv": "Vuxna nattvandrare på torget varje fredag under terminerna",
         "en": "Adult night walkers at the square every Friday during school terms"},
        alcohol, housing, -30, 180)
    activity(
        {"sv": "Riktade kontroller mot langning", "en": "Targeted checks against dealing to "
                                                     "young people"},
        {"sv": "Sex insatser mot langning före årsskiftet",
         "en": "Six operations against dealing to young people before the end of the year"},
        alcohol, police, 20, 200)
    sms = activity(
        {"sv": "Sms-tjänst för att rapportera trasig belysning",
         "en": "Text-message service to report broken lights"},
        {"sv": "Tjänsten i drift före vintern", "en": "The service running before winter"},
        station, town, -90, 10)

    _approve_and_publish(session, promise)
    services.add_feedback_update(
        session, promise,
        {"sv": "Medborgarlöftet är undertecknat. Tack till alla 400 som svarade i "
               "medborgardialogen!",
         "en": "The promise is signed. Thank you to all 400 who answered in the citizen "
               "dialogue!"},
        police.id, on=now - timedelta(days=145), actor=SYSTEM)
    services.change_activity_status(session, checks, "ongoing", organisation_id=police.id,
                                    on=now - timedelta(days=140), actor=SYSTEM)
    services.change_activity_status(session, lamps, "ongoing", organisation_id=town.id,
                                    on=now - timedelta(days=95), actor=SYSTEM)
    services.change_activity_status(
        session, sms, "cancelled",
        {"sv": "Kommunen har redan en felanmälan i appen Ekeby Direkt. I stället för en ny "
               "tjänst satte vi upp skyltar vid stationen om hur man anmäler trasig belysning.",
         "en": "The municipality already has fault reporting in the Ekeby Direkt app. Instead of "
               "a new service we put up signs at the station on how to report broken lights."},
        organisation_id=town.id, on=now - timedelta(days=70), actor=SYSTEM)
    services.change_activity_status(
        session, garage, "delayed",
        {"sv": "Lokalen på fritidsgården behöver ny ventilation innan vi får meka där. "
               "Arbetet är beställt och verkstaden beräknas öppna om två månader.",
         "en": "The room at the youth centre needs new ventilation before we may repair engines "
               "there. The work is ordered and the workshop should open in two months."},
        organisation_id=town.id, on=now - timedelta(days=45), actor=SYSTEM)
    services.change_activity_status(session, walks, "ongoing", organisation_id=housing.id,
                                    on=now - timedelta(days=30), actor=SYSTEM)
    services.change_activity_status(session, checks, "done", organisation_id=police.id,
                                    on=now - timedelta(days=20), actor=SYSTEM)
    services.add_feedback_update(
        session, promise,
        {"sv": "Under sommaren gjorde kommunpoliserna **38 mopedkontroller**. 14 mopeder var "
               "trimmade och togs i beslag. Anmälningarna om buskörning har minskat, men vi "
               "vet ännu inte om det håller i sig.",
         "en": "During the summer the community police officers made **38 moped checks**. 14 "
               "mopeds were tuned and were seized. Reports of reckless riding have gone down, "
               "but we do not yet know if that will last."},
        police.id, activity_id=checks.id, on=now - timedelta(days=15), actor=SYSTEM)
    return promise
