"""The kit's autograder for homework notebooks (environment/grade.py is its command line).

Modules, in the order a submission meets them:
  homework    the source notebook of a homework: parts, points, locked and answer cells
  submission  one student's notebook: read, identify, match its cells to the source's, plan the run
  flags       what a submission reaches for that it has no business touching (flagged for review)
  runner      executes a plan in a fresh kernel: per-cell and per-submission limits, restart and replay
  sandbox     the bubblewrap sandbox each kernel runs in, and the grader's side of the channel to it
  harness     the notebook executor inside the sandbox (nbclient + the kernel; files and pipes only)
  hidden      the instructor's hidden tests (instructor-only: never in a student release)
  report      gradebook.csv, summary.csv, feedback pages and the overview page
Standard library plus Jupyter's nbclient/nbformat (Debian packages), as the notebook runner.
"""
