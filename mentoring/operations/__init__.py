"""Use cases: the only code that commits."""

from mentoring.exceptions import OperationError

__all__ = ["OperationError"]
