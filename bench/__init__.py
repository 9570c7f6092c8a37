"""The load benchmark (`make bench`) and the process control it shares with tests/e2e/stack.py."""
