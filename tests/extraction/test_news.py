"""extract() on the shapes of wire and Wikinews copy: names the tagger misreads, descriptions
that end in a name, bodies and their papers, pronoun chains, quotations inside reported words."""

from __future__ import annotations

from api.extraction import QuoteSuggestion, cues, extract
from api.extraction.names import NameBook


def only(text: str, kind: str) -> QuoteSuggestion:
    (q,) = [q for q in extract(text).quotes if q.kind == kind]
    return q


def speaker_name(q: QuoteSuggestion) -> str | None:
    return q.speaker.name if q.speaker else None


def test_a_surname_the_tagger_reads_as_a_noun_is_the_full_name() -> None:
    text = (
        "President Donald Trump met them on Monday. Trump tweeted he was not aware of the "
        "event but would go to see it anyway."
    )
    q = only(text, "reported")
    assert q.text == "he was not aware of the event but would go to see it anyway"
    assert speaker_name(q) == "Donald Trump"


def test_an_organisation_word_can_be_a_surname_when_the_text_uses_it_alone() -> None:
    book = NameBook("Singer Doris Day died on Monday. Day said she loved animals. Labor Day came.")
    assert book.is_person("Day")
    assert book.full_name("Day", 40) == "Doris Day"
    assert not NameBook("They marched on Labor Day. It rained.").is_person("Labor Day")


def test_a_surname_behind_a_lower_case_article_belongs_to_the_name() -> None:
    text = (
        "At the opening of the summit, AU chairperson President Abdel Fattah el-Sisi of Egypt "
        'said, "The success of the agreement will be the real test."'
    )
    assert speaker_name(only(text, "direct")) == "Abdel Fattah el-Sisi"


def test_a_description_ending_in_a_name_is_that_person() -> None:
    text = (
        "The then-manager of Barmouth Publicity and Director of the Tourism Partnership, David "
        'Clay, said "An area like this cannot afford to lose such a quality hotel."'
    )
    assert speaker_name(only(text, "direct")) == "David Clay"


def test_a_title_to_a_body_stays_out_of_the_name() -> None:
    text = (
        "Former US Ambassador to the United Nations Nikki Haley wrote on Twitter, "
        '"We must always have the backs of our allies."'
    )
    assert speaker_name(only(text, "direct")) == "Nikki Haley"


def test_a_pronoun_stands_for_the_sentence_subject_not_the_nearer_name() -> None:
    text = (
        "Refusing to give up power, Robert Mugabe agreed to a deal in which Morgan Tsvangirai "
        'became prime minister. "Only God who appointed me will remove me," he declared.'
    )
    assert speaker_name(only(text, "direct")) == "Robert Mugabe"


def test_a_pronoun_passes_over_a_name_after_a_preposition() -> None:
    text = (
        "Crown Prince Mohammad bin Salman accepted responsibility. Speaking to Martin Smith of "
        'PBS, he said, "It happened under my watch."'
    )
    assert speaker_name(only(text, "direct")) == "Mohammad bin Salman"


def test_a_same_gender_pronoun_opening_a_sentence_continues_the_chain() -> None:
    text = (
        "Doris Kappelhoff had one child with her first husband, Al Jorden. She was also married "
        "to George Weidler and Marty Melcher. She said Jorden had been abusive to her."
    )
    assert speaker_name(only(text, "reported")) == "Doris Kappelhoff"


def test_papers_and_figures_speak_for_their_issuer() -> None:
    text = (
        "According to data from the Gun Violence Archive, the shooting followed four deadly "
        "mass shootings that week."
    )
    q = only(text, "reported")
    assert q.text == "the shooting followed four deadly mass shootings that week"
    assert speaker_name(q) == "Gun Violence Archive"
    issued = only(
        "Presidential physician Sean Conley issued a statement saying Trump has been given zinc.",
        "reported",
    )
    assert speaker_name(issued) == "Sean Conley"


def test_a_bracketed_short_name_and_a_definite_description_name_the_body() -> None:
    text = (
        "The California Department of Forestry and Fire Protection (CalFire) said the fire was "
        "out. CalFire said several acres of land burned before the flames were extinguished. "
        "The US Embassy in London declined the request. The embassy said the family had left."
    )
    names = [speaker_name(q) for q in extract(text).quotes if q.kind == "reported"]
    assert names[1] == "California Department of Forestry and Fire Protection"
    assert names[-1] == "US Embassy in London"


def test_reported_words_may_hold_a_quotation() -> None:
    text = (
        "Bank president Okey Oramah said the use of foreign currencies "
        '"costs Africa between $5 and $7 billion," further saying, "Beyond that, it reduces '
        'trade."'
    )
    reported = only(text, "reported")
    assert reported.text.startswith("the use of foreign currencies")
    assert "costs Africa" in reported.text
    assert speaker_name(reported) == "Okey Oramah"
    assert speaker_name(only(text, "partial")) == "Okey Oramah"


