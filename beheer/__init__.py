"""The operator's tools, run apart from the servers: the retention command (`python -m beheer.opruimen`) and the
insight report (`python -m beheer.inzicht`).

They read the conversation store with SQL, through the endpoints file the server uses: no channel and no Rasa
agent is imported (tests/test_importen.py checks it).
"""
