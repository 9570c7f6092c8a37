"""The tests, in folders that mirror the packages (README, "Layout"); project-wide checks lie here at the top.

A package, so every test module has a name of its own (tests.rasaserver.nlu.test_intentkeuze) and the project's
folder, not tests/, is on the import path.
"""
