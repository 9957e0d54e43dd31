

@pytest.mark.parametrize("damaged, clean", [
    ("Clean the floor-and walls", "Clean the floor and walls"),  # a speck read as a hyphen
    ("Explain why safety-is important", "Explain why safety is important"),
    ("Keep the records'up to date", "Keep the records up to date"),  # ... as an apostrophe
    ("Name the tools {for example, drills)", "Name the tools (for example, drills)"),  # a bracket read as a brace
    ("Name the tools (for example, drills}", "Name the tools (for example, drills)"),
    ("List the hazards of the site:", "List the hazards of the site"),  # a speck after the last word
])
def test_marks_joining_words_are_put_right(damaged, clean):
    text, repairs = clean_text([damaged])
    assert text == clean and repairs


@pytest.mark.parametrize("text", ["Use a drop-in session and a plug-in heater", "Keep the day-to-day log",
                                  "Check the client's and the centre's files", "Agree it with the learners' tutors",
                                  "Use {braces} as printed"])
def test_printed_marks_are_left_alone(text):
    assert clean_text([text]) == (text, [])
