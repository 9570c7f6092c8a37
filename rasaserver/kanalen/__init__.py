"""Rasa input channels with one shared check of what users send (see invoer.py)."""
