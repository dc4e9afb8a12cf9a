"""Pairing: the database read for the matching engine, and "who fits?" for one person.

Read-only (no commits): operations/runs.py and operations/proposals.py write what comes out.
"""
