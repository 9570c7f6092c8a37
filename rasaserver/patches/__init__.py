"""Changes to private parts of Rasa 3.6 and Sanic 21.12, each installed by `python -m dienst server` before Rasa
starts and each refused on another release (dienst/versies.py)."""
