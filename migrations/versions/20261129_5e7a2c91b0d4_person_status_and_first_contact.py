"""volunteers and requests: pause/hold until a date, status reasons, first contact

A pause or hold ends by itself: matching compares the date with today, no job runs. All new
columns are nullable (or default false), so existing rows keep their meaning.

Revision ID: 5e7a2c91b0d4
Revises: 2d81bba34327
Create Date: 2026-11-29 12:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5e7a2c91b0d4'
down_revision = "2d81bba34327"
branch_labels = None
depends_on = None

_CHANNEL = sa.Enum('phone', 'email', 'letter', 'in_person', name='firstcontactchannel',
                   native_enum=False, length=20)
_TABLES = {
    'volunteers': sa.Enum('no_time', 'moved', 'no_interest', 'unreachable', 'other',
                          name='withdrawreason', native_enum=False, length=20),
    'mentee_requests': sa.Enum('need_gone', 'unreachable', 'provided_elsewhere', 'moved',
                               'other', name='closereason', native_enum=False, length=20),
}


def upgrade():
    for table, reason in _TABLES.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            if table == 'volunteers':
                batch_op.add_column(sa.Column('paused_until', sa.Date(), nullable=True))
            else:
                batch_op.add_column(sa.Column('on_hold', sa.Boolean(), server_default=sa.false(), nullable=False))
                batch_op.add_column(sa.Column('on_hold_until', sa.Date(), nullable=True))
            batch_op.add_column(sa.Column('status_reason', reason, nullable=True))
            batch_op.add_column(sa.Column('status_note', sa.String(length=500), nullable=True))
            batch_op.add_column(sa.Column('status_changed_at', sa.DateTime(timezone=True), nullable=True))
            batch_op.add_column(sa.Column('first_contact_on', sa.Date(), nullable=True))
            batch_op.add_column(sa.Column('status_changed_by_id', sa.Integer(), nullable=True))
            batch_op.add_column(sa.Column('first_contact_channel', _CHANNEL, nullable=True))
            batch_op.add_column(sa.Column('first_contact_by_id', sa.Integer(), nullable=True))
            for column in ('status_changed_by_id', 'first_contact_by_id'):
                batch_op.create_foreign_key(
                    batch_op.f(f'fk_{table}_{column}_staff_users'), 'staff_users',
                    [column], ['id'], ondelete='SET NULL')


def downgrade():
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in ('first_contact_by_id', 'status_changed_by_id'):
                batch_op.drop_constraint(batch_op.f(f'fk_{table}_{column}_staff_users'), type_='foreignkey')
            for column in ('first_contact_by_id', 'first_contact_channel', 'status_changed_by_id',
                           'first_contact_on', 'status_changed_at', 'status_note', 'status_reason'):
                batch_op.drop_column(column)
            if table == 'volunteers':
                batch_op.drop_column('paused_until')
            else:
                batch_op.drop_column('on_hold_until')
                batch_op.drop_column('on_hold')
