"""reminders and tandem feedback

What the scheduled reminder jobs sent (sent_reminders: sends nothing twice) and the answers to
the questionnaire after a tandem ends (tandem_feedback, one per side).

Revision ID: 7b1f0c3a9e52
Revises: 7c41d0e2a9b3
Create Date: 2026-11-29 13:17:44.039779

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7b1f0c3a9e52'
down_revision = "7c41d0e2a9b3"
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('sent_reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sent_reminders')),
    sa.UniqueConstraint('key', name=op.f('uq_sent_reminders_key'))
    )
    op.create_table('tandem_feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tandem_id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('side', sa.String(length=10), nullable=False),
    sa.Column('satisfaction', sa.Integer(), nullable=False),
    sa.Column('would_recommend', sa.Boolean(), nullable=False),
    sa.Column('went_well', sa.Text(), nullable=True),
    sa.Column('could_be_better', sa.Text(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_tandem_feedback_programme_id_programmes')),
    sa.ForeignKeyConstraint(['tandem_id'], ['tandems.id'], name=op.f('fk_tandem_feedback_tandem_id_tandems'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tandem_feedback')),
    sa.UniqueConstraint('tandem_id', 'side', name=op.f('uq_tandem_feedback_tandem_id'))
    )
    with op.batch_alter_table('tandem_feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tandem_feedback_programme_id'), ['programme_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tandem_feedback_submitted_at'), ['submitted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_tandem_feedback_tandem_id'), ['tandem_id'], unique=False)




def downgrade():

    with op.batch_alter_table('tandem_feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tandem_feedback_tandem_id'))
        batch_op.drop_index(batch_op.f('ix_tandem_feedback_submitted_at'))
        batch_op.drop_index(batch_op.f('ix_tandem_feedback_programme_id'))

    op.drop_table('tandem_feedback')
    op.drop_table('sent_reminders')

