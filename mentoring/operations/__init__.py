"""Use cases: the only code that commits."""


class OperationError(Exception):
    """A business rule refused the action; the message is for the user (already translated)."""
