"""Event coding on sentences written for these tests (the real model, no shared data)."""

from __future__ import annotations

from datetime import date
from typing import Any

import jsonschema
import pytest

import newsevents

from .conftest import SCHEMA

FRIDAY = date(2023, 3, 10)


def code(text: str, published: date = FRIDAY, url: str | None = None) -> list[dict[str, Any]]:
    if url is None:
        records = [e.to_record() for e in newsevents.code(text, published=published)]
    else:
        doc = newsevents.Document("t", published, text, url=url)
        records = [e.to_record() for c in newsevents.code_documents([doc]) for e in c.events]
    for r in records:
        jsonschema.validate(r, SCHEMA)
    return records


def dyads(records: list[dict[str, Any]], type_: str | None = None) -> set[tuple[str, str]]:
    return {("+".join(sorted(a["country"] or a["code"] for a in r["source"])),
             "+".join(sorted(a["country"] or a["code"] for a in r["target"])))
            for r in records if type_ is None or r["plover"]["type"] == type_}


def test_active_accusation_with_possessor_target() -> None:
    recs = code("Germany condemned Russia's attack on the power grid.")
    assert dyads(recs, "ACCUSE") == {("DEU", "RUS")}
    assert recs[0]["cameo"]["root"] == "11" and recs[0]["cameo"]["quad_class"] == 3


def test_passive_voice_swaps_source_and_target() -> None:
    recs = code("Turkish border guards were attacked by Syrian rebels on Tuesday.")
    assault = [r for r in recs if r["plover"]["type"] == "ASSAULT"]
    assert assault and {a["country"] for a in assault[0]["source"]} == {"SYR"}
    assert {a["country"] for a in assault[0]["target"]} == {"TUR"}
    assert assault[0]["date"] == "2023-03-07" and assault[0]["date_source"] == "text"


def test_reciprocal_meeting_in_both_directions_with_place() -> None:
    recs = code("Brazil and Argentina held talks in Buenos Aires on Monday.")
    assert dyads(recs, "CONSULT") == {("ARG", "BRA"), ("BRA", "ARG")}
    assert all(r["location"] and r["location"]["country"] == "ARG" for r in recs)
    assert all(r["date"] == "2023-03-06" for r in recs)


def test_negation() -> None:
    recs = code("Kenya did not condemn Ethiopia.")
    assert [r["modality"] for r in recs if r["plover"]["type"] == "ACCUSE"] == ["negated"]


def test_reported_event_keeps_the_speaker() -> None:
    recs = code("Foreign Minister Kuleba said that Russia shelled Ukrainian positions near Kharkiv.")
    assault = [r for r in recs if r["plover"]["type"] == "ASSAULT"]
    assert assault and assault[0]["modality"] == "reported"
    assert {a["country"] for a in assault[0]["source"]} == {"RUS"}


def test_intended_cooperation_is_coded_agree() -> None:
    recs = code("Norway will provide humanitarian aid to Sudan.")
    assert [(r["plover"]["type"], r["cameo"]["code"], r["modality"]) for r in recs] == [
        ("AGREE", "033", "intended")]
    assert dyads(recs) == {("NOR", "SDN")}


def test_intended_conflict_is_coded_threaten() -> None:
    recs = code("Poland said it would impose sanctions on Belarus.")
    assert {r["plover"]["type"] for r in recs} == {"THREATEN"}
    assert dyads(recs) == {("POL", "BLR")}


def test_ultimatum_is_a_threat() -> None:
    recs = code("Nigeria will withdraw its troops from Chad unless the rebels accept a ceasefire.")
    assert "THREATEN" in {r["plover"]["type"] for r in recs}


def test_obligation_is_a_demand_by_the_speaker() -> None:
    recs = code("The Chinese foreign ministry said Japan must release the detained fishermen.")
    req = [r for r in recs if r["plover"]["type"] == "REQUEST"]
    assert req and dyads(req) == {("CHN", "JPN")}


