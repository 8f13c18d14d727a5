"""The leading-question check: each rule in Swedish and English, hits and near misses."""

from __future__ import annotations

import pytest

from surveys.balance import Balance, balance
from surveys.checks_common import guess_language
from surveys.leading import RULES, check_question, render_finding
from surveys.leading_model import (
    BALANCED_VETO,
    THRESHOLD,
    LeadingModel,
    default_model,
    load_examples,
)

LEADING_RULES = {
    "suggestive",
    "loaded",
    "presupposition",
    "blame",
    "evaluative",
    "doubled",
    "one_sided_scale",
    "double_barrelled",
    "police_method",
    "measure",
    "absolute",
    "learned",
}


def rules(text: str, lang: str) -> set[str]:
    return {f.rule for f in check_question(text, lang).findings}


HITS = [
    # suggestive
    ("suggestive", "sv", "Håller du med om att torget är otryggt?"),
    ("suggestive", "sv", "Visst är det stökigt vid stationen?"),
    ("suggestive", "sv", "Tycker du inte att parken behöver mer ljus?"),
    ("suggestive", "sv", "Det är väl otryggt i tunneln?"),
    ("suggestive", "en", "Don't you agree that the park is unsafe?"),
    ("suggestive", "en", "Wouldn't you feel better with more lights?"),
    ("suggestive", "en", "Isn't it true that the square is unsafe?"),
    ("suggestive", "en", "The square feels unsafe, doesn't it?"),
    # social proof and blame without a stock phrase
    ("suggestive", "sv", "Många i kvarteret oroar sig för inbrott – gör du det också?"),
    ("suggestive", "en", "Most neighbours feel unsafe after dark. Do you too?"),
    ("suggestive", "sv", "Tror du att mopederna är den främsta orsaken till otryggheten?"),
    ("suggestive", "en", "Do you think the takeaway is the main cause of the litter?"),
    # loaded
    ("loaded", "sv", "Hur påverkar de kriminella gängen din vardag?"),
    ("loaded", "sv", "Hur ser du på laglösheten i centrum?"),
    ("loaded", "sv", "Hur upplever du kaoset vid skolan?"),
    ("loaded", "en", "How do the thugs near the shops affect you?"),
    ("loaded", "en", "How do you feel in this lawless area?"),
    # presupposition
    ("presupposition", "sv", "Hur mycket har otryggheten ökat i ditt område?"),
    ("presupposition", "sv", "Varför är det så stökigt på torget?"),
    ("presupposition", "en", "How much worse has the park become?"),
    ("presupposition", "en", "Why is the station so bad at night?"),
    ("presupposition", "sv", "Hur mycket gillar du den nya lekplatsen?"),
    ("presupposition", "sv", "Med tanke på alla inbrott, hur orolig är du?"),
    ("presupposition", "en", "How much do you enjoy the new park?"),
    ("presupposition", "en", "In light of the recent thefts, how worried are you?"),
    # a premise slipped in with an adjective or an event
    ("presupposition", "sv", "Hur ofta störs du av de bråkiga ungdomarna vid kiosken?"),
    ("presupposition", "sv", "Hur påverkar det växande missbruket din vardag?"),
    ("presupposition", "en", "How often do the rowdy teenagers by the shop bother you?"),
    ("presupposition", "sv", "Efter skottlossningen i våras, hur trygg känner du dig?"),
    ("presupposition", "en", "After last week's robbery, how safe do you feel?"),
    ("presupposition", "en", "When did you first notice the dealing by the school?"),
    ("presupposition", "sv", "Hur otrygg känner du dig vid stationen?"),
    ("presupposition", "en", "What is it like to live with the constant noise from the bar?"),
    ("suggestive", "en", "Has the council finally fixed the lights on your street?"),
    ("suggestive", "sv", "Många av dina grannar vill ha fler bänkar. Vill du också det?"),
    ("police_method", "en", "Would more foot patrols make you feel safer?"),
    ("loaded", "en", "How do you feel about the scourge of graffiti?"),
    # a group presented as the cause
    ("blame", "sv", "Hur mycket bidrar ungdomarna vid stationen till otryggheten?"),
    ("blame", "sv", "I vilken grad beror klottret i tunneln på skoleleverna?"),
    ("blame", "en", "How much of the noise on your street comes from the students next door?"),
    ("suggestive", "en", "Eight out of ten residents said they feel safe. Do you feel safe?"),
    ("suggestive", "sv", "Sju av tio boende sa att de litar på polisen. Litar du på polisen?"),
    ("suggestive", "en", "Like many of your neighbours, are you worried about the square?"),
    ("suggestive", "sv", "Skolan gör väl ett bra jobb med tryggheten?"),
    ("presupposition", "en", "Bearing in mind the recent assaults, how safe do you feel?"),
    ("presupposition", "sv", "När du tänker på överfallen i parken nyligen, hur trygg är du?"),
    ("presupposition", "en", "How long have you been avoiding the station at night?"),
    ("presupposition", "sv", "Hur länge har du undvikit torget på kvällarna?"),
    ("presupposition", "en", "What improvements have you noticed since the new lights?"),
    ("presupposition", "sv", "Vilka förbättringar har du märkt sedan fältassistenterna kom?"),
    ("double_barrelled", "en", "Do you feel welcome and trust the staff at the library?"),
    ("double_barrelled", "sv", "Är bussarna tillräckligt täta och punktliga på kvällen?"),
    ("double_barrelled", "sv", "Hur bedömer du renligheten och tryggheten i tunneln?"),
    ("blame", "sv", "Är det skolungdomarna som ligger bakom klottret?"),
    ("blame", "en", "How much do the teenagers at the station contribute to the trouble?"),
    ("blame", "en", "Are the students behind the rise in litter?"),
    # praise or alarm words about the very thing asked (valence lexicon)
    ("evaluative", "sv", "Vad tycker du om det fantastiska nya torget?"),
    ("evaluative", "sv", "Hur ser du på den oroväckande utvecklingen i centrum?"),
    ("evaluative", "en", "How do you feel about our wonderful new square?"),
    ("evaluative", "en", "How worried are you about the alarming rise in knife crime?"),
    # feelings piled up
    ("doubled", "sv", "Hur otrygg och rädd känner du dig i tunneln?"),
    ("doubled", "en", "How unsafe and afraid do you feel in the underpass?"),
    # one-sided answer options written into the question
    ("one_sided_scale", "sv", "Hur nöjd är du med belysningen? (mycket nöjd, ganska nöjd, nöjd)"),
    ("one_sided_scale", "sv", "Hur ofta ser du polisen på torget? (Ibland / Ofta / Mycket ofta)"),
    ("one_sided_scale", "en", "How would you rate the safety walk? (Good / Very good / Excellent)"),
    ("one_sided_scale", "sv", "Hur stort problem är klotter (mycket stort, stort, ganska stort)?"),
    ("one_sided_scale", "en",
     "How satisfied are you with the park (very satisfied, satisfied, fairly satisfied)?"),
    # the classifier, where no rule fires: an opinion on a measure
    ("learned", "sv", "Borde kiosken stänga tidigare?"),
    ("learned", "en", "Should the kiosk close earlier?"),
    # a measure put as a question
    ("measure", "sv", "Skulle ett vaktbolag på torget minska stölderna?"),
    ("measure", "sv", "Skulle du stödja ett förbud mot mopeder på cykelvägarna?"),
    ("measure", "en", "Would more adults in town cut the fights?"),
    ("measure", "en", "Would you support a ban on mopeds on the cycle paths?"),
    # double-barrelled
    ("double_barrelled", "sv", "Är du nöjd med belysningen och städningen i parken?"),
    ("double_barrelled", "sv", "Hur trygg känner du dig och hur ofta går du ut?"),
    ("double_barrelled", "en", "How satisfied are you with the lighting and the bus service?"),
    ("double_barrelled", "en", "How safe do you feel and how often do you go out?"),
    # Two different kinds of problem, one answer.
    ("double_barrelled", "sv", "Hur ofta ser du langning och nedskräpning vid skolan?"),
    ("double_barrelled", "en", "How often do drugs or vandalism affect your daily life?"),
    # Two settings, each of which may feel different, in one question.
    ("double_barrelled", "sv", "Hur trygg känner du dig i parken och på torget?"),
    ("double_barrelled", "en", "How safe do you feel in the park and on the square?"),
    # police methods
    ("police_method", "sv", "Hur ska polisen arbeta i ditt område?"),
    ("police_method", "sv", "Vad bör polisen göra vid torget?"),
    ("police_method", "en", "Should the police patrol the park?"),
    ("police_method", "en", "What should the police do about the square?"),
    # absolutes
    ("absolute", "sv", "Känner du dig alltid trygg i parken?"),
    ("absolute", "sv", "Tycker du att alla grannar hjälper varandra?"),
    ("absolute", "en", "Do you never walk in the park at night?"),
    ("absolute", "en", "Does everyone in your street know each other?"),
    # advice only
    ("jargon", "sv", "Vad tycker du om lägesbilden i området?"),
    ("jargon", "sv", "Hur märks samverkan mellan skolan och fritidsgården?"),
    ("jargon", "en", "What do you think of the crime prevention initiatives here?"),
    ("jargon", "en", "Where are the hotspots in your area?"),
    (
        "length",
        "sv",
        "Om du tänker på hur det har varit i ditt område under den senaste tiden, "
        "när du är ute på kvällen eller natten, hur trygg eller otrygg känner du dig då i "
        "allmänhet?",
    ),
    (
        "length",
        "en",
        "Thinking about how things have been in your area lately, when you are "
        "out in the evening or at night, how safe or unsafe do you feel there in general "
        "these days?",
    ),
]

