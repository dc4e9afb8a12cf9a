"""staff intake: the channel a sign-up came by; consent given online, orally or in writing,
who recorded it and how the privacy notice was given

Existing rows came through the public forms: channel and consent form "online".

Revision ID: e5c2a8d41f07
Revises: e4a1b7c3d9f2
Create Date: 2026-11-29 12:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e5c2a8d41f07'
down_revision = "e4a1b7c3d9f2"
branch_labels = None
depends_on = None

CHANNEL = sa.Enum('online', 'phone', 'counter', 'paper', name='intakechannel', native_enum=False, length=20)


def upgrade():
    with op.batch_alter_table('consent_records', schema=None) as batch_op:
        batch_op.add_column(sa.Column('given_as', sa.Enum('online', 'oral', 'written', name='consentgivenas', native_enum=False, length=20), server_default='online', nullable=False))
        batch_op.add_column(sa.Column('recorded_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('privacy_notice', sa.Enum('handed_out', 'read_out', name='privacynotice', native_enum=False, length=20), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_consent_records_recorded_by_id_staff_users'), 'staff_users', ['recorded_by_id'], ['id'], ondelete='SET NULL')
    with op.batch_alter_table('volunteers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('intake_channel', CHANNEL, server_default='online', nullable=False))
    with op.batch_alter_table('mentee_requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('intake_channel', CHANNEL, server_default='online', nullable=False))


def downgrade():
    with op.batch_alter_table('mentee_requests', schema=None) as batch_op:
        batch_op.drop_column('intake_channel')
    with op.batch_alter_table('volunteers', schema=None) as batch_op:
        batch_op.drop_column('intake_channel')
    with op.batch_alter_table('consent_records', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_consent_records_recorded_by_id_staff_users'), type_='foreignkey')
        batch_op.drop_column('privacy_notice')
        batch_op.drop_column('recorded_by_id')
        batch_op.drop_column('given_as')