def test_a_quotation_the_writer_s_clause_runs_into_is_partial() -> None:
    text = (
        'Andy Vesey said the firm was working to install "100 miles of stronger poles and '
        'covered power lines to reduce wildfire risk." Vesey also indicated more work ahead.'
    )
    assert only(text, "partial").text.startswith("100 miles")


def test_a_name_in_quotation_marks_is_partial_and_a_lower_case_clause_after_a_cue_is_direct() -> (
    None
):
    titled = extract('The programme was called "Learning Together" by its founders.').quotes
    assert [q.kind for q in titled] == ["partial"]
    said = 'President Donald Trump congratulated her, saying, "hopefully we can get a lot done."'
    assert only(said, "direct").text == "hopefully we can get a lot done."


def test_a_cue_after_the_closing_mark_names_its_speaker() -> None:
    text = (
        '"I am in awe of the people who ran towards danger" tweeted Mayor of London Sadiq Khan '
        "on Friday."
    )
    assert speaker_name(only(text, "direct")) == "Sadiq Khan"


def test_a_quotation_after_a_comma_is_the_clause_subject_s() -> None:
    text = (
        'Trump, also on Twitter, defended his decision, "As I have stated strongly before, '
        'I will totally destroy the economy of Turkey."'
    )
    assert speaker_name(only(text, "direct")) == "Trump"


def test_a_that_less_clause_read_as_an_object_is_still_reported() -> None:
    text = (
        "Jerrold Nadler of New York has repeatedly maintained an impeachment inquiry is what "
        "the committee is already doing."
    )
    q = only(text, "reported")
    assert q.text == "an impeachment inquiry is what the committee is already doing"
    assert speaker_name(q) == "Jerrold Nadler"


def test_a_name_and_a_common_noun_joined_speak_together() -> None:
    text = "Trump and his supporters claimed Joe Biden only won the election due to voter fraud."
    q = only(text, "reported")
    assert q.text == "Joe Biden only won the election due to voter fraud"
    assert speaker_name(q) == "Trump and his supporters"


def test_according_to_after_and_reports_what_follows_and_keeps_the_body_whole() -> None:
    text = (
        "Mugabe was treated in Singapore this year and according to the Ministry of Foreign "
        "Affairs he died at Gleneagles Hospital in the morning."
    )
    q = only(text, "reported")
    assert q.text == "he died at Gleneagles Hospital in the morning"
    assert speaker_name(q) == "Ministry of Foreign Affairs"


def test_negated_and_guessed_cues_report_nothing() -> None:
    assert extract("The crown prince did not say he had ordered the killing.").quotes == ()
    found = extract("Officials said Trump might have encouraged Zelensky to investigate.").quotes
    assert [(q.cue.text if q.cue else None) for q in found] == ["said"]


def test_an_inserted_according_to_reports_its_whole_sentence() -> None:
    q = only("One child was, according to the fire service, among the dead.", "reported")
    assert q.text == "One child was, according to the fire service, among the dead"
    assert q.speaker is not None and q.speaker.text == "the fire service"


def test_a_whole_clause_quoted_after_said_that_is_direct() -> None:
    text = (
        'Indonesian President Joko Widodo stated that "Indonesia is committed to using the '
        'energy transition to achieve a green economy."'
    )
    q = only(text, "direct")
    assert speaker_name(q) == "Joko Widodo"


def test_a_sentence_told_to_someone_or_edited_in_brackets_is_direct() -> None:
    told = (
        'Asked about the claim, Biden told host Mika Brzezinski "No, it is not true. It never '
        'happened."'
    )
    q = only(told, "direct")
    assert q.text.startswith("No, it is not true.")
    assert speaker_name(q) == "Biden"
    edited = (
        'Tim Manning said FEMA had "a role in coordinating the larger response" and '
        '"[i]f there\'s an emergency, FEMA needs to be involved."'
    )
    assert only(edited, "direct").text.startswith("[i]f there")
    colon = 'Gray cited rugby: "one in, all in. I did what any Londoner would do."'
    assert only(colon, "direct").text.startswith("one in, all in.")


def test_a_clause_after_said_is_direct_unless_the_writer_s_sentence_runs_on() -> None:
    whole = (
        'The proclamation specifically said "the outbreak in the United States constitutes a '
        'national emergency" and took effect at once.'
    )
    assert only(whole, "direct").text.endswith("national emergency")
    runs_on = (
        'However, she added, "there are no locked doors in accommodation spaces" where the '
        "passengers would have been."
    )
    assert [q.kind for q in extract(runs_on).quotes if q.kind != "reported"] == ["partial"]
    caption = '"Where is David Cameron? Danny Dyer for PM" sign at the march.'
    assert [q.kind for q in extract(caption).quotes] == ["partial"]


