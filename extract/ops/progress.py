"""The live progress line of ``specx run`` on a terminal, drawn by rich (a spaCy dependency,
already installed): it appears as soon as the run starts, with a spinner and the elapsed time
ticking, and after each document shows documents and pages done, the rate and the ETA
(estimated from the bytes left, so one large PDF counts for more than a small text file).

Progress moves per document: per-page progress would need every worker process to send page
events back to the run, which the process pool does not do; the spinner and clock show the run
is alive meanwhile. Messages printed while the line is live appear above it.
"""

from __future__ import annotations


class LiveLine:
    def __init__(self, stream, total: int):
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
        from rich.table import Column

        self.console = Console(file=stream, force_terminal=True, highlight=False)
        self.progress = Progress(SpinnerColumn(), TextColumn("{task.fields[documents]}", table_column=Column(no_wrap=True)), BarColumn(bar_width=10),
                                 TextColumn("{task.fields[detail]}", table_column=Column(no_wrap=True)), TimeElapsedColumn(table_column=Column(no_wrap=True, min_width=7)),
                                 TextColumn("{task.fields[name]}",  # the name gives way on a narrow terminal
                                            table_column=Column(ratio=1, no_wrap=True, overflow="ellipsis")),
                                 console=self.console, transient=True,
                                 refresh_per_second=4)
        self.task = self.progress.add_task("extract", total=total or None, documents=f"0/{total} documents",
                                           detail="", name="")
        self.progress.start()

    def update(self, done: int, total: int, pages: int, rate: float, left: float, name: str) -> None:
        pages_text = f", {pages} pages" if pages else ""
        self.progress.update(self.task, completed=done, documents=f"{done}/{total} documents{pages_text}",
                             detail=f"{rate:.1f} docs/s, ETA {int(left) // 60}:{int(left) % 60:02d}", name=name)
        self.progress.refresh()

    def print(self, text: str) -> None:
        self.console.print(text, markup=False, highlight=False, soft_wrap=True)

    def stop(self) -> None:
        self.progress.stop()