MISSES = [
    # balanced agreement scales and plain questions
    ("suggestive", "sv", "I vilken grad håller du med om följande påstående?"),
    ("suggestive", "sv", "Hur trygg eller otrygg känner du dig på torget?"),
    ("suggestive", "en", "To what extent do you agree or disagree with this statement?"),
    ("suggestive", "en", "What don't you like about your street?"),
    ("suggestive", "sv", "Vad är det största problemet i ditt område?"),
    ("suggestive", "sv", "Vilken är den främsta anledningen till att du känner dig trygg?"),
    ("suggestive", "en", "What is the main reason you feel safe where you live?"),
    ("suggestive", "en", "What do you think is the biggest problem in your area?"),
    ("suggestive", "en", "Finally, is there anything else you would like to tell us?"),
    ("suggestive", "sv", "Vill du berätta något mer för oss?"),
    ("police_method", "en", "Would more lighting on the path make you feel safer?"),
    ("presupposition", "sv", "Hur trygg eller otrygg känner du dig när det är mörkt?"),
    ("presupposition", "en", "How safe or unsafe do you feel walking home?"),
    # open questions about causes, with no one pointed at
    ("blame", "sv", "Vad tror du gör att det känns otryggt vid stationen?"),
    ("presupposition", "en", "When you think of your street, how safe do you feel?"),
    ("presupposition", "sv", "Hur länge har du bott i ditt område?"),
    ("presupposition", "sv", "Vilka förbättringar skulle du vilja se i parken?"),
    ("presupposition", "en", "How long have you lived in the area?"),
    ("suggestive", "en", "How many times in the last year have you called the police?"),
    ("double_barrelled", "en", "Do you feel safe walking to and from school?"),
    ("double_barrelled", "en", "How much or how little do you trust the police?"),
    ("double_barrelled", "sv", "Är du för eller emot en ny lekplats vid skolan?"),
    ("blame", "en", "What do you think makes the station feel unsafe?"),
    ("blame", "en", "Are the bins behind the school emptied often enough?"),
    # topic words, balanced pairs and descriptions are not judgements
    ("evaluative", "sv", "Hur bra eller dåligt fungerar belysningen?"),
    ("evaluative", "sv", "Har du sett klotter, krossade rutor och annan skadegörelse i området?"),
    ("evaluative", "en", "How good or bad is the lighting on your street?"),
    ("evaluative", "en", "How easy or difficult is it to get help from the council?"),
    ("evaluative", "en", "How often do you worry about being a victim of crime?"),
    # one feeling, or both sides
    ("doubled", "sv", "Hur trygg eller rädd känner du dig i tunneln?"),
    ("doubled", "en", "How often do you feel unsafe or worried in the underpass?"),
    # answer options and instructions after the question are not the question's own feelings
    ("doubled", "en", "How well do you know your neighbours? (Very well, fairly well, not at all)"),
    ("doubled", "en", "Have you changed your habits? If yes, please describe how."),
    ("doubled", "sv",
     "Hur upplever du Stadsparken? (Mycket trevligt, ganska trevligt, ganska otrevligt)"),
    # balanced scales, frequency steps and examples
    ("one_sided_scale", "sv",
     "Hur nöjd är du? (mycket nöjd, ganska nöjd, ganska missnöjd, mycket missnöjd)"),
    ("one_sided_scale", "sv",
     "Hur stort problem är klotter (mycket stort, ganska stort, ganska litet, inget problem)?"),
    ("one_sided_scale", "sv", "Hur ofta känner du dig otrygg? (aldrig, sällan, ibland, ofta)"),
    ("one_sided_scale", "sv", "Vilken typ av verksamhet driver du? (t.ex. livsmedel, restaurang)"),
    ("one_sided_scale", "en",
     "How satisfied are you (very satisfied, fairly satisfied, fairly dissatisfied, very "
     "dissatisfied)?"),
    ("one_sided_scale", "en", "Did you report it to the police? Why or why not?"),
    ("evaluative", "en", "Do you feel comfortable letting your children play outside?"),
    ("evaluative", "en", "If you went to the meeting, how useful or not useful was it?"),
    ("evaluative", "sv", "Om du var med på vandringen, hur värdefull eller inte var den?"),
    # plain open questions the classifier leaves alone
    ("learned", "sv", "Vilka platser i ditt område undviker du, om några?"),
    ("learned", "en", "Which places in your area do you avoid, if any?"),
    ("learned", "en", "How often do you walk through the park?"),
    ("learned", "sv", "Hur ofta går du genom parken?"),
    # asking what would help, without proposing a measure
    ("measure", "sv", "Vad skulle göra att du kände dig tryggare här?"),
    ("measure", "en", "What would make you feel safer here?"),
    # neutral words
    ("loaded", "sv", "Hur stort problem är skadegörelse i ditt område?"),
    ("loaded", "en", "How much of a problem is vandalism in your area?"),
    # neutral change questions
    ("presupposition", "sv", "Hur har tryggheten i området förändrats?"),
    ("presupposition", "sv", "Varför känner du dig otrygg där?"),
    ("presupposition", "en", "How has your area changed in the past year?"),
    ("presupposition", "en", "Why do you avoid that place?"),
    # alternatives, lists of places, fixed pairs, follow-up "why"
    ("double_barrelled", "sv", "Hur trygg eller otrygg känner du dig på vägen mellan skolan och "
     "hemmet?"),
    ("double_barrelled", "sv", "Vilka platser undviker du, och varför?"),
    ("double_barrelled", "sv", "Är du nöjd med gång- och cykelvägarna?"),
    ("double_barrelled", "sv", "Vem eller vilka påverkas mest?"),
    ("double_barrelled", "en", "How safe or unsafe do you feel between the station and your home?"),
    ("double_barrelled", "en", "How safe or unsafe do you feel in and around the shopping centre?"),
    ("double_barrelled", "en", "How much of a problem is litter or rubbish in your street?"),
    ("double_barrelled", "en", "Where and when do you feel unsafe?"),
    ("double_barrelled", "en", "How worried are you that you and your family will be harmed?"),
    ("double_barrelled", "sv", "Hur stort problem är klotter, skräp och annan förstörelse?"),
    ("double_barrelled", "sv", "Har du sett något av följande: klotter, skräp eller bråk?"),
    ("double_barrelled", "en", "How often do you see litter or rubbish by the shops?"),
    ("double_barrelled", "en", "How much of a problem is litter, graffiti and other mess?"),
    # about residents, not police methods
    ("police_method", "sv", "Vad kan de som bor här göra för att området ska kännas tryggt?"),
    ("police_method", "en", "What could residents do to make the area feel safe?"),
    # frequency questions and "none of these" style wording
    ("absolute", "sv", "Hur ofta känner du dig otrygg? Välj alla som stämmer."),
    ("absolute", "sv", "Har du ingen särskild tid då du känner dig otrygg?"),
    ("absolute", "en", "How often, if at all, do you feel unsafe?"),
    ("absolute", "en", "Which of these have you seen? Choose all that apply."),
    ("absolute", "sv", "Har det blivit bättre, sämre eller ingen skillnad på torget?"),
    ("absolute", "en", "All things considered, how do you feel about your street?"),
    ("absolute", "en", "How would you describe your street to someone who has never been there?"),
    ("absolute", "sv", "Hur skulle du beskriva din gata för någon som aldrig har varit där?"),
    # everyday words, short questions
    ("jargon", "sv", "Vad fungerar bra i ditt område?"),
    ("jargon", "en", "What works well in your area?"),
    ("length", "sv", "Hur trygg eller otrygg känner du dig i ditt hem?"),
    ("length", "en", "How safe or unsafe do you feel in your home?"),
]