def test_a_paper_named_for_its_issuer_speaks_for_it() -> None:
    text = (
        "According to Johns Hopkins University data, more than a million people had been "
        "infected by Thursday."
    )
    assert speaker_name(only(text, "reported")) == "Johns Hopkins University"


def test_a_question_put_to_someone_reports_nothing() -> None:
    text = (
        "Wikinews interviewed Zara Kay, the founder of Faithless Hijabi, about her work.\n\n"
        "((WN))  How did you start?\n\n"
        "((Zara Kay))  I started it in 2019.\n\n"
        "((WN))  What do you think are the hurdles to discussing the questions about Islam?\n\n"
        "((Zara Kay))  I think there is a lot of political correctness."
    )
    assert [q.text for q in extract(text).quotes if "hurdles" in q.text] == []


def test_a_coordinated_clause_after_the_reported_words_goes_on_reporting() -> None:
    text = (
        "A spokesperson for Stagecoach South said their thoughts were with the children and "
        "their families, and they were carrying out an internal investigation."
    )
    assert only(text, "reported").text.endswith("carrying out an internal investigation")
    two = "Police said the driver fled and noted that the road was closed."
    assert [q.text for q in extract(two).quotes] == ["the driver fled", "the road was closed"]


def test_a_body_is_named_without_its_description_and_an_owner_by_full_name() -> None:
    led = "Late on Sunday, the Kurdish-led Syrian Democratic Forces announced it had a deal."
    assert speaker_name(only(led, "reported")) == "Syrian Democratic Forces"
    owned = (
        "Turkish President Recep Tayyip Erdogan spoke to Trump. Erdogan's office said the two "
        "leaders had agreed to meet."
    )
    assert speaker_name(only(owned, "reported")) == "Recep Tayyip Erdogan's office"
    asked = 'Are you aware Electronic Frontier Foundation said it was a "disappointing move"?'
    assert speaker_name(only(asked, "partial")) == "Electronic Frontier Foundation"


def test_a_description_is_no_one_named_only_inside_it_or_with_another_title() -> None:
    reporter = "An Al Jazeera reporter in Kenya said the streets were quiet."
    assert speaker_name(only(reporter, "reported")) != "Al Jazeera"
    minister = (
        "Civil aviation minister Hardeep Singh Puri visited the site. The local health "
        "minister said twelve people were in hospital."
    )
    assert speaker_name(only(minister, "reported")) != "Hardeep Singh Puri"


def test_be_like_and_go_like_introduce_speech() -> None:
    text = (
        "Kay met students at the university in Sydney. Every time I ask this question, "
        'people are like, "But he\'s my god." And I have a few Muslim friends who are like, '
        '"I don\'t really care." My mom was like "pray more".'
    )
    quotes = [q for q in extract(text).quotes if q.kind != "reported"]
    assert [(q.kind, speaker_name(q)) for q in quotes] == [
        ("direct", "people"),
        ("direct", "a few Muslim friends"),
        ("direct", "My mom"),
    ]


def test_a_word_common_in_other_senses_is_a_cue_only_in_the_past_tense() -> None:
    assert (cues.lemma("share"), cues.lemma("shares"), cues.lemma("shared")) == (
        None,
        None,
        "share",
    )
    assert not cues.has_candidate("Tesco holds a 4% share of the market over the counter.")


def test_shared_that_and_instructs_to_report_words() -> None:
    shared = "Chapman shared that she was prone to meltdowns in the suit."
    assert only(shared, "reported").text == "she was prone to meltdowns in the suit"
    assert [q.kind for q in extract("Chapman shared a photo of the suit.").quotes] == []
    judge = "The judge instructed the jurors to ignore the remarks of the witness."
    assert only(judge, "reported").text == "the jurors to ignore the remarks of the witness"


def test_a_stance_taken_on_a_thing_is_reported_unless_it_failed() -> None:
    denounced = "The Turkish Ministry of Foreign Affairs denounced the conclusions of the summit."
    assert only(denounced, "reported").text == "the conclusions of the summit"
    failed = "Biden failed to mention his own request to unmask the general."
    assert [q.kind for q in extract(failed).quotes] == []


def test_a_label_given_with_described_as_is_the_describer_s() -> None:
    text = 'Documents were released, which President Donald Trump described as "Obamagate."'
    assert speaker_name(only(text, "partial")) == "Donald Trump"


def test_a_quoted_phrase_in_the_first_person_is_the_sentence_s_person_s() -> None:
    text = (
        "Lisa Mancini has been cosplaying for two years, her passion for the hobby "
        '"stemmed through my love for Halloween." Others called it "a bit much".'
    )
    first, scare = [q for q in extract(text).quotes if q.kind == "partial"]
    assert speaker_name(first) == "Lisa Mancini"
    assert scare.speaker is None


