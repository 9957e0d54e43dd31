import pytest

from extract.normalise.text import clean_text


@pytest.mark.parametrize("damaged, clean", [
    ("Beableto champion customer", "Be able to champion customer"),
    ("Beabletoplana project", "Be able to plan a project"),
    ("|dentify the strategic", "Identify the strategic"),
    ("pescribe activities", "Describe activities"),
    ("uUnderstand how", "Understand how"),
    ("yse information analysis", "Use information analysis"),
    ("Dpevelop procedures", "Develop procedures"),
    ("validate the information collected.", "Validate the information collected"),
])
def test_ocr_repair(damaged, clean):
    assert clean_text([damaged])[0] == clean


@pytest.mark.parametrize("text", ["Supply customer information", "Identify workable options",
                                  "Explain how the reputation of an organisation"])
def test_real_words_are_left_alone(text):
    assert clean_text([text]) == (text, [])


def test_lines_joined_and_hyphenation():
    assert clean_text(["the consumer decision-", "making process"])[0] == "The consumer decision-making process"
    assert clean_text(["time- bound (SMART)"])[0] == "Time-bound (SMART)"


def test_column_split_uses_phrase_statistics_and_width():
    from extract.repair.columns import split_columns

    assert split_columns("customer service from the customer's viewpoint", "understand how to champion",
                         "Evaluate the importance of viewing operations", 31) == \
        ("customer service", "from the customer's viewpoint")
    # the outcome part can never be wider than the outcome column
    assert split_columns("a b c d e f g h", "x", "y", 3)[0] in {"", "a", "a b"}


def test_glued_split_needs_corpus_word_pairs():
    # "be have" is no word pair anywhere in the corpus, "be able" is
    assert clean_text(["Behave in a way"])[0] == "Behave in a way"
    assert clean_text(["Beable to manage"])[0] == "Be able to manage"


def test_real_words_the_corpus_never_printed_are_not_repaired():
    from extract.normalise.text import repair_words

    for text in ("seal the container before loading", "Reefer units keep goods chilled", "organise the colour chart"):
        assert repair_words(text) == (text, [])
    assert repair_words("pescribe the checks")[0] == "Describe the checks"  # OCR damage is still repaired


def test_specks_read_as_full_stops_inside_a_sentence_are_dropped():
    from extract.normalise.text import clean_text
    text, repairs = clean_text(["Explain. why it is important", "to.record deliveries (e.g. damaged goods) for", "others:in the team,"])
    assert text == "Explain why it is important to record deliveries (e.g. damaged goods) for others in the team"
    assert len(repairs) == 3
    assert clean_text(["Visit example.org.uk or ask J. smith"])[0] == "Visit example.org.uk or ask J. smith"
