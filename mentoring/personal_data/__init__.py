"""A person's personal data as stored: which rows belong to them, the export, withdrawal links.

Read-only (no commits). The use cases that change or log something are in mentoring/operations/
(disclosure.py, withdrawal.py, erasure.py).
"""