def test_said_alone_codes_nothing() -> None:
    assert code("The French president said the economy was growing.") == []


def test_no_actor_no_event() -> None:
    assert code("A bomb exploded in a market, killing five people.") == []


def test_date_inside_an_argument_does_not_date_the_event() -> None:
    recs = code("Canada congratulated Chile on its December 3 elections.", published=date(2023, 12, 20))
    sup = [r for r in recs if r["plover"]["type"] == "SUPPORT"]
    assert sup and sup[0]["date"] == "2023-12-20" and sup[0]["date_source"] == "publication"


def test_the_occasion_of_a_congratulation_does_not_date_it_but_a_day_does() -> None:
    recs = code("Canada congratulates Ghana on Independence Day.", published=date(2023, 3, 3))
    sup = [r for r in recs if r["plover"]["type"] == "SUPPORT"]
    assert sup and sup[0]["date"] == "2023-03-03" and sup[0]["date_source"] == "publication"  # the day is March 6
    recs = code("Canada congratulated Ghana on Monday on its elections.", published=date(2023, 10, 6))
    sup = [r for r in recs if r["plover"]["type"] == "SUPPORT"]
    assert sup and sup[0]["date"] == "2023-10-02" and sup[0]["date_source"] == "text"


def test_meeting_mentions_merge_across_a_document() -> None:
    text = ("Italian Foreign Minister Tajani met with Egyptian Foreign Minister Shoukry in Cairo on Monday. "
            "Tajani and Shoukry discussed migration. The two ministers also discussed trade.")
    consult = [r for r in code(text) if r["plover"]["type"] == "CONSULT"]
    assert len({r["date"] for r in consult}) == 1
    assert max(r["num_mentions"] for r in consult) >= 2
    assert all(len(r["other_evidence"]) == r["num_mentions"] - 1 for r in consult)


def test_first_person_in_a_government_release_is_that_government() -> None:
    recs = code("We strongly condemn the missile attack on Kyiv.", url="https://www.state.gov/statement/x")
    assert dyads(recs, "ACCUSE") == {("USA", "UKR")}


@pytest.mark.parametrize("text", [
    "The company released its quarterly results on Monday.",
    "The minister may visit the region next year if conditions allow.",
])
def test_precision_on_non_events(text: str) -> None:
    recs = code(text)
    assert all(r["modality"] != "asserted" or r["confidence"] < 0.5 for r in recs)


def test_readout_paragraphs_take_the_meeting_date_for_the_same_participants() -> None:
    text = ("Portuguese Foreign Minister Ana Costa met with Chilean Foreign Minister Luis Soto on Tuesday.\n\n"
            "Costa and Soto also agreed to expand scientific cooperation.\n\n"
            "Separately, Peru criticized Bolivia over a border incident.")
    recs = code(text)
    agreed = [r for r in recs if r["evidence"]["trigger"] == "agreed"]
    assert agreed and all(r["date"] == "2023-03-07" and r["date_source"] == "text" for r in agreed)
    # other participants in a later paragraph: the story's own date, not the meeting's
    peru = [r for r in recs if {a["country"] for a in r["source"]} == {"PER"}]
    assert peru and all(r["date"] == "2023-03-10" and r["date_source"] == "publication" for r in peru)


def test_present_tense_statement_takes_the_publication_date() -> None:
    recs = code("Rebels shelled the port of Hodeidah on Wednesday. Norway condemns the shelling by the rebels "
                "and stands with Yemen.")
    support = [r for r in recs if r["plover"]["type"] == "SUPPORT"]
    assert support and support[0]["date"] == "2023-03-10" and support[0]["date_source"] == "publication"


def test_a_titled_past_leader_is_a_person_even_when_a_town_has_the_name() -> None:
    # "Bush" is also a town in Egypt; neither President Bush was in office in 1997
    recs = code("President Bush criticized Russia over Chechnya.", published=date(1997, 6, 1))
    acc = [r for r in recs if r["plover"]["type"] == "ACCUSE"]
    assert acc and acc[0]["source"][0]["country"] == "USA" and acc[0]["source"][0]["name"] == "Bush"


