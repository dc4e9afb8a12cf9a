"""The one domain exception: a business rule refused an action."""


class OperationError(Exception):
    """A business rule refused the action; the message is for the user (already translated)."""