@pytest.mark.parametrize(("rule", "lang", "text"), HITS)
def test_rule_fires(rule: str, lang: str, text: str) -> None:
    result = check_question(text, lang)
    assert rule in {f.rule for f in result.findings}
    assert result.leading is (rule in LEADING_RULES)


@pytest.mark.parametrize(("rule", "lang", "text"), MISSES)
def test_rule_stays_quiet(rule: str, lang: str, text: str) -> None:
    assert rule not in rules(text, lang)


def test_every_rule_is_exercised_in_both_languages() -> None:
    hit = {(rule, lang) for rule, lang, _ in HITS}
    missed = {(rule, lang) for rule, lang, _ in MISSES}
    for rule in RULES:
        for lang in ("sv", "en"):
            assert (rule, lang) in hit
            assert (rule, lang) in missed


def test_severity_decides_leading() -> None:
    assert {name for name, r in RULES.items() if r.severity == "leading"} == LEADING_RULES
    advice_only = check_question("Vad tycker du om lägesbilden i området?", "sv")
    assert advice_only.findings and not advice_only.leading


def test_messages_are_in_the_requested_language() -> None:
    sv = check_question("Visst är det stökigt vid stationen?", "sv").findings[0]
    en = check_question("Don't you agree that the park is unsafe?", "en").findings[0]
    assert "Frågan" in sv.message and "Ställ" in sv.suggestion
    assert "question" in en.message and "Ask" in en.suggestion
    assert sv.match == "visst är"