def test_a_cue_after_a_quotation_beats_the_lead_in_before_its_colon() -> None:
    text = (
        "Although the word only refers to how widely a disease has spread, the WHO noted the "
        'need to drive governments to action: "All countries can still change the course of '
        'this pandemic," said Tedros Adhanom Ghebreyesus, the Director-General of the WHO.'
    )
    assert speaker_name(only(text, "direct")) == "Tedros Adhanom Ghebreyesus"
    noted = "Although the word only refers to the spread, the WHO noted the need to act fast."
    assert speaker_name(only(noted, "reported")) == "WHO"


def test_witnesses_who_said_it_say_it_according_to_the_paper() -> None:
    text = (
        "Witnesses, according to The Telegraph, said a man approached and attacked a group of men."
    )
    q = only(text, "reported")
    assert q.text == "a man approached and attacked a group of men"
    assert speaker_name(q) == "Witnesses"


def test_they_stands_for_two_people_just_named_together() -> None:
    text = (
        "One day, when Joe was at work, Hunter Biden and Beau Biden came barging into the house "
        'holding a net. "Come look! Hurry!" they yelled, and I rushed to see.'
    )
    assert speaker_name(only(text, "direct")) == "Hunter Biden and Beau Biden"


def test_the_one_who_said_it_not_the_paper_that_tells_of_it_speaks() -> None:
    told = "According to the BBC, the foreign minister Alan Smith said the talks had failed."
    assert [(q.text, speaker_name(q)) for q in extract(told).quotes] == [
        ("the talks had failed", "Alan Smith")
    ]
    labelled = 'Mancini has been described by the Daily Hive as a "squirrel whisperer".'
    assert speaker_name(only(labelled, "partial")) == "Daily Hive"


def test_a_name_before_a_verb_the_parser_left_without_subject_speaks() -> None:
    text = (
        "Speaking to Agence France-Presse, the president of the Tunisian League for the Defence "
        'of Human Rights, Jamel Msallem, said, "We are for the freedom to dress, but today we '
        'find justifications for this decision".'
    )
    assert speaker_name(only(text, "direct")) == "Jamel Msallem"
    member = 'Jennifer Lu of Marriage Equality Coalition Taiwan said, "It is not full rights."'
    assert speaker_name(only(member, "direct")) == "Jennifer Lu"


def test_a_court_is_no_person_and_keeps_its_name() -> None:
    text = (
        "The Supreme Court ruled on Tuesday. Johnson has repeatedly stated that Britain must "
        "leave. Two days after the Court of Session ruling, he said he remained optimistic. "
        "The Court of Session in Edinburgh said the prorogation was unlawful."
    )
    reported = [q for q in extract(text).quotes if q.kind == "reported"]
    assert [speaker_name(q) for q in reported][-2:] == [
        "Johnson",
        "Court of Session",
    ]


def test_the_subject_the_parser_read_as_an_object_opens_the_words() -> None:
    text = (
        "Senate minority leader Chuck Schumer commented the president's tweets are likely as "
        "near as the public will get to a concession."
    )
    assert only(text, "reported").text.startswith("the president's tweets are likely")
    accused = "Former prime minister John Major has accused Johnson of misleading the Queen."
    assert only(accused, "reported").text == "Johnson of misleading the Queen"


def test_a_rank_can_be_a_surname_and_an_occupation_is_no_name() -> None:
    major = "Former prime minister John Major has argued that the true intent was to shut debate."
    assert speaker_name(only(major, "reported")) == "John Major"
    business = "Businessman Don Blankenship said he was innocent of the charges."
    assert speaker_name(only(business, "reported")) == "Don Blankenship"
    ecologist = "Ecologist Ryan Norris also said human actions had little to do with it."
    assert speaker_name(only(ecologist, "reported")) == "Ryan Norris"


def test_a_coordinated_verb_ends_the_words_only_when_it_reports_its_own() -> None:
    went_on = "Police reported the attacker exited the Hall and continued to attack others."
    assert only(went_on, "reported").text == (
        "the attacker exited the Hall and continued to attack others"
    )
    two = "Rasmussen insisted on keeping two systems and Russia called for a sectoral system."
    assert [q.text for q in extract(two).quotes] == ["keeping two systems", "a sectoral system"]


def test_one_of_a_group_speaks_as_the_body_or_the_people_named() -> None:
    groups = (
        "One of these groups, the Syrian Democratic Forces (SDF), opposed the withdrawal and "
        "said it was given assurances."
    )
    assert [speaker_name(q) for q in extract(groups).quotes] == ["Syrian Democratic Forces"] * 2
    users = 'Users were upset. One of the users said "this is yet another example of why".'
    assert speaker_name(only(users, "direct")) == "One of the users"