@pytest.mark.parametrize(("text", "source", "target"), [
    ("Rwanda launched an invasion of North Kivu.", "RWA", "COD"),  # the place is the argument
    ("President Emmanuel Macron threatened to impose a curfew in Marseille.", "FRA", "FRA"),  # inside the threat
])
def test_a_place_argument_gives_the_target_country(text: str, source: str, target: str) -> None:
    recs = code(text, published=date(2023, 3, 10))
    assert any({a["country"] for a in r["source"]} == {source} and {a["country"] for a in r["target"]} == {target}
               for r in recs), recs


def test_the_action_asked_for_is_not_an_event() -> None:
    recs = code("Germany urged Serbia to sign the peace agreement and called on Kosovo to release the prisoners.")
    assert ("DEU", "SRB") in dyads(recs, "REQUEST")
    assert not [r for r in recs if r["plover"]["type"] in ("AGREE", "CONCEDE", "RETREAT")], recs


def test_an_untagged_surname_of_a_person_named_before_is_that_person() -> None:
    # the model tags the full name but not the bare surname in the second sentence
    recs = code("U.S. Special Envoy for Yemen Tom Brankering returned from Riyadh today. "
                "Brankering met with Yemeni officials in Aden.")
    consult = [r for r in recs if r["plover"]["type"] == "CONSULT"]
    assert consult and consult[0]["source"][0]["name"] == "Tom Brankering"
    assert {a["country"] for a in consult[0]["target"]} == {"YEM"}


def test_the_foreign_ministers_are_the_ministers_named_before() -> None:
    text = ("Brazilian Foreign Minister Mauro Vieira and Minister of Foreign Affairs of Argentina Diana Mondino "
            "met in Brasilia on Monday. Chile and Peru sent observers. "
            "The Foreign Ministers condemned Venezuela's annexation claims.")
    acc = [r for r in code(text) if r["plover"]["type"] == "ACCUSE"]
    assert acc and {a["country"] for a in acc[0]["source"]} == {"BRA", "ARG"}
    assert {a["country"] for a in acc[0]["target"]} == {"VEN"}


def test_a_protest_without_target_is_against_the_protesters_own_government() -> None:
    recs = code("Thousands of Kenyan students demonstrated on Monday.")
    assert ("KEN", "KEN") in dyads(recs, "PROTEST")
    assert [r["target"][0]["sector"] for r in recs if r["plover"]["type"] == "PROTEST"] == ["GOV"]


def test_the_city_of_a_place_noun_is_the_event_place() -> None:
    recs = code("Iraqi Kurds demonstrated in the northern city of Kirkuk on Sunday.")
    protest = [r for r in recs if r["plover"]["type"] == "PROTEST"]
    assert protest and protest[0]["location"] and protest[0]["location"]["name"].startswith("Kirkuk")


@pytest.mark.parametrize(("text", "source"), [
    ("The Sri Lankan army attacked Indian fishermen.", "LKAMIL"),  # a two-word demonym the model tags GPE
    ("Vietnamese-led forces attacked Cambodian troops.", "VNMMIL"),  # "X-led": led by X
])
def test_nationality_of_the_attackers(text: str, source: str) -> None:
    recs = code(text)
    assert any(r["source"][0]["code"] == source for r in recs if r["plover"]["type"] == "ASSAULT"), recs


def test_a_crowd_without_nationality_protests_where_it_is() -> None:
    recs = code("Thousands of protesters rallied in Nairobi on Monday.")
    assert [r["source"][0]["code"] for r in recs if r["plover"]["type"] == "PROTEST"] == ["KENCVL"]
    assert not code("The company rallied in New York on Monday.")  # not a crowd of people


