"""Pure decisions of the supervision app (R-SUP): plain values in, a decision (with its Chinese
reason) out. No ORM, no I/O; every policy figure arrives as an argument.

- ``workflow``: the transition tables of every workflow and the one function that applies them;
- ``deadlines``: the working-day deadlines of complaints, letters and rectifications, and overdue tests;
- ``attachments``: what an uploaded file may be (type by content, size);
- ``tracking``: the public tracking code of a complaint (generation, normalisation, digest);
- ``draw``: the seeded, reproducible sampling draw of the case-file review;
- ``scoring``: the case-file rubric, a file's score and grade, self-review coverage.
"""
