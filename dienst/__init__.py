"""Starts each process the way this assistant needs it: safe settings, masked logs, no silent failures.

`python -m dienst [server|acties|shell|adressen]` (__main__.py, opdracht.py, opstart.py); the settings, the one
module that reads the environment (instellingen.py); the endpoints file read outside Rasa (eindpunten.py); the
upgrade fence (versies.py: every private part of Rasa and aiogram the project uses); log masking (logboek.py).
Every process imports it; it imports a process's own package (rasaserver/, actions/) only inside the function
that starts that process.
"""