def test_a_passive_verb_does_not_make_its_shared_subject_the_doer() -> None:
    recs = code("Turkey is under EU sanctions and was condemned in a joint statement by Egypt and Greece.")
    assert not [r for r in recs if r["source"] and r["source"][0]["country"] == "TUR"
                and r["plover"]["type"] == "ACCUSE"], recs


def test_the_delegations_of_several_countries_meet_each_other() -> None:
    recs = code("The delegations of Cyprus, Greece and Israel met in Athens on Thursday.")
    assert {s for s, _ in dyads(recs, "CONSULT")} == {"CYP", "GRC", "ISR"}


def test_a_leader_holding_a_rally_is_not_a_protest_and_whether_is_not_asserted() -> None:
    recs = code("President Emmanuel Macron held a campaign rally in Lyon on Saturday.")
    assert not dyads(recs, "PROTEST")
    recs = code("Canada has not said whether it will support Ukraine's bid.")
    assert all(r["modality"] != "asserted" for r in recs if r["plover"]["type"] in ("SUPPORT", "AGREE"))


def test_a_promise_or_offer_needs_someone_it_is_made_to() -> None:
    assert not dyads(code("The senator vowed to protect people with pre-existing conditions."), "AGREE")
    assert not dyads(code("Bolton offered to resign last night."), "AGREE")
    assert {("ARM", "AZE"), ("AZE", "ARM")} <= dyads(code("Armenia and Azerbaijan pledged to respect the truce."))


def test_things_named_by_their_owner_are_no_source_of_words_but_may_be_of_force() -> None:
    assert not code("Pakistani law allowed the perpetrators to go unpunished.")
    assert ("CHN", "JPN") in dyads(code("A Chinese statement accused Japan of provocation."), "ACCUSE")
    assert ("ISR", "PSE") in dyads(code("Israeli air raids killed 20 Palestinians in Gaza."), "ASSAULT")


def test_captions_negation_across_clauses_and_a_president_of_a_named_country() -> None:
    assert not code("President Donald Trump stands with leaders from Israel and Bahrain Image: The White House.")
    assert ("TUR", "AZE") in dyads(code("President Joe Biden spoke in Ohio. The president of Turkey vowed "
                                        "support for Azerbaijan."), "AGREE")
    recs = code("Japan did not sign or ratify the treaty with Korea.")
    assert recs and all(r["modality"] == "negated" for r in recs)


def test_agreeing_with_an_opinion_is_no_agreement() -> None:
    assert not dyads(code("Regional Governor Mujiv Hataman of the Philippines agreed, saying the group was to blame."),
                     "AGREE")
    assert ("CHL", "PER") in dyads(code("Chile and Peru agreed to reopen their border on Monday."), "AGREE")


def test_agreeing_or_committing_to_an_action_is_an_agreement_without_a_target() -> None:
    recs = code("Norway has agreed to allow inspections of its fishing fleet.")
    assert dyads(recs, "AGREE") == {("NOR", "")}
    # a scare-quoted verb whose preposition the parser hangs elsewhere
    recs = code("The minister said that Peru is “fully committed” to steadily widening the trade pact.")
    assert ("PER", "") in dyads(recs, "AGREE")
    # several countries committing together: each to the other
    recs = code("Both Chile and Uruguay are committed to expanding cooperation on energy.")
    assert dyads(recs, "AGREE") == {("CHL", "URY"), ("URY", "CHL")}
    # a coded complement speaks for itself
    recs = code("Ghana agreed to impose sanctions on Mali.")
    assert not any(r["evidence"]["trigger"].startswith("agreed") for r in recs)


def test_armed_groups_the_model_does_not_tag_and_organisations_named_with_their_place() -> None:
    recs = code("The pro-Syrian Hizbollah (Party of God) group declared a truce on Monday.")
    assert [r["plover"]["type"] for r in recs] == ["RETREAT"] and recs[0]["source"][0]["country"] == "LBN"
    recs = code("Recent US drone strikes have killed six senior al-Shabaab commanders.")
    assert ("USA", "SOM") in dyads(recs, "ASSAULT") or ("USA", "IMG") in dyads(recs, "ASSAULT")
    assert not code("TELL US WHAT THE MINISTERS PROMISED")


