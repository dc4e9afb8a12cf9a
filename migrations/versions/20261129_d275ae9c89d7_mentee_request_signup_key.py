"""mentee requests: a unique sign-up key, so identical sign-ups at the same moment store one

Existing rows keep NULL (several NULLs do not collide): the duplicate check by query still
covers them, and rows stored twice before this revision must not stop the upgrade.

Revision ID: d275ae9c89d7
Revises: b3e8f1a2c4d5
Create Date: 2026-11-29 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd275ae9c89d7'
down_revision = 'b3e8f1a2c4d5'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('mentee_requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signup_key', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_mentee_requests_signup_key'), ['signup_key'])


def downgrade():
    with op.batch_alter_table('mentee_requests', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_mentee_requests_signup_key'), type_='unique')
        batch_op.drop_column('signup_key')
