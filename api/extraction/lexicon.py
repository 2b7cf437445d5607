"""The word lists names are judged by: titles, sentence openers, organisation words."""

from __future__ import annotations

TITLES = frozenset(
    """
    president vice prime minister secretary general gen. ambassador senator sen. rep.
    representative gov. governor mayor mr. mr mrs. mrs ms. ms miss dr. dr prof. professor
    chancellor king queen prince princess pope chief director chairman chairwoman chair
    spokesman spokeswoman spokesperson commissioner judge justice attorney admiral adm. colonel
    col. lt. lieutenant major maj. captain capt. sergeant sgt. deputy foreign defense defence
    interior finance senior executive officer lord lady sir dame rev. reverend bishop archbishop
    cardinal sheikh emir premier speaker leader commander marshal envoy congressman
    congresswoman councillor councilman press secretary-general president-elect state
    secretaries presidents ministers senators governors ambassadors spokesmen officials
    war health human services treasury commerce energy homeland security labor education
    agriculture transportation veterans affairs housing justice founding father fathers
    advisor adviser communications comms
    sheriff chairperson mp mep coach manager ceo founder co-founder editor superintendent
    inspector constable detective prosecutor solicitor minister-president taoiseach dean
    rector provost headteacher principal captain skipper
    broadcaster journalist author actor actress singer musician producer designer activist
    lawyer economist historian scientist researcher physician surgeon pastor priest rabbi imam
    chef analyst podcaster comedian rapper host presenter anchor commentator columnist
    businessman businesswoman entrepreneur ecologist biologist zoologist physicist chemist
    psychologist sociologist epidemiologist virologist geologist astronomer
    blogger sportswriter writer reporter correspondent
    legislator lawmaker assemblyman assemblywoman democrat republican administrator
""".split()  # noqa: SIM905 (a word list reads best as text)
)
# Professions by their ending ("Immunologist Kristian Andersen", "physician", "photographer")
_PROFESSION_ENDINGS = ("ologist", "ician", "ographer")


def is_title(word: str) -> bool:
    """A lower-case word that is a title or a profession before a name."""
    return word in TITLES or word.endswith(_PROFESSION_ENDINGS)


# Words of a title that name its field, not a person's office ("Health" Secretary).
DOMAINS = frozenset(
    """
    war health human services treasury commerce energy homeland security labor education
    agriculture transportation veterans affairs housing foreign defense defence interior
    finance state press communications comms founding senior executive
""".split()  # noqa: SIM905 (a word list reads best as text)
)
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())  # noqa: SIM905
MONTHS = frozenset(
    """
    january february march april may june july august september october november december
""".split()  # noqa: SIM905 (a word list reads best as text)
)
# Capitalised words that open sentences rather than names.
STARTERS = WEEKDAYS | frozenset(
    """
    a an the in on at of for from to by with as but and or so yet if when while after before
    since until even also still plus meanwhile earlier later then now thus indeed however
    although though because despite during judging soon perhaps sure this that these those there
    here it its his her their our my your we they he she i you what why how who which where last
    next some many most few all both each every one two three according yesterday today tomorrow
    former late acting outgoing incoming retired fellow then incumbent ex
""".split()  # noqa: SIM905 (a word list reads best as text)
)
ORG_WORDS = frozenset(
    """
    department ministry council institute university agency commission committee office
    government party union bank company corporation corp inc association organization
    organisation program programme administration house senate congress parliament court army
    navy force forces service services news radio times post journal press television network
    foundation center centre group league alliance treaty summit republic kingdom states nations
    federation airport street station square liberty project initiative fund board authority
    bureau police church school college hospital club team front movement embassy cabinet
    kremlin pentagon nato un eu agency reuters agence war summit treaty day act bill law plan
    approach defense defence missile system start era
    north south east west united korea china sea ocean strait gulf bay island islands river
    mountain mountains city county province region arabia africa america asia europe zealand
    lanka guinea sudan coast valley peninsula middle pacific atlantic baltic caribbean hong kong
    new framework partnership consensus economic
    democratic people peoples allies archives memorial monument museum park hall library
    brigade guard guards patrol squad unit corps division regiment battalion fleet command
    tribunal assembly legislature coalition channel newspaper magazine airline airlines airways
    railway railways laboratory society trust charity confederation secretariat directorate
    inspectorate prosecutors prosecution clinic stadium prison ltd plc llc gmbh
    rights watch international amnesty crisis archive public health national conference
    protection safety research science sciences studies medical resources development
    el los las san santa são sao tel port fort mount lake cape paso vegas angeles francisco
    presidency management emergency disaster relief survey
""".split()  # noqa: SIM905 (a word list reads best as text)
)
# Last words of a company's full name ("Ford Motor Company", "Salling Group").
COMPANY_ENDINGS = frozenset(
    "company corporation corp inc ltd limited group holdings plc llc airlines airways".split()  # noqa: SIM905
)
# Organisation words that are also people's names ("Doris Day", "Bill Brown", "Sarah Hall"):
# they rule a name out only when the text never uses its last word alone, as it does for a
# person ("Day said") and rarely for a place or thing ("Labor Day").
SURNAME_LIKE = frozenset(
    """
    day bill park hall law church court post west north south east bay house field start major
""".split()  # noqa: SIM905 (a word list reads best as text)
)

PRONOUNS = {
    "he": "person",
    "she": "person",
    "him": "person",
    "her": "person",
    "they": "group",
    "them": "group",
    "it": "body",
    "his": "person",
    "their": "group",
    "its": "body",
}
