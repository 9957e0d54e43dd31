"""Which column a line of a flattened LO | AC row goes on, where the choice needs evidence
rather than the best of ``columns.split_columns``'s guesses: a cut both of whose joins are usual
word pairs (``joins_known``), and the outcome's text going on among its criteria
(``left_open``, ``outcome_goes_on``, ``outcome_in_turn``, ``outcome_left_beside``). Each
predicate weighs the corpus's word pairs (``vocabulary.bigrams``) and the document's own.
"""

from __future__ import annotations

from collections import Counter

from .columns import _first_word, _join_score, _last_word, _unfinished
from .vocabulary import bigrams, pairs


def joins_known(outcome_so_far: str, lo_part: str, criterion_so_far: str, ac_part: str, document: Counter) -> bool:
    """Both columns' parts go on from their texts so far with a usual word pair (the corpus's
    or the document's, the line's own taken out) and the cut between them falls in a pair less
    usual than either join (``performance, with`` printed once elsewhere), or the criterion's
    text so far is left open (``according to``: it must go on, so the line does hold its
    words): evidence for the cut, not only the best of guesses."""
    document = document - pairs([f"{lo_part} {ac_part}"])
    joins = (_join_score(_last_word(outcome_so_far), lo_part, document),
             _join_score(_last_word(criterion_so_far), ac_part, document))
    return (min(joins) > 0
            and (_unfinished(criterion_so_far) or _join_score(_last_word(lo_part), ac_part, document) < min(joins)))


def left_open(outcome_so_far: str) -> bool:
    """The outcome's text so far ends on a word no text ends with (``the``, ``to``): the
    outcome's next line is still to come (where the criterion's is left open too, the word
    pairs decide whose it is: ``outcome_goes_on``)."""
    return _unfinished(outcome_so_far)


def outcome_goes_on(outcome_so_far: str, criterion_so_far: str, text: str, document: Counter) -> bool:
    """A paragraph printed among an outcome's criteria continues the outcome (OCR printed the
    outcome cell's last lines as a paragraph of their own) when the document itself prints the
    outcome's last word before the paragraph's first word (the corpus's pairs are too generic:
    "behaviour and") and neither the document nor the corpus ever prints the criterion's so."""
    first = _first_word(text)
    return (document.get(f"{_last_word(outcome_so_far)} {first}", 0) > 0
            and _join_score(_last_word(criterion_so_far), text, document) == 0)


def outcome_in_turn(outcome_so_far: str, criterion_so_far: str, text: str, document: Counter) -> bool:
    """The outcome's turn in a row whose cells' lines alternate (plain pdftotext prints each
    line of the outcome cell, then the criterion cell's beside it) goes to the outcome where it
    is left open (``left_open``: it must go on), the criterion is not, and the corpus and the
    document print the criterion's last word before the line's first word no more often than
    the outcome's (``choice of`` + ``cutting technique``: counts, not ``_join_score``'s shares,
    which are small for any pair opening with ``of``)."""
    first = _first_word(text)
    printed_after = [bigrams().get(f"{w} {first}", 0) + document.get(f"{w} {first}", 0)
                     for w in (_last_word(outcome_so_far), _last_word(criterion_so_far))]
    return left_open(outcome_so_far) and not _unfinished(criterion_so_far) and printed_after[1] <= printed_after[0]


def outcome_left_beside(outcome_so_far: str, criterion_so_far: str, text: str, document: Counter) -> bool:
    """The line after an outcome's first line and its first criterion's one line continues
    the outcome: the outcome is left open (``left_open``: it must go on), the criterion is not,
    the outcome's last word goes on into the line with a usual pair (the corpus's or the
    document's) and the criterion's never does."""
    return (left_open(outcome_so_far) and not _unfinished(criterion_so_far)
            and _join_score(_last_word(outcome_so_far), text, document) > 0
            and _join_score(_last_word(criterion_so_far), text, document) == 0)
