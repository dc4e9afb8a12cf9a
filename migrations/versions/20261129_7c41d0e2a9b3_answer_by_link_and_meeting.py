"""proposals: the volunteer's answer by link; tandems: the planned first meeting (.ics)

Revision ID: 7c41d0e2a9b3
Revises: 3622746678e8
Create Date: 2026-11-29 13:25:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7c41d0e2a9b3'
down_revision = "3622746678e8"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('volunteer_answer', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('volunteer_answer_reason', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('volunteer_answered_at', sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table('tandems', schema=None) as batch_op:
        batch_op.add_column(sa.Column('meeting_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('meeting_place', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('meeting_sequence', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('tandems', schema=None) as batch_op:
        batch_op.drop_column('meeting_sequence')
        batch_op.drop_column('meeting_place')
        batch_op.drop_column('meeting_at')

    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_column('volunteer_answered_at')
        batch_op.drop_column('volunteer_answer_reason')
        batch_op.drop_column('volunteer_answer')
