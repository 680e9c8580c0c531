"""Event coder: a statement whose content is the speaker's own act told as done ("the army said it had
encircled the town"). CAMEO codes the act, with the speaker as its source, not a statement (010) about it;
a statement about another party's act stays a statement beside that act. Our own sentences."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def code(loaded_pipeline):
    """Code one text; return its (source, target, cameo, mode) tuples."""

    def run(text: str) -> list[tuple]:
        [result] = loaded_pipeline.code([{"id": "t", "text": text, "date": "2024-03-04"}])
        return [(e["source_code"], e["target_code"], e["cameo"], e["mode"]) for e in result["events"]]

    return run


@pytest.mark.parametrize("text, source, target, root, mode", [
    # the act's target is a place or people the text does not name: the act stands with the target empty
    ("The Israeli army said it had encircled the town.", "ISRMIL", None, "19", "asserted"),
    ("The Turkish army said it had shelled the village overnight.", "TURMIL", None, "19", "asserted"),
    ("The Chinese foreign ministry said they had detained two men.", "CHNGOV", None, "17", "asserted"),
    ("Ukraine said it had struck back.", "UKR", None, "19", "asserted"),
    ("Qatar said it had held talks on the ceasefire.", "QAT", None, "04", "asserted"),
    # told as to come: an intent (03) or a threat (13), the target left empty as well
    ("Japan said it would hold talks.", "JPN", None, "036", "asserted"),
    ("Iran said it would retaliate.", "IRN", None, "13", "asserted"),
    ("The Saudi government said it had sent humanitarian aid to the city.", "SAUGOV", None, "07", "asserted"),
    ("The Lithuanian government said it has suspended the agreement.", "LTUGOV", None, "16", "asserted"),
    # told as not done: the act negated, not a statement
    ("The Israeli military said it had not struck the hospital.", "ISRMIL", None, "19", "negated"),
    ("Poland said it had not closed the border.", "POL", None, "19", "negated"),
    # the subject is the speaker's own armed men, diplomats or mediators ("its jets", "their forces")
    ("Turkey said its jets had struck PKK positions in northern Iraq.", "TURMIL", "TURREB", "19", "asserted"),
    ("Ukraine's military said its forces shot down 20 Russian drones overnight.", "UKRMIL", "RUSMIL", "19",
     "asserted"),
    ("Germany said its diplomats had met Iranian officials.", "DEUGOV", "IRNGOV", "04", "asserted"),
])
def test_own_act_is_the_event(code, text, source, target, root, mode):
    events = code(text)
    assert any(s == source and t == target and c.startswith(root) and m == mode for s, t, c, m in events), events
    assert not [e for e in events if e[2].startswith("01")], events  # no statement beside the act


@pytest.mark.parametrize("text", [
    "The Latvian government said it had expelled the ambassador.",  # named by a title, and not found
    "The company said its officials had met the minister.",  # a firm's officials are no government
])
def test_own_act_on_a_party_not_found_is_no_statement(code, text):
    assert code(text) == []


@pytest.mark.parametrize("text, statement, act", [
    # what another party did: the speaker's statement about it, beside that party's act
    ("Ukraine said Russia had shelled the city of Kharkiv.", ("UKR", "RUS"), ("RUS", "UKR", "19")),
    ("Poland said Russian jets had violated its airspace.", ("POL", "RUSMIL"), ("RUSMIL", None, "12")),
    ("Ukraine said Russian forces had shelled the village.", ("UKR", "RUSMIL"), None),
])
def test_another_partys_act_stays_a_statement(code, text, statement, act):
    events = code(text)
    assert [(s, t) for s, t, c, _m in events if c.startswith("01")] == [statement], events
    if act is not None:
        assert any(s == act[0] and t == act[1] and c.startswith(act[2]) for s, t, c, _m in events), events
    assert not [e for e in events if e[0] == statement[0] and not e[2].startswith("01")], events


@pytest.mark.parametrize("text, cameo", [
    # a feeling or a state is no act: the statement stays
    ("Kenya's foreign ministry said it was concerned about the fighting in Sudan.", "012"),
    ("Kenya said it was deeply disappointed.", "010"),
    ("Turkey said its jets were ready.", "010"),
    # a course going on is no act done yet ("looking into" is not an investigation of a party)
    ("The Dutch government said it was looking into new options for the talks.", "010"),
])
def test_own_state_is_a_statement(code, text, cameo):
    assert [c for _s, _t, c, _m in code(text)] == [cameo]
