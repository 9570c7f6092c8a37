"""Reading people's words: the situation, facts, yes / no / "weet ik niet", numbers, nationality, danger.

Plain Python, no Rasa import: the Rasa server's NLU step (rasaserver/nlu/situatie.py) and the actions read a message
the same way. A reading says how sure it is (lezen.lezing): said plainly, inferred, or absent.
"""