def test_a_people_is_an_actor_only_with_its_nationality() -> None:
    recs = code("The Malawian president has reneged on his promise to the Malawian people.")
    assert [(r["target"][0]["country"], r["target"][0]["sector"]) for r in recs if r["plover"]["type"] == "REJECT"] \
        == [("MWI", "CVL")]
    assert not any(r["target"] and r["target"][0]["sector"] == "CVL" and r["target"][0]["country"] is None
                   for r in code("Syrian rebels killed 23 people on Sunday."))


def test_a_right_or_ability_to_act_is_no_event_and_a_demand_is_not_what_it_asks_for() -> None:
    assert not code("The Belarusian people deserve the right to protest against the regime.")
    recs = code("The European Union renewed its demand that Serbia lift restrictions on Kosovo goods.")
    assert {r["plover"]["type"] for r in recs} == {"REQUEST"}
    recs = code("On Monday, Ireland joined calls by Irish officials asking Britain to release the prisoners.")
    assert ("IRL", "GBR") in dyads(recs, "REQUEST")


def test_an_announced_decision_is_the_act_not_a_threat() -> None:
    recs = code("Canada announced on Monday it would deny entry to Russian officials.")
    assert "SANCTION" in {r["plover"]["type"] for r in recs} and not dyads(recs, "THREATEN")
    recs = code("Canada warned it would deny entry to Russian officials.")
    assert dyads(recs, "THREATEN") and not dyads(recs, "SANCTION")


def test_last_resort_targets_are_not_taken_from_circumstances() -> None:
    recs = code("Ukrainians defend their homes in the face of Russia's brutal aggression.")
    assert ("UKR", "RUS") not in dyads(recs, "SUPPORT")
    assert ("ALB", "SRB") in dyads(code("Albania denounced as a crime Serbia's treatment of protesters."), "ACCUSE")
    recs = code("Secretary Blinken offered his condolences on the passing of former Prime Minister Shinzo Abe "
                "of Japan.", url="https://www.state.gov/x")
    assert ("USA", "JPN") in dyads(recs, "SUPPORT")


def test_people_from_somewhere_and_it_never_a_people() -> None:
    recs = code("Doctors from two Swiss aid groups visited Kabul on Monday.")
    assert ("CHE", "AFG") in dyads(recs, "CONSULT")
    recs = code("U.S. assistance for the Afghan people is important. It supports Afghan-Pakistani dialogue.")
    assert not dyads(recs, "SUPPORT")


def test_police_opening_fire_is_an_assault_without_a_target() -> None:
    recs = code("Kenyan police opened fire to disperse the crowd on Monday.")
    assert ("KEN", "") in dyads(recs, "ASSAULT")


def test_attempts_and_decisions_are_the_act() -> None:
    recs = code("North Korea tried to hack into the computers of Japanese officials.")
    assert ("PRK", "JPN") in dyads(recs, "COERCE") and not dyads(recs, "THREATEN")
    recs = code("The Kenyan Supreme Court decided to allow the opposition leader to run.")
    assert {r["plover"]["type"] for r in recs} == {"CONCEDE"}


def test_returning_property_is_a_retreat_and_promising_it_an_agreement() -> None:
    recs = code("Serbia returned the seized weapons to Kosovo on Monday.")
    assert ("SRB", "XKX") in dyads(recs, "RETREAT") or ("SRB", "RKS") in dyads(recs, "RETREAT")
    recs = code("Serbia announced it will return the seized weapons to Kosovo.")
    assert dyads(recs, "AGREE") and not dyads(recs, "RETREAT")


