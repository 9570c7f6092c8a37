"""Starts the Rasa server the way this assistant needs it: safe settings, masked logs, no silent failures."""