def test_to_dict_shapes() -> None:
    result = check_question("Isn't it true that the square is unsafe?", "en")
    data = result.to_dict()
    assert data["leading"] is True
    assert set(data["findings"][0]) >= {"rule", "message", "suggestion", "severity"}
    assert result.findings[0].to_dict()["rule"] == "suggestive"


def test_auto_language() -> None:
    assert guess_language("Hur trygg känner du dig?") == "sv"
    assert guess_language("How safe do you feel?") == "en"
    assert check_question("Visst är det otryggt?", "auto").lang == "sv"


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        check_question("Wie sicher fühlen Sie sich?", "de")


def test_curly_quotes_and_case_do_not_hide_a_finding() -> None:
    assert "suggestive" in rules("DON’T YOU AGREE that the park is unsafe?", "en")


def test_a_judging_word_gets_the_question_without_it_as_a_suggestion() -> None:
    finding = check_question("Vad tycker du om det fantastiska nya torget?", "sv").findings[0]
    assert finding.rule == "evaluative" and finding.match == "fantastiska"
    assert "”Vad tycker du om det nya torget?”" in finding.suggestion
    en = check_question("How do you feel about our wonderful new square?", "en").findings[0]
    assert "“How do you feel about our new square?”" in en.suggestion


def test_a_classifier_flag_quotes_a_labelled_leading_question_and_names_the_words() -> None:
    leading_texts = {e.text for e in load_examples() if e.leading}
    result = check_question("Does the park need more benches?", "en")
    assert [f.rule for f in result.findings] == ["learned"]
    finding = result.findings[0]
    assert finding.match in leading_texts
    assert f"such as “{finding.match}”" in finding.message
    assert "these words weigh most: “more”" in finding.message
    assert "{" not in finding.message + finding.suggestion and finding.suggestion
    sv = check_question("Behövs det fler bänkar i parken?", "sv").findings[0]
    assert sv.rule == "learned" and sv.match in leading_texts
    assert sv.message.startswith("Frågan liknar frågor som kontrollen har lärt sig är ledande")
    # the words named are the small word model's, whatever it weighs for this question
    for word in filter(None, dict(sv.details)["weighing"].split("|")):
        assert f"”{word.strip()}”" in sv.message


