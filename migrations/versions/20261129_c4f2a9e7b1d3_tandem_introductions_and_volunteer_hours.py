"""tandem introductions (what each side shares, meeting, rhythm) and volunteer hours per month

Two new tables only; nothing existing changes.

Revision ID: c4f2a9e7b1d3
Revises: e5c2a8d41f07
Create Date: 2026-11-29 12:07:10.077577

"""
from alembic import op
import sqlalchemy as sa



# revision identifiers, used by Alembic.
revision = 'c4f2a9e7b1d3'
down_revision = "e5c2a8d41f07"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('tandem_introductions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tandem_id', sa.Integer(), nullable=False),
    sa.Column('volunteer_shares', sa.JSON(), nullable=False),
    sa.Column('request_shares', sa.JSON(), nullable=False),
    sa.Column('meeting_place', sa.String(length=200), nullable=True),
    sa.Column('meeting_on', sa.Date(), nullable=True),
    sa.Column('meeting_time', sa.Time(), nullable=True),
    sa.Column('rhythm', sa.String(length=120), nullable=True),
    sa.Column('coordinator_phone', sa.String(length=40), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['tandem_id'], ['tandems.id'], name=op.f('fk_tandem_introductions_tandem_id_tandems'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['staff_users.id'], name=op.f('fk_tandem_introductions_updated_by_id_staff_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tandem_introductions')),
    sa.UniqueConstraint('tandem_id', name=op.f('uq_tandem_introductions_tandem_id'))
    )
    op.create_table('volunteer_hours',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tandem_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('hours', sa.Numeric(precision=5, scale=1), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('hours >= 0.5 AND hours <= 200', name=op.f('ck_volunteer_hours_hours_range')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['staff_users.id'], name=op.f('fk_volunteer_hours_recorded_by_id_staff_users')),
    sa.ForeignKeyConstraint(['tandem_id'], ['tandems.id'], name=op.f('fk_volunteer_hours_tandem_id_tandems'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_volunteer_hours')),
    sa.UniqueConstraint('tandem_id', 'month', name='uq_volunteer_hours_tandem_month')
    )
    with op.batch_alter_table('volunteer_hours', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_volunteer_hours_tandem_id'), ['tandem_id'], unique=False)



def downgrade():
    with op.batch_alter_table('volunteer_hours', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_volunteer_hours_tandem_id'))

    op.drop_table('volunteer_hours')
    op.drop_table('tandem_introductions')