def test_a_sentence_said_on_twitter_is_direct_a_clause_going_on_or_a_label_is_not() -> None:
    twitter = (
        'The Electronic Frontier Foundation said on Twitter "Youtube-dl is a legitimate tool. '
        'Demanding its removal is a disappointing move."'
    )
    assert only(twitter, "direct").text.startswith("Youtube-dl is a legitimate tool.")
    going_on = (
        'Corey Stapleton said BIPA "is supported overwhelmingly by Montanans, including the '
        'counties in Indian Country."'
    )
    assert [q.kind for q in extract(going_on).quotes if q.kind != "reported"] == ["partial"]
    label = (
        'She wrote the novel Obsession, which the New York Times called "the steamiest book '
        'ever written by an octogenarian."'
    )
    assert [q.kind for q in extract(label).quotes if q.kind != "reported"] == ["partial"]


def test_a_quoted_phrase_after_a_parenthetical_cue_is_the_cue_s() -> None:
    text = (
        'Captain Monica Rochester spoke to reporters. However, she added, "there are no locked '
        'doors in accommodation spaces" where the passengers would have been.'
    )
    assert speaker_name(only(text, "partial")) == "Monica Rochester"


def test_a_notice_speaks_for_its_owner_by_full_name() -> None:
    text = (
        "The Recording Industry Association of America (RIAA) sent GitHub a notice. RIAA's "
        'take-down notice claimed "comments in the source code make clear that the code was '
        'designed for circumvention".'
    )
    assert speaker_name(only(text, "direct")) == "Recording Industry Association of America"


def test_a_label_given_with_characterised_as_reports_nothing_but_the_label() -> None:
    text = 'President Andrzej Duda also characterised the deaths as "crushing".'
    assert [(q.kind, speaker_name(q)) for q in extract(text).quotes] == [
        ("partial", "Andrzej Duda")
    ]


def test_a_company_named_short_is_the_company_the_text_names_in_full() -> None:
    text = (
        "On Friday Ford Motor Company announced an investigation by the Justice Department. "
        "Ford said in a filing that the investigation started after it disclosed the matter."
    )
    said = next(q for q in extract(text).quotes if q.text.startswith("the investigation"))
    assert (said.speaker.text, speaker_name(said)) == ("Ford", "Ford Motor Company")


def test_a_lower_case_clause_before_he_added_is_direct_commas_outside_too() -> None:
    text = (
        'Prime Minister Oleksiy Honcharuk praised the president; however, "to remove any doubts '
        'about our trust in the president, I wrote a resignation offer", he added.'
    )
    q = only(text, "direct")
    assert q.text.startswith("to remove any doubts")
    assert speaker_name(q) == "Oleksiy Honcharuk"


def test_the_one_quoted_as_saying_says_it() -> None:
    text = (
        "Politico quoted Tim Manning, formerly a deputy administrator at FEMA, as saying "
        '"FEMA has an important role in coordinating the larger response to the crisis."'
    )
    assert speaker_name(only(text, "direct")) == "Tim Manning"


def test_wikinews_interview_labels_give_the_turns() -> None:
    text = (
        "Wikinews spoke with ex-Muslim activist Zara Kay about her work.\n\n"
        "((WN))  Can you tell us something about yourself?\n\n"
        '((Zara Kay))  I grew up in Tanzania. I said, "I want to leave the faith."'
    )
    q = only(text, "direct")
    assert q.speaker is not None and q.speaker.text == "I"
    assert speaker_name(q) == "Zara Kay"


def test_a_quotation_opening_a_sentence_is_the_person_the_sentence_before_names() -> None:
    text = (
        "Coach Geoff Ingram watched from the stand. The home side got two yellow cards, leaving "
        'Ingram unimpressed.  "One of them was questionable."'
    )
    assert speaker_name(only(text, "direct")) == "Geoff Ingram"


def test_each_of_two_described_bodies_loses_its_description() -> None:
    text = (
        "UK-based retailer Tesco and Denmark-based retailer Salling Group announced their "
        "agreement over the sale of Tesco's Polish stores."
    )
    assert speaker_name(only(text, "reported")) == "Tesco and Salling Group"


def test_they_after_a_list_of_named_people_is_all_of_them() -> None:
    text = (
        "Egyptian foreign minister Sameh Shoukry and his Greek, Cypriot and French "
        "counterparts, Nikos Dendias, Nikos Christodoulides and Jean-Yves Le Drian, "
        "respectively, met in Cairo on Wednesday to discuss Libya. They concluded that the "
        "maritime agreement between Turkey and Libya was void."
    )
    assert speaker_name(only(text, "reported")) == (
        "Sameh Shoukry, Nikos Dendias, Nikos Christodoulides and Jean-Yves Le Drian"
    )
    text = "Anna Berg, Tom Hale and Ruth Moss met the press. They said the plan was dead."
    assert speaker_name(only(text, "reported")) == "Anna Berg, Tom Hale and Ruth Moss"


