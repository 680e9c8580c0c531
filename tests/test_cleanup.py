"""Boilerplate lines trimmed from HTML article bodies."""

from __future__ import annotations

from dyads.extract.cleanup import trim_boilerplate

BODY = ("The harbour board approved the dredging plan on Tuesday after a long debate.\n"
        "Read more: Ferry fares to rise in spring\n"
        "Members said the sea wall would be repaired first, and the work would start in May.")


def test_repeated_title_inline_links_and_closing_prompts_are_dropped():
    text = ("Harbour board approves dredging plan\n" + BODY +
            "\nLike this story? Share it with a friend!"
            "\nGet the latest news in your inbox. Subscribe to our newsletters.")
    trimmed = trim_boilerplate(text, title="Harbour board approves dredging plan")
    assert trimmed.splitlines() == [BODY.splitlines()[0], BODY.splitlines()[2]]


def test_article_text_and_list_items_stay():
    text = BODY + "\n- Sign up for the bundle with the same email to get the discount."
    trimmed = trim_boilerplate(text, title="Something else entirely")
    assert trimmed.endswith("discount.") and "Members said" in trimmed
    assert trim_boilerplate("Subscribe to the idea that rates will fall.", None) == \
        "Subscribe to the idea that rates will fall."


def test_reading_time_date_lines_and_related_headline_lists_are_dropped():
    text = ("Tempo de leitura: 2 minutos\nsexta-feira, 22 de outubro de 2010 às 20:13\n" + BODY +
            "\n[Related: Council to review ferry contract]\nRelated:\n- Ten harbours to visit\n- The old sea wall\n"
            "The mayor will present the second reading in May.\nFiled under: Harbour |")
    lines = trim_boilerplate(text).splitlines()
    assert lines[0].startswith("The harbour board")
    assert lines[-1] == "The mayor will present the second reading in May."
    assert not any(line.startswith(("-", "[", "Related", "Read more")) for line in lines)


def test_a_call_for_readers_letters_closing_an_opinion_piece_is_dropped():
    text = (BODY + "\nThe Gazette publishes a range of letters. We’d like to hear what you think about this "
            "or any of our articles; write to the letters desk.")
    trimmed = trim_boilerplate(text, None)
    assert trimmed.endswith("the work would start in May.") and "letters" not in trimmed
