"""Test support: factories, login, database helpers."""