def test_a_quoted_phrase_the_parser_hangs_outside_the_cue_is_the_last_speakers() -> None:
    text = (
        "Judge Bernard Schwartz sentenced them on Friday. Schwartz went on to say he was not "
        'giving them the longest possible sentence because they had "accepted responsibility '
        'at an early stage in the proceeding" by pleading guilty.'
    )
    q = only(text, "partial")
    assert q.text == "accepted responsibility at an early stage in the proceeding"
    assert speaker_name(q) == "Bernard Schwartz"
    title = 'Anna Smith said she was tired. Fans watched the "Late Show" later.'
    assert speaker_name(only(title, "partial")) is None


def test_a_party_label_or_legislator_before_a_name_is_no_part_of_it() -> None:
    assert speaker_name(only('Legislator Tanya Chan said, "Please go."', "direct")) == "Tanya Chan"
    text = 'Senate Democrat Chuck Schumer said, "He was a great man who fought for us."'
    assert speaker_name(only(text, "direct")) == "Chuck Schumer"


def test_a_description_after_a_comma_is_the_named_speaker_not_a_second_one() -> None:
    text = (
        "In a statement, Maya Rockeymoore Cummings, his wife and the current chairwoman of the "
        'Maryland Democratic Party, said Cummings "worked until his last breath".'
    )
    assert speaker_name(only(text, "partial")) == "Maya Rockeymoore Cummings"
    text = "Donald Trump and his supporters said the election was stolen."
    assert speaker_name(only(text, "reported")) == "Donald Trump and his supporters"


def test_a_body_named_in_full_loses_where_it_sits_but_an_embassy_keeps_it() -> None:
    text = (
        "The Centers for Disease Control and Prevention in the United States says one in every "
        "thousand children who contract measles develops encephalitis."
    )
    assert speaker_name(only(text, "reported")) == "Centers for Disease Control and Prevention"
    text = "The US Embassy in London said the diplomat had left the country on Sunday."
    assert speaker_name(only(text, "reported")) == "US Embassy in London"


def test_a_body_named_in_three_words_or_more_needs_no_country_that_owns_it() -> None:
    text = (
        "Turkey's Disaster and Emergency Management Presidency said the magnitude of the "
        "earthquake was 6.6."
    )
    assert speaker_name(only(text, "reported")) == "Disaster and Emergency Management Presidency"
    text = "South Korea's Defense Ministry said the missile flew 400 kilometres."
    assert speaker_name(only(text, "reported")) == "South Korea's Defense Ministry"


def test_a_while_clause_with_its_own_cue_ends_the_words_reported_before_it() -> None:
    text = (
        'Chuck Schumer told reporters Cummings "was a great man," while President Trump noted '
        'his "strength, passion and wisdom" on Twitter.'
    )
    told, noted = [q for q in extract(text).quotes if q.kind == "reported"]
    assert "Trump" not in told.text and speaker_name(told) == "Chuck Schumer"
    assert speaker_name(noted) == "Trump"


def test_an_age_before_a_name_is_no_part_of_it() -> None:
    text = (
        "Prime Minister Igor Matovič tested positive. 47-year-old Matovič's government office "
        "said he has cancelled all upcoming events."
    )
    assert speaker_name(only(text, "reported")) == "Igor Matovič's government office"


def test_a_city_or_a_hospital_can_say_things() -> None:
    text = "The city said the Department of Public Works had located the problem."
    assert only(text, "reported").text == "the Department of Public Works had located the problem"


def test_a_saying_verb_set_inside_a_sentence_reports_the_clause_around_it() -> None:
    text = "At 2:45 a.m. local time, his office said, Cummings died at a hospice in Baltimore."
    assert only(text, "reported").text == "Cummings died at a hospice in Baltimore"
    text = "The economy, the minister said, would grow by two percent next year."
    assert "grow by two percent" in only(text, "reported").text


def test_a_body_whose_name_ends_in_a_paper_word_speaks_for_itself() -> None:
    text = "The US Geological Survey reported the earthquake was of 7.0 magnitude."
    q = only(text, "reported")
    assert q.text == "the earthquake was of 7.0 magnitude"
    assert speaker_name(q) == "US Geological Survey"


def test_a_clerk_or_a_coach_can_be_the_source() -> None:
    text = "According to a court clerk, the hearing will be held on Monday."
    assert only(text, "reported").text == "the hearing will be held on Monday"
    text = "The coach said the team would play on through the pain."
    assert speaker_name(only(text, "reported")) == "The coach"


