"""extract(): each rule of the issue on a text made for it."""

from __future__ import annotations

from api.extraction import Extraction, KnownActor, QuoteSuggestion, extract

ACTORS = (
    KnownActor("anders-fogh-rasmussen", "Anders Fogh Rasmussen", "person", ("Rasmussen",)),
    KnownActor("dmitry-medvedev", "Dmitry Medvedev", "person"),
    KnownActor("russia", "Russia", "state", ("Moscow", "the Kremlin", "the Russians")),
    KnownActor("nato", "NATO", "alliance", ("the Alliance",)),
    KnownActor("john-smith", "John Smith", "person"),
    KnownActor("jane-smith", "Jane Smith", "person"),
)


def only(found: Extraction, kind: str) -> list[QuoteSuggestion]:
    return [q for q in found.quotes if q.kind == kind]


def check_spans(text: str, found: Extraction) -> None:
    for q in found.quotes:
        assert text[q.start : q.end] == q.text
        if q.speaker:
            assert text[q.speaker.start : q.speaker.end] == q.speaker.text
        if q.cue:
            assert text[q.cue.start : q.cue.end] == q.cue.text


def test_direct_quote_with_speaker_after() -> None:
    text = '"We want adequate protection for Russia," Medvedev said in televised remarks.'
    found = extract(text, ACTORS)
    check_spans(text, found)
    (q,) = only(found, "direct")
    assert q.text == "We want adequate protection for Russia,"
    assert q.speaker and q.speaker.text == "Medvedev"
    assert q.speaker.name == "Medvedev"
    assert q.speaker.actor and q.speaker.actor.id == "dmitry-medvedev"
    assert q.cue and q.cue.text == "said"
    assert q.confidence >= 0.8


def test_surname_resolves_to_the_fullest_name() -> None:
    text = (
        "NATO Secretary General Anders Fogh Rasmussen met the envoys.\n"
        '"We will build two systems," Rasmussen said.'
    )
    (q,) = only(extract(text, ACTORS), "direct")
    assert q.speaker and q.speaker.text == "Rasmussen"
    assert q.speaker.name == "Anders Fogh Rasmussen"
    assert q.speaker.actor and q.speaker.actor.id == "anders-fogh-rasmussen"


def test_pronoun_resolves_to_the_person_before_it() -> None:
    text = (
        "President Dmitry Medvedev spoke in Moscow on Tuesday.\n"
        "“Our partners have to understand,” he said."
    )
    (q,) = only(extract(text, ACTORS), "direct")
    assert q.speaker and q.speaker.text == "he"
    assert q.speaker.name == "Dmitry Medvedev"
    assert q.speaker.actor and q.speaker.actor.id == "dmitry-medvedev"


def test_speaker_before_the_quotation() -> None:
    text = 'Earlier, envoy Dmitry Rogozin said "Russia has proposed two systems. This is final".'
    found = extract(text, ACTORS)
    (q,) = only(found, "direct")
    assert q.text == "Russia has proposed two systems. This is final"
    assert q.speaker and q.speaker.name == "Dmitry Rogozin"
    assert q.speaker.actor is None  # not on record


def test_broken_quotation_gives_one_suggestion_per_part() -> None:
    text = "“We will not leave,” he said, “and we will not give in.”"
    text = "Mayor Jane Doe spoke.\n" + text
    found = extract(text)
    check_spans(text, found)
    parts = only(found, "direct")
    assert [p.text for p in parts] == ["We will not leave,", "and we will not give in."]
    assert {p.speaker.name for p in parts if p.speaker} == {"Jane Doe"}
    assert all(p.speaker is not None for p in parts)


def test_quotation_over_paragraphs_is_one_block() -> None:
    text = (
        "Rasmussen spoke at length.\n\n"
        "“We have a plan,” Rasmussen said. “It is a good plan.\n\n"
        "“It will protect all of Europe.”\n\nThe talks went on."
    )
    found = extract(text, ACTORS)
    check_spans(text, found)
    (block,) = only(found, "block")
    assert block.text == "It is a good plan.\n\n“It will protect all of Europe."
    assert (
        block.speaker and block.speaker.actor and block.speaker.actor.id == "anders-fogh-rasmussen"
    )


def test_paragraph_after_a_colon_is_a_block() -> None:
    text = (
        "NATO Secretary General Anders Fogh Rasmussen has repeatedly stated this:\n\n"
        "What we have in mind is cooperation between two independent systems.\n\n"
        "The Americans agree."
    )
    found = extract(text, ACTORS)
    check_spans(text, found)
    (block,) = only(found, "block")
    assert block.text == "What we have in mind is cooperation between two independent systems."
    assert block.speaker and block.speaker.name == "Anders Fogh Rasmussen"


