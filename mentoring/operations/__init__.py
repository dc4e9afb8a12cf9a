"""Use cases: the only code that changes state, commits and writes audit entries.

Conventions every module here follows:
- An operation is a plain function with keyword arguments; the acting staff member comes as
  `staff: StaffUser` (None only where the person concerned acts themself or a scheduled job does).
- Transactions: each operation is one unit of work and ends in its single `db.session.commit()`;
  the helpers it calls only add and flush. Views never commit. (Logging that somebody looked
  at a record uses audit.record_now, which commits that entry at once, before the data is shown.)
- Refusals: a business rule that says no raises OperationError with a German message through
  `_()`, after rolling back what was done (operations.locking.refuse); views catch it and flash.
- Reads that several pages or operations need live outside: mentoring/pairing/ (matching input,
  "who fits?"), mentoring/personal_data/ (a person's rows, the export), the blueprints' queries.
"""

from mentoring.exceptions import OperationError

__all__ = ["OperationError"]