def test_the_explanation_is_written_again_in_the_staff_language() -> None:
    learned = check_question("Behövs det fler bänkar i parken?", "sv").findings[0]
    english = render_finding(learned, "en")
    assert english.message.startswith("The question reads like questions the check learned")
    assert english.match == learned.match
    for word in filter(None, dict(learned.details)["weighing"].split("|")):
        assert f"“{word.strip()}”" in english.message
    evaluative = check_question("Vad tycker du om det fantastiska nya torget?", "sv").findings[0]
    assert "“Vad tycker du om det nya torget?”" in render_finding(evaluative, "en").suggestion


class _Fixed(LeadingModel):
    """A classifier that gives every question the same estimate."""

    def __init__(self, probability: float) -> None:
        self.fixed = probability

    def probabilities(self, texts: list[tuple[str, str]]) -> list[float]:
        return [self.fixed for _ in texts]


def test_a_clearly_neutral_reading_overrules_pairs_and_inline_options_only() -> None:
    pair = "How often do you see litter or graffiti in the parks?"
    assert check_question(pair, "en", model=_Fixed(0.9)).leading
    overruled = check_question(pair, "en", model=_Fixed(0.1))
    assert not overruled.leading
    assert [(f.rule, f.severity) for f in overruled.findings] == [("double_barrelled", "advice")]
    options = "Did you report the incident to the police? If not, why not?"
    assert check_question(options, "en", model=_Fixed(0.9)).leading
    assert not check_question(options, "en", model=_Fixed(0.1)).leading
    # options that are one word in degrees, or all on the high side, stand
    firm = "How would you rate the evening? (Good / Very good / Excellent)"
    assert check_question(firm, "en", model=_Fixed(0.1)).leading
    no_low_end = "Hur ofta ser du polisen? (Ibland / Ofta / Mycket ofta)"
    assert check_question(no_low_end, "sv", model=_Fixed(0.1)).leading
    assert check_question("Hur orolig är du? (lite orolig / ganska orolig / mycket orolig)", "sv",
                          model=_Fixed(0.0)).leading
    # a second question, and word rules, stand whatever the classifier reads
    assert check_question("How safe do you feel and how often do you go out?", "en",
                          model=_Fixed(0.1)).leading
    assert check_question("How do you feel in this lawless area?", "en", model=_Fixed(0.0)).leading