def test_quoted_paragraph_after_a_colon_is_a_block_without_its_marks() -> None:
    text = "Kasparov argued this:\n\n“America offered Putin a veto. It was wrong.”\n\nMore."
    (block,) = only(extract(text), "block")
    assert block.text == "America offered Putin a veto. It was wrong."
    assert block.speaker and block.speaker.text == "Kasparov"


def test_scare_quote_has_no_speaker() -> None:
    text = "The 2009 symbolic “reset” in relations was hailed by many."
    (q,) = extract(text).quotes
    assert q.kind == "partial"
    assert q.text == "reset"
    assert q.speaker is None
    assert q.cue is None
    assert q.confidence < 0.3


def test_partial_quote_inside_reported_speech_takes_its_speaker() -> None:
    text = "In May, Medvedev warned about the possibility of a “new Cold War” if talks failed."
    found = extract(text, ACTORS)
    (partial,) = only(found, "partial")
    assert partial.text == "new Cold War"
    assert (
        partial.speaker and partial.speaker.actor and partial.speaker.actor.id == "dmitry-medvedev"
    )
    (reported,) = only(found, "reported")
    assert reported.text == "the possibility of a “new Cold War” if talks failed"


def test_reported_speech_that_clause() -> None:
    text = "Russia insists that it needs commitments from the US and NATO."
    found = extract(text, ACTORS)
    (q,) = only(found, "reported")
    assert q.text == "it needs commitments from the US and NATO"
    assert q.cue and q.cue.text == "insists"
    assert q.speaker and q.speaker.actor and q.speaker.actor.id == "russia"


def test_reported_speech_told_reporters() -> None:
    text = "Foreign Minister Anna Berg told reporters the talks had failed completely."
    (q,) = only(extract(text), "reported")
    assert q.text == "the talks had failed completely"
    assert q.speaker and q.speaker.name == "Anna Berg"


def test_according_to() -> None:
    text = "According to the ministry, the talks have broken down for good."
    (q,) = only(extract(text), "reported")
    assert q.text == "the talks have broken down for good"
    assert q.cue and q.cue.text == "According to"
    assert q.speaker and q.speaker.text == "the ministry"
    text = "The talks have broken down, according to Moscow."
    (q,) = only(extract(text, ACTORS), "reported")
    assert q.text == "The talks have broken down"
    assert q.speaker and q.speaker.actor and q.speaker.actor.id == "russia"


def test_actor_linked_by_alias_only_for_demonyms() -> None:
    text = "The Russians have said that they might pull out of the treaty."
    (q,) = only(extract(text, ACTORS), "reported")
    assert q.speaker and q.speaker.actor and q.speaker.actor.id == "russia"
    (q,) = only(extract(text, ()), "reported")
    assert q.speaker and q.speaker.actor is None


def test_surname_links_only_when_unique_among_known_actors() -> None:
    text = "Smith said the plan would fail within a year."
    (q,) = only(extract(text, ACTORS), "reported")
    assert q.speaker and q.speaker.actor is None  # two known Smiths
    (q,) = only(extract(text, ACTORS[:5]), "reported")
    assert q.speaker and q.speaker.actor and q.speaker.actor.id == "john-smith"


def test_speakers_list_every_mention() -> None:
    text = (
        "President Dmitry Medvedev spoke in Moscow.\n"
        "“We want protection,” Medvedev said.\n"
        "“And we want it now,” he added."
    )
    found = extract(text, ACTORS)
    (summary,) = [s for s in found.speakers if s.actor and s.actor.id == "dmitry-medvedev"]
    assert summary.name == "Dmitry Medvedev"
    assert [m.text for m in summary.mentions] == ["Dmitry Medvedev", "Medvedev", "he"]
    for m in summary.mentions:
        assert text[m.start : m.end] == m.text


def test_nothing_to_find() -> None:
    assert extract("") == Extraction((), ())
    assert extract("No quotes here at all.").quotes == ()


def test_short_sentence_before_a_cue_is_direct() -> None:
    text = "Mayor Jane Doe met voters on Monday.\n“I will,” she said."
    (q,) = extract(text).quotes
    assert (q.kind, q.text) == ("direct", "I will,")
    assert q.speaker and q.speaker.name == "Jane Doe"
