"""extract(): speakers from context, gender, joint speakers, transcripts, lists after colons."""

from __future__ import annotations

from api.extraction import QuoteSuggestion, extract


def kinds(found, kind: str) -> list[QuoteSuggestion]:
    return [q for q in found.quotes if q.kind == kind]


def test_she_resolves_to_the_woman_not_the_nearer_man() -> None:
    text = (
        "Today, Karoline Leavitt completes her final day as press secretary.\n\n"
        "President Donald J. Trump called her “one of the best.”\n\n"
        "She rejected the question: “What a stupid question.”"
    )
    (q,) = [q for q in kinds(extract(text), "direct")]
    assert q.text == "What a stupid question."
    assert q.speaker and q.speaker.text == "She"
    assert q.speaker.name == "Karoline Leavitt"


def test_quotation_paragraphs_after_a_lead_in_take_its_speaker() -> None:
    text = (
        "Secretary of the Treasury Scott Bessent touted the economy.\n\n"
        "“Core inflation is low. Consumer confidence is up.”\n\n"
        "“We had the biggest tax refund season ever.”"
    )
    found = kinds(extract(text), "direct")
    assert [q.speaker.name if q.speaker else None for q in found] == ["Scott Bessent"] * 2


def test_lead_in_with_a_colon_reports_its_own_words_too() -> None:
    text = (
        "President Trump highlighted America’s strong negotiating position: "
        "“We’re in a very strong negotiating position.” (Watch)"
    )
    found = extract(text)
    (direct,) = kinds(found, "direct")
    assert direct.speaker and direct.speaker.text == "President Trump"
    (reported,) = kinds(found, "reported")
    assert reported.text == "America’s strong negotiating position"


def test_a_list_after_a_colon_is_no_quotation() -> None:
    text = (
        "Actions under consideration include:\n\n"
        "Diplomatic calls from the Secretary of State to foreign nations.\n\n"
        "the administration is outlining key planks of an agenda:\n\n"
        "zero net carbon buildings at zero net cost;"
    )
    assert kinds(extract(text), "block") == []


def test_a_title_of_a_place_stays_out_of_the_name() -> None:
    text = "Prime Minister of Canada Justin Trudeau said, “Developing clean energy is central.”"
    (q,) = extract(text).quotes
    assert q.speaker and q.speaker.name == "Justin Trudeau"
    assert q.speaker.text == "Prime Minister of Canada Justin Trudeau"


def test_two_leaders_are_one_joint_speaker() -> None:
    text = (
        "President Joseph R. Biden, Jr. met with President Xi Jinping of China.\n\n"
        "The two leaders agreed that senior officials would keep talking."
    )
    (q,) = kinds(extract(text), "reported")
    assert q.speaker and q.speaker.text == "The two leaders"
    assert set(q.speaker.name.split(" and ")) == {"Joseph R. Biden, Jr.", "Xi Jinping"}


def test_a_definite_description_is_the_person_with_that_title() -> None:
    text = (
        "President Joseph R. Biden, Jr. attended the summit.\n\n"
        "The President reviewed efforts to deliver on his vision for the region."
    )
    (q,) = kinds(extract(text), "reported")
    assert q.speaker and q.speaker.text == "The President"
    assert q.speaker.name == "Joseph R. Biden, Jr."


def test_quotation_inside_a_quotation_is_direct_with_its_own_speaker() -> None:
    text = (
        "President Trump reaffirmed his view: “NATO said to me, ‘No, we’ll send somebody as "
        "soon as it’s over.’ That’s not good enough.”"
    )
    inner = [q for q in kinds(extract(text), "direct") if q.text.startswith("No,")]
    assert len(inner) == 1
    assert inner[0].speaker and inner[0].speaker.name == "NATO"


def test_short_sentence_after_a_cue_is_direct() -> None:
    text = "Mayor Jane Doe stood up. One girl said, “Mr. President” — and then “Mom!”"
    found = kinds(extract(text), "direct")
    assert "Mr. President" in [q.text for q in found]


def test_transcript_first_person_is_the_turn_speaker() -> None:
    text = (
        "Press Gaggle by National Security Advisor John Kirby\n\n"
        "MODERATOR:  Thanks, everyone.\n\n"
        "MR. KIRBY:  Good morning. Yesterday I told the reporters that the talks had failed.\n\n"
        "Q    Thank you. You said that the talks had failed completely?"
    )
    found = kinds(extract(text), "reported")
    names = {q.speaker.name for q in found if q.speaker}
    assert names == {"John Kirby"}


def test_a_pronoun_inside_a_quotation_does_not_reach_a_name_quoted_there() -> None:
    text = (
        "The special counsel wrote a report.\n\n"
        "“Mr. Biden turned in documents,” it said.\n\n"
        "Here’s what he wrote: “There is a shortage of evidence.”"
    )
    last = kinds(extract(text), "direct")[-1]
    assert last.speaker and last.speaker.text == "he"
    assert last.speaker.name != "Biden"