def test_balance_names_both_poles_or_a_way_out() -> None:
    assert balance("how much or how little do you trust the police?", "en") == Balance(
        "pair", "much or how little"
    )
    assert balance("hur troligt eller otroligt är det?", "sv") == Balance(
        "pair", "troligt eller otroligt"
    )
    assert balance("vad skulle kommunen kunna göra, om något, för dig?", "sv") == Balance(
        "way_out", "om något"
    )
    assert balance(
        "some people think cameras help, while others think they make no difference.", "en"
    ) is not None
    assert balance("how safe do you feel or how often do you go out?", "en") is None
    assert balance("hur nöjd eller glad är du?", "sv") is None


def test_a_balanced_question_is_read_as_balanced() -> None:
    # both poles: one scale, not two questions; a judging word with its opposite is no judgement
    assert not check_question("How much or how little do you trust the police?", "en").leading
    assert not check_question("Hur troligt eller otroligt är det att du utsätts för brott?",
                              "sv").leading
    # a way out cancels one-sided options, absolute words and police methods
    options = "Har du märkt någon förändring av klottret? (mer, mindre, ingen förändring, vet inte)"
    assert not check_question(options, "sv", model=_Fixed(0.4)).leading
    open_method = "Which of the following, if any, would make you feel safer? (more police, other)"
    assert not check_question(open_method, "en", model=_Fixed(0.6)).leading
    # the classifier overrules a word rule on a balanced question only when it reads it neutral
    loaded = "How much or how little do you trust the lawless police?"
    assert check_question(loaded, "en", model=_Fixed(BALANCED_VETO)).leading
    assert not check_question(loaded, "en", model=_Fixed(BALANCED_VETO - 0.01)).leading
    # a pair of poles says nothing about a second place beside it
    places = "Hur trygg eller otrygg känner du dig i parken och på torget?"
    assert check_question(places, "sv", model=_Fixed(BALANCED_VETO - 0.1)).leading
    # and never flags a balanced question on its own
    assert not check_question("Hur bra eller dåligt sköts parken?", "sv", model=_Fixed(1.0)).leading


def test_the_classifier_flags_alone_only_when_confident() -> None:
    question = "How often do you visit the library?"
    assert not check_question(question, "en", model=_Fixed(THRESHOLD - 0.01)).leading
    assert not check_question(question, "en", model=default_model()).findings


def test_the_classifier_is_not_consulted_when_a_rule_already_explains_the_flag() -> None:
    result = check_question("Visst är det stökigt vid stationen?", "sv")
    assert "learned" not in {f.rule for f in result.findings}


def test_translations_into_other_languages_are_left_to_the_rules() -> None:
    """Staff check every language's text (as Swedish); the classifier learned sv and en only."""
    from surveys.templates import TEMPLATES

    others = [text for t in TEMPLATES for lang, text in t.text.items() if lang not in ("sv", "en")]
    assert len(others) >= 150
    assert [text for text in others if check_question(text, "sv").leading] == []
