"""Everything that runs inside the Rasa server (`python -m dienst server`), and nothing else does.

- `nlu/`: our NLU components, named in config.yml (the model holds their trained state).
- `kanalen/`: the input channels (REST, socket.io, Telegram, WhatsApp) and the shared check of what users send.
- `opslag/`: the conversation store and the lock store, named by `type:` in the endpoints files.
- `bronnen.py`: the response generator that adds the IND page's section to an answer (`nlg:` in the endpoints files).
- `patches/`: changes to private parts of Rasa, installed by `python -m dienst server` before Rasa starts.
  dienst/versies.py (the upgrade fence) lists every private part of Rasa and aiogram this package uses.

It may import the shared reading package `lezen/` and `dienst/` (settings, log masking), never `actions/`
(the action server's package) nor `beheer/` (tests/test_importen.py checks it).
"""