def test_violating_a_ceasefire_and_a_place_in_a_clause_of_the_same_moment() -> None:
    recs = code("Syrian rebels violated the ceasefire on Monday.")
    assert [r["cameo"]["code"] for r in recs] == ["196"]
    recs = code("Two Somali gunmen killed 12 people on Monday when they stormed a hotel in Nairobi.")
    assert ("SOM", "KEN") in dyads(recs, "ASSAULT")


def test_an_infinitive_misparsed_as_an_adverbial_clause_is_still_intended() -> None:
    recs = code("Ethnic Albanians have sworn to fight until they gain control of villages near Macedonia's border.")
    assert all(r["modality"] != "asserted" for r in recs if r["plover"]["type"] in ("ASSAULT", "THREATEN"))


def test_a_title_with_its_organisation_after_a_name_the_model_took_for_a_place() -> None:
    recs = code("Kenzo Oshima, the United Nations Emergency Relief Coordinator, demanded that Sudan open its borders.")
    assert any(r["plover"]["type"] == "REQUEST" and r["source"][0]["sector"] == "IGO" for r in recs)


def test_refusing_an_action_is_a_rejection_but_declining_to_comment_is_nothing() -> None:
    assert ("ZWE", "") in dyads(code("President Robert Mugabe of Zimbabwe declined to resign on Monday."), "REJECT")
    assert not code("President Robert Mugabe of Zimbabwe declined to comment on Monday.")


def test_a_national_body_names_the_home_country_of_an_untitled_official() -> None:
    # no country is named, only a body of Angola: "President X" is taken to be Angola's
    recs = code("President Eduardo Mendes has conceded to demands from UNITA to reform the courts.")
    assert any(r["plover"]["type"] == "CONCEDE" and r["source"][0]["country"] == "AGO" for r in recs)


def test_rights_groups_are_actors_without_a_country() -> None:
    recs = code("A human rights group protested that the Egyptian authorities had detained hundreds of students.")
    acc = [r for r in recs if r["plover"]["type"] == "ACCUSE"]
    assert acc and acc[0]["source"][0]["sector"] == "NGO" and acc[0]["source"][0]["country"] is None
    assert acc[0]["target"][0]["country"] == "EGY"


def test_attacking_a_decision_is_criticism_not_an_assault() -> None:
    recs = code("President Erdogan of Turkey attacked the Greek government's decision to expel the diplomats.")
    assert ("TUR", "GRC") in dyads(recs, "ACCUSE") and not dyads(recs, "ASSAULT")
    # the decision's owner does what was decided
    assert ("GRC", "") in dyads(recs, "SANCTION")
    assert ("RUS", "UKR") in dyads(code("Russian troops attacked Ukrainian positions near Kharkiv."), "ASSAULT")


def test_engaging_in_diplomacy_is_no_fighting() -> None:
    assert not dyads(code("Japan remains ready to engage in serious diplomacy with North Korea."), "ASSAULT")
    assert ("RUS", "UKR") in dyads(code("Russia is engaged in an unprovoked war on Ukraine."), "ASSAULT")


def test_a_nominal_event_inside_another_is_background_unless_it_has_its_own_date() -> None:
    recs = code("Germany condemned Russia's invasion of Ukraine on Monday.")
    assert dyads(recs) == {("DEU", "RUS")}
    recs = code("Germany condemned Russia's February 24 invasion of Ukraine on Monday.")
    inv = [r for r in recs if r["plover"]["type"] == "COERCE"]
    assert inv and inv[0]["date"] == "2023-02-24"
    # on its own, a nominal event is coded as before
    assert ("JPN", "CHN") in dyads(code("Friday's talks between Japan and China were useful."), "CONSULT")


def test_missiles_fired_at_someone_are_an_assault_and_a_test_launch_is_not() -> None:
    recs = code("Iran launched missiles targeting US troops in Iraq on Wednesday.")
    assert ("IRN", "USA") in dyads(recs, "ASSAULT")
    recs = code("North Korea fired a ballistic missile toward Japan on Monday.")
    assert dyads(recs, "MOBILIZE") and not dyads(recs, "ASSAULT")


