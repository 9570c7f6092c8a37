"""`python -m beheer.inzicht` (`make inzicht`): the insight report for whoever keeps the assistant right.

It reads the conversation store the server uses and writes `inzicht/index.html` (figures, charts, what was not
understood) and `inzicht/kandidaten.yml` (not-understood messages as NLU examples for a person to review).
"""