def test_a_request_reports_what_is_asked() -> None:
    text = (
        "The Center for Biological Diversity requested monarch butterflies be given "
        "Endangered Species Act protections."
    )
    q = only(text, "reported")
    assert q.text == "monarch butterflies be given Endangered Species Act protections"


def test_the_statement_is_whoever_issued_the_statement_named_before() -> None:
    text = (
        "Late on Sunday, President Donald Trump, in a statement delivered via the press "
        "secretary, announced US troops would be leaving Syria. The statement also said US "
        "troops had defeated ISIS."
    )
    reported = [q for q in extract(text).quotes if q.kind == "reported"]
    assert reported[-1].text == "US troops had defeated ISIS"
    assert speaker_name(reported[-1]) == "Donald Trump"
    alone = "The statement said the talks would resume in March."
    assert speaker_name(only(alone, "reported")) == "The statement"


def test_his_daughter_is_the_daughter_the_text_named() -> None:
    text = (
        "The singer was survived by his wife Anna Hale and his daughter Mary Hale. His "
        "daughter said he died peacefully at home."
    )
    assert speaker_name(only(text, "reported")) == "Mary Hale"
    text = "The singer died on Monday. His daughter said he died peacefully at home."
    assert speaker_name(only(text, "reported")) == "His daughter"


def test_he_after_two_speakers_in_one_sentence_is_the_one_who_spoke_last() -> None:
    text = (
        'President Andrzej Duda said the fire was an "appalling tragedy" while Interior Minister '
        "Joachim Brudziński wrote he had ordered safety checks on escape rooms. He tweeted, "
        '"I want to express my sympathy to the families of the victims."'
    )
    assert speaker_name(only(text, "direct")) == "Joachim Brudziński"


def test_a_finding_with_a_tensed_clause_is_reported_a_difficulty_is_not() -> None:
    text = "The Court of Session found the prorogation was unlawful."
    assert only(text, "reported").text == "the prorogation was unlawful"
    text = "Many former Muslims find it difficult to leave, Zara Kay said on Monday."
    assert [q.text for q in extract(text).quotes if q.kind == "reported"] == [
        "Many former Muslims find it difficult to leave"
    ]


def test_a_given_name_that_is_also_an_organisation_word_opens_a_name() -> None:
    text = (
        "Bill Gerstenmaier of NASA spoke of the collaboration with SpaceX: \"It's fun working "
        'with a new partner."'
    )
    assert speaker_name(only(text, "direct")) == "Bill Gerstenmaier"
    assert not NameBook("The House Speaker arrived.").is_person("House Speaker")


def test_a_profession_or_administrator_before_a_name_is_a_title_an_initial_is_not() -> None:
    text = 'Immunologist Kristian Andersen said, "This virus spreads much more easily."'
    assert speaker_name(only(text, "direct")) == "Kristian Andersen"
    text = "NASA Administrator Jim Bridenstine said the next crew may launch by late August."
    assert speaker_name(only(text, "reported")) == "Jim Bridenstine"
    text = 'Train pilot B Shiva Parvathi said, "It is a proud moment for me today."'
    assert speaker_name(only(text, "direct")) == "B Shiva Parvathi"


def test_of_two_subjects_a_place_after_a_place_is_not_the_speaker() -> None:
    text = (
        "Yesterday evening, the Bavarian State Ministry of Public Health and Health Care in "
        "Munich, Germany confirmed a case of coronavirus infection in a man."
    )
    assert speaker_name(only(text, "reported")).startswith("Bavarian State Ministry")


def test_reports_as_of_a_day_are_no_day_speaking() -> None:
    text = "Reports as of Wednesday said some three hundred vehicles had been damaged."
    assert speaker_name(only(text, "reported")) == "Reports"


def test_a_participle_hung_on_a_place_of_posting_is_the_posters() -> None:
    text = (
        "US Secretary of State Mike Pompeo posted a message on Twitter blaming Iran for the "
        "attacks on the oil plants."
    )
    q = only(text, "reported")
    assert q.text.startswith("Iran for the attacks")
    assert speaker_name(q) == "Mike Pompeo"


def test_an_acronym_opening_a_sentence_is_a_body_that_can_speak() -> None:
    text = "UNICEF reported they had delivered over 105 thousand doses of vaccine to Samoa."
    assert speaker_name(only(text, "reported")) == "UNICEF"
    text = (
        "The World Health Organization (WHO) raised its risk assessment. WHO said they are "
        "uncertain whether people can be infectious before symptoms show."
    )
    said = [q for q in extract(text).quotes if q.text.startswith("they are uncertain")]
    assert [speaker_name(q) for q in said] == ["World Health Organization"]