def test_a_use_of_force_named_in_passing_is_background() -> None:
    recs = code("Both countries grapple with the effects of the Russian invasion of Ukraine.")
    assert not dyads(recs, "COERCE")
    # a meeting named in passing is the day's meeting
    recs = code("After talks between Japan and South Korea, the ministers condemned the launch.")
    assert dyads(recs, "CONSULT") == {("JPN", "KOR"), ("KOR", "JPN")}


def test_company_is_not_the_one_addressed_and_an_arranged_meeting_has_not_happened() -> None:
    recs = code("Together with the people of the United States, I offer my sincerest condolences on the passing "
                "of former Prime Minister of Japan Abe Shinzo.", url="https://www.state.gov/x")
    assert dyads(recs, "SUPPORT") == {("USA", "JPN")}
    recs = code("The envoy worked to arrange a meeting between President Zelensky of Ukraine and President Biden.")
    assert recs and all(r["modality"] == "hypothetical" for r in recs if r["plover"]["type"] == "CONSULT")


def test_calling_an_election_is_no_request_and_an_intention_is_dated_when_stated() -> None:
    assert not code("The Associated Press called the election for Biden in the United States on Saturday.")
    recs = code("On Monday, Iran said it would impose sanctions on Israel.")
    assert [(r["plover"]["type"], r["date"]) for r in recs] == [("THREATEN", "2023-03-06")]
    recs = code("On Monday, Iran said Israel attacked its embassy.")
    assert all(r["date_source"] == "publication" for r in recs if r["plover"]["type"] == "ASSAULT")


def test_a_family_name_first_and_narrative_dates_need_the_same_participants() -> None:
    text = ("Secretary Blinken held a call yesterday with Republic of Korea Minister of Foreign Affairs Park Jin. "
            "The Secretary congratulated Foreign Minister Park on his appointment. "
            "Secretary Blinken and Foreign Minister Park condemned recent DPRK missile launches.")
    recs = code(text, url="https://www.state.gov/x")
    acc = [r for r in recs if r["plover"]["type"] == "ACCUSE"]
    assert acc and {a["country"] for a in acc[0]["source"]} == {"USA", "KOR"}
    assert acc[0]["date"] == "2023-03-09"  # the call's day: the same two took part
    text = ("On March 1, Turkey and Libya signed a maritime agreement. Athens expelled the Libyan ambassador.")
    recs = code(text)
    assert [r["date_source"] for r in recs if r["plover"]["type"] == "SANCTION"] == ["publication"]


def test_a_date_the_parser_hung_on_the_next_noun() -> None:
    recs = code("Leaders met in Niamey for a summit where on Sunday Presidents Muhammadu Buhari of Nigeria and "
                "Patrice Talon of Benin signed the trade agreement.")
    assert {r["date"] for r in recs if r["plover"]["type"] == "AGREE"} == {"2023-03-05"}


def test_a_rejected_call_reaches_the_place_of_its_infinitive() -> None:
    recs = code("The African Union on Tuesday rejected a call for its troops to be deployed in Burundi.")
    assert any(r["plover"]["type"] == "REJECT" and r["target"] and r["target"][0]["country"] == "BDI" for r in recs)


def test_restoring_freedoms_is_a_concession() -> None:
    recs = code("The Belarusian government restored press freedoms on Monday.")
    assert [(r["plover"]["type"], r["cameo"]["code"]) for r in recs] == [("CONCEDE", "0811")]


def test_protesting_something_is_a_protest_by_people_and_a_complaint_by_a_state() -> None:
    recs = code("Thousands of Iranian students protested the new law in Tehran on Monday.")
    assert ("IRN", "IRN") in dyads(recs, "PROTEST")
    recs = code("China protested Japan's decision to buy the islands.")
    assert ("CHN", "JPN") in dyads(recs, "ACCUSE") and not dyads(recs, "PROTEST")


