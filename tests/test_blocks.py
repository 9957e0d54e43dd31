"""The layout stage's blocks (extract/layout/blocks.py): paragraphs, tables of cells with their
column, extent and role, and the blank line a paragraph gap leaves."""

from extract.layout.blocks import Roles, page_blocks
from extract.layout.lines import layout_lines
from extract.layout.model import Paragraph, Row, Table
from extract.readers.layout_text import layout_text

LO, AC = 30, 72  # where the columns of the tables below start, in characters


def _header(*names, starts=(0, LO, AC)):
    return "".join(n.ljust(b - a) for n, a, b in zip(names, starts, starts[1:] + (starts[-1] + 40,))).rstrip()


def _row(*cells, starts=(0, LO, AC)):
    return _header(*cells, starts=starts)


def _tables(doc):
    return [b for page in doc.pages for b in page.blocks if isinstance(b, Table)]


def test_a_header_row_names_each_cell_s_role_and_the_roles_carry_over_the_table_s_rows():
    doc = layout_text([_header("Learning outcomes", "Assessment criteria", "Indicative content"),
                       _row("1 Know the rules", "1.1 State the rules", "scope of the rules"),
                       _row("", "1.2 Name the rules", "types")])
    table, = _tables(doc)
    assert table.rows[0].header and not table.rows[1].header
    assert [c.role for c in table.rows[2].cells] == ["lo", "ac", "other"]
    assert [c.column for c in table.rows[1].cells] == [0, 1, 2]


def test_a_header_over_two_lines_adds_up_its_roles_and_a_page_break_keeps_them():
    two_line = [_header("Learning outcomes", "Assessment criteria", "Indicative content"),
                _header("The learner will:", "The learner can:")]  # names two of the three again
    doc = layout_text(two_line + [_row("1 Know the rules", "1.1 State the rules", "notes"),
                                  "\f" + _row("2 Know the tools", "2.1 Name the tools", "a list")])
    rows = [r for t in _tables(doc) for r in t.rows if not r.header]
    assert [[c.role for c in r.cells] for r in rows] == [["lo", "ac", "other"]] * 2
    assert rows[-1].location.page == 2


def test_the_roles_end_where_running_text_comes_between():
    doc = layout_text([_header("Learning outcomes", "Assessment criteria"),
                       _row("1 Know the rules", "1.1 State the rules"),
                       "",
                       "Unit 2 is about the tools of the trade and how they are kept safe.",
                       "",
                       _row("Unit level", "3"),
                       ])
    tables = _tables(doc)
    assert tables[-1].rows[0].cells[0].text == "Unit level"
    assert {c.role for c in tables[-1].rows[0].cells} == {None}


def test_roles_follow_their_header_and_reset_on_a_line_outside_a_table():
    def row(cells, table=True, header=False):
        return Row(1, 0.0, 10.0, list(cells), table=table, header=header, line_height=10.0, borders=(0.0, 100.0))

    roles = Roles()
    assert roles.see(row(["Learning outcomes", "Assessment criteria"], header=True)) == {0: "lo", 1: "ac"}
    assert roles.see(row(["1 Know", "1.1 State"])) == {0: "lo", 1: "ac"}
    assert roles.see(row(["Some running text"], table=False)) == {}
    assert roles.see(row(["1 Know", "1.1 State"])) == {}


def test_cells_carry_their_extent_from_the_table_s_borders():
    rows = [Row(3, 100.0, 112.0, ["Learning outcomes", "Assessment criteria"], table=True, header=True,
                line_height=12.0, borders=(50.0, 200.0, 400.0), ruled=True),
            Row(4, 112.0, 140.0, ["1 Know the rules", "1.1 State the rules"], table=True,
                line_height=12.0, borders=(50.0, 200.0, 400.0), ruled=True)]
    table, = page_blocks(1, rows)
    cell = table.rows[1].cells[1]
    assert table.kind == "ruled"
    assert (cell.left, cell.right, cell.top, cell.bottom, cell.role) == (200.0, 400.0, 112.0, 140.0, "ac")
    assert table.rows[1].location.line == 4


def test_a_new_header_starts_a_new_table_and_a_gaps_line_is_a_table_of_its_own():
    def table_row(n, cells, header=False):
        return Row(n, 12.0 * n, 12.0 * n + 12, cells, table=True, header=header, line_height=12.0, borders=(0.0, 100.0))

    rows = [table_row(1, ["Learning outcomes", "Assessment criteria"], header=True),
            table_row(2, ["1 Know", "1.1 State"]),
            table_row(3, ["Learning outcomes", "Assessment criteria"], header=True),
            table_row(4, ["2 Know", "2.1 State"]),
            Row(5, 60.0, 72.0, ["Credit value", "5"], line_height=12.0, starts=[0.0, 200.0])]
    blocks = page_blocks(1, rows)
    assert [(b.kind, len(b.rows)) for b in blocks] == [("unruled", 2), ("unruled", 2), ("gaps", 1)]
    assert (blocks[2].rows[0].cells[1].left, blocks[2].rows[0].cells[1].role) == (200.0, None)


def test_a_paragraph_gap_is_kept_and_becomes_the_blank_line_the_parser_reads():
    rows = [Row(1, 0.0, 12.0, ["Unit 1 Safety"], line_height=12.0),
            Row(2, 40.0, 52.0, ["This unit is about safety."], line_height=12.0),
            Row(3, 52.0, 64.0, ["It has two outcomes."], line_height=12.0)]
    blocks = page_blocks(1, rows)
    assert [type(b) for b in blocks] == [Paragraph] * 3
    assert [b.gap_before for b in blocks] == [False, True, False]


def test_layout_lines_numbers_a_text_file_s_lines_as_the_file_does():
    doc = layout_text(["Unit 1 Safety", "", "", "This unit is about safety."])
    lines = [line for line in layout_lines(doc) if not line.blank]
    assert [(line.number, line.page, line.text) for line in lines] == [(1, None, "Unit 1 Safety"),
                                                                       (4, None, "This unit is about safety.")]


def test_the_parser_skips_a_cell_the_layout_named_other_even_without_a_header_line():
    """The header is on a page the parser does not read with the unit (or the layout merged it
    over two lines): the row's own roles say which column is guidance, and its numbered line is
    no criterion."""
    from extract.layout.lines import Line
    from extract.parse.outcomes import parse_outcomes

    def row(n, *cells, roles=("lo", "ac", "other")):
        return Line(number=n, page=1, cells=list(cells), raw="\t".join(cells), parts=list(cells), roles=roles)

    lines = [row(1, "1 Know the rules", "1.1 State the rules", "2.1 see the handbook"),
             row(2, "", "1.2 Name the rules", "• scope")]
    los, _ = parse_outcomes(lines, "X/000/0000")
    assert [(lo.number, [a.number for a in lo.assessment_criteria]) for lo in los] == [("1", ["1.1", "1.2"])]
    unnamed = [row(1, "1 Know the rules", "1.1 State the rules", "2.1 see the handbook", roles=())]
    assert "2.1" in {a.number for lo in parse_outcomes(unnamed, "X/000/0000")[0] for a in lo.assessment_criteria}
