"""outbox messages and e-mail confirmation

The transactional outbox (mentoring/models/messages.py) and the moment a person confirmed their
e-mail address (volunteers, mentee_requests).

Revision ID: 3622746678e8
Revises: c4f2a9e7b1d3
Create Date: 2026-11-29 12:07:28.624644

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3622746678e8'
down_revision = "c4f2a9e7b1d3"
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('channel', sa.Enum('email', 'letter', name='messagechannel', native_enum=False, length=20), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('volunteer_id', sa.Integer(), nullable=True),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('to_address', sa.Text(), nullable=True),
    sa.Column('subject', sa.String(length=200), nullable=True),
    sa.Column('body_text', sa.Text(), nullable=True),
    sa.Column('body_html', sa.Text(), nullable=True),
    sa.Column('attachments', sa.JSON(), nullable=True),
    sa.Column('message_id', sa.String(length=255), nullable=False),
    sa.Column('state', sa.Enum('waiting', 'sending', 'sent', 'failed', 'printed', name='messagestate', native_enum=False, length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.String(length=40), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('body_deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resend_of_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['request_id'], ['mentee_requests.id'], name=op.f('fk_messages_request_id_mentee_requests'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['resend_of_id'], ['messages.id'], name=op.f('fk_messages_resend_of_id_messages'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['staff_id'], ['staff_users.id'], name=op.f('fk_messages_staff_id_staff_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['volunteer_id'], ['volunteers.id'], name=op.f('fk_messages_volunteer_id_volunteers'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_messages')),
    sa.UniqueConstraint('message_id', name=op.f('uq_messages_message_id'))
    )
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_messages_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_messages_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_messages_staff_id'), ['staff_id'], unique=False)
        batch_op.create_index('ix_messages_state_next_attempt_at', ['state', 'next_attempt_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_messages_volunteer_id'), ['volunteer_id'], unique=False)

    with op.batch_alter_table('mentee_requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_confirmed_at', sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table('volunteers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_confirmed_at', sa.DateTime(timezone=True), nullable=True))




def downgrade():

    with op.batch_alter_table('volunteers', schema=None) as batch_op:
        batch_op.drop_column('email_confirmed_at')

    with op.batch_alter_table('mentee_requests', schema=None) as batch_op:
        batch_op.drop_column('email_confirmed_at')

    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_messages_volunteer_id'))
        batch_op.drop_index('ix_messages_state_next_attempt_at')
        batch_op.drop_index(batch_op.f('ix_messages_staff_id'))
        batch_op.drop_index(batch_op.f('ix_messages_request_id'))
        batch_op.drop_index(batch_op.f('ix_messages_created_at'))

    op.drop_table('messages')