def test_of_two_subjects_the_nearer_is_the_doer() -> None:
    recs = code("On May 29, the International Day of UN Peacekeepers, Canada reaffirms its commitment to UN "
                "peacekeeping.")
    assert [r["source"][0]["country"] for r in recs if r["plover"]["type"] == "SUPPORT"] == ["CAN"]


def test_an_object_past_a_prepositional_phrase_and_requests_denied() -> None:
    recs = code("President Omar al-Bashir of Sudan on Thursday shortened by one hour the nightly curfew.")
    assert [(r["plover"]["type"], r["cameo"]["code"]) for r in recs] == [("CONCEDE", "081")]
    recs = code("The Turkish district administration has denied the application for a new mosque.")
    assert [(r["plover"]["type"], r["source"][0]["country"]) for r in recs] == [("REJECT", "TUR")]


def test_those_who_stand_down_in_the_passive_and_not_those_released() -> None:
    recs = code("Hundreds of Kosovar rebels have been demobilized since the peace accord.")
    assert [r["source"][0]["country"] for r in recs if r["plover"]["type"] == "RETREAT"] in (["XKX"], ["RKS"])
    assert not code("Iranian prisoners were released on Monday.")


def test_associations_and_an_apposition_taken_for_a_subject() -> None:
    recs = code("Members of the Association of Arab Lawyers, a body linked to the Arab League, investigated the "
                "treatment of 300 Libyans.")
    acc = [r for r in recs if r["plover"]["type"] == "ACCUSE"]
    assert acc and acc[0]["source"][0]["sector"] == "NGO" and acc[0]["target"][0]["country"] == "LBY"


def test_a_country_name_one_letter_off_when_the_text_also_spells_it_right() -> None:
    text = "Ethopia has agreed to reopen its borders with Eritrea, the foreign ministry of Ethiopia said."
    assert ("ETH", "ERI") in dyads(code(text), "AGREE")
    assert not code("Ethopia has agreed to reopen its borders.")  # no correct spelling to go by


def test_a_group_of_no_nationality_is_of_the_place_where_it_acts() -> None:
    recs = code("Leaders of the opposition coalition agreed to postpone the demonstration in Baku.")
    assert [(r["source"][0]["country"], r["source"][0]["sector"]) for r in recs] == [("AZE", "OPP")]


def test_a_past_event_is_not_dated_by_a_later_or_an_argument_date() -> None:
    recs = code("Chile and Peru discussed the upcoming summit of the Americas in June.")
    assert recs and all(r["date_source"] == "publication" for r in recs)
    recs = code("Germany reaffirmed its support for the 2015 nuclear agreement with Iran on Monday.")
    assert {r["date"] for r in recs if r["plover"]["type"] == "SUPPORT"} == {"2023-03-06"}
    assert not code("All parties have a duty to demonstrate responsible behavior, Germany said.")


def test_a_decided_meeting_is_intended_and_what_a_request_asks_not_to_do_is_no_event() -> None:
    recs = code("Chile and Peru decided to hold the next round of talks in Lima.")
    assert recs and all(r["plover"]["type"] == "AGREE" and r["modality"] == "intended" for r in recs)
    recs = code("Japan urged China not to provide any support for Russia's war.")
    assert {r["plover"]["type"] for r in recs} == {"REQUEST"}


def test_receiving_a_thing_or_being_flown_somewhere_is_no_visit() -> None:
    assert not code("Al Jazeera reported that Wiranto of Indonesia was flown to a hospital in Jakarta.")
    assert not code("Yemeni rebels received Iranian assistance last year.")
    assert ("CHN", "IRN") in dyads(code("President Xi of China received the Iranian delegation in Beijing."),
                                   "CONSULT")


def test_a_demonym_of_two_words_is_not_its_last_word() -> None:
    assert ("PRK", "KOR") in dyads(code("The North Korean army shelled a South Korean island on Monday."), "ASSAULT")