def test_a_movement_can_claim_and_loses_where_it_is_based() -> None:
    text = "The Yemen-based Houthi movement claimed responsibility for the attacks."
    q = only(text, "reported")
    assert q.text == "responsibility for the attacks"
    assert speaker_name(q) == "Houthi movement"


def test_a_pronoun_skips_a_name_inside_the_description_of_a_speaker() -> None:
    text = (
        "Drones hit two oil plants, the attacks claimed by Yemen-based Houthi rebels. Speaking "
        "on television, Houthi military spokesperson Yahya Sarea said they had used ten "
        "drones. According to him, it was among the largest operations of the war."
    )
    q = next(q for q in extract(text).quotes if q.text.startswith("it was among"))
    assert speaker_name(q) == "Yahya Sarea"


def test_a_name_and_a_cue_after_a_quotation_ending_its_sentence_attribute_it() -> None:
    text = (
        'The fires spread.\n\n"Our house is burning. Let\'s discuss this emergency first!" '
        "Macron told the world on Thursday via Twitter."
    )
    q = only(text, "direct")
    assert q.speaker is not None and q.speaker.text == "Macron"
    text = (
        'Frieden said the pandemic is "unprecedented." He said, in remarks published by CNN, '
        '"no other respiratory virus has been tracked from emergence to global spread."'
    )
    assert only(text, "reported").text == 'the pandemic is "unprecedented."'


def test_the_report_with_no_report_before_is_the_last_one_to_speak() -> None:
    text = (
        "Yesterday the Bavarian State Ministry of Public Health confirmed a case of coronavirus "
        "infection in a man from Starnberg. The report said the man has been isolated."
    )
    q = next(q for q in extract(text).quotes if q.start > text.index("The report"))
    assert q.text == "the man has been isolated"
    assert speaker_name(q) == "Bavarian State Ministry of Public Health"


def test_a_report_goes_on_past_a_semicolon_the_parser_made_the_root() -> None:
    text = (
        "The Baltimore Sun reported Cummings had been sick and was missing from Capitol Hill; "
        "his last roll call vote was on September 11."
    )
    assert only(text, "reported").text.endswith("his last roll call vote was on September 11")


def test_subjects_the_parser_misplaces_and_papers_of_a_court() -> None:
    text = (
        "On Friday Ford Motor Company announced the Department of Justice was performing a "
        "criminal investigation of its emission testing."
    )
    assert speaker_name(only(text, "reported")) == "Ford Motor Company"
    text = "The minister told the BBC, the British broadcaster, that the talks would resume."
    assert only(text, "reported").text == "the talks would resume"
    text = "The industry publication stated the aircraft overran the runway."
    assert only(text, "reported").text == "the aircraft overran the runway"


def test_said_and_an_object_with_a_tensed_verb_deep_inside_report_a_clause() -> None:
    text = (
        "Member of parliament Kevin Conolly said a law allowing the termination of a life "
        'marked a "sad day for NSW".'
    )
    assert only(text, "reported").text.startswith("a law allowing the termination")


def test_referring_to_something_as_a_quoted_name_is_the_referrers_label() -> None:
    q = only('Boeing referred to the 707 involved as a "cargo plane".', "partial")
    assert speaker_name(q) == "Boeing"
    assert extract("He referred the case to the police on Monday.").quotes == ()
    text = (
        "Known as a shock jock, Don Imus was dropped in 2007 after he referred to the team "
        'as "a disgrace." He later apologized.'
    )
    assert [q.kind for q in extract(text).quotes] == ["partial"]


def test_a_cue_with_a_time_and_a_comma_before_its_clause_reports_it() -> None:
    text = "Al Jazeera reported on Thursday, coverage had risen to 55 percent."
    q = only(text, "reported")
    assert q.text == "coverage had risen to 55 percent"
    assert speaker_name(q) == "Al Jazeera"


def test_the_one_set_off_after_an_according_to_source_is_the_speaker() -> None:
    text = (
        "According to semi-official news agency ISNA, the prosecutor general of Tehran, Ali "
        "Alghasi Mehr, said the 36 must face murder charges."
    )
    assert speaker_name(only(text, "reported")) == "Ali Alghasi Mehr"


def test_an_according_to_source_with_a_clause_of_its_own_reports_the_words_before() -> None:
    text = (
        "The shooting began at 10:39 a.m. local time, according to police, who said officers "
        "arrived at the store six minutes later."
    )
    reported = sorted(q.text for q in extract(text).quotes if q.kind == "reported")
    assert reported == [
        "The shooting began at 10:39 a.m. local time",
        "officers arrived at the store six minutes later",
    ]


def test_a_title_on_a_banner_that_mentioned_it_is_a_name_not_speech() -> None:
    text = 'The train had banners on it which mentioned "International Women\'s Day Celebration".'
    assert [q.kind for q in extract(text).quotes] == ["partial"]
