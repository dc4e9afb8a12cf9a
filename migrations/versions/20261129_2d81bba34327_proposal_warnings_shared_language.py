"""proposals: warnings (a pair's weak points); the common-language rule on for every programme

"Mindestens eine gemeinsame Sprache" becomes a hard rule by default: every existing programme
gets it; an admin turns it off only for a programme that arranges interpreters. Existing
proposals get an empty warnings list (the next matching run computes them).

Revision ID: 2d81bba34327
Revises: e41a7c2b9d10
Create Date: 2026-11-29 12:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2d81bba34327'
down_revision = "e41a7c2b9d10"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('warnings', sa.JSON(), server_default=sa.text("'[]'"), nullable=False)
        )
    programmes = sa.table('programmes', sa.column('requires_shared_language', sa.Boolean()))
    op.execute(programmes.update().values(requires_shared_language=True))


def downgrade():
    # The programmes keep the rule as it now stands: which ones had it before is not known.
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_column('warnings')
