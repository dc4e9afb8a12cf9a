"""proposals: where a proposal came from (run or by hand, and who), and the office's steps

Existing proposals all came from runs: the server default "run" fills them.

Revision ID: e4a1b7c3d9f2
Revises: 5e7a2c91b0d4
Create Date: 2026-11-29 12:20:00.000000

"""
from alembic import op
import sqlalchemy as sa



# revision identifiers, used by Alembic.
revision = 'e4a1b7c3d9f2'
down_revision = "5e7a2c91b0d4"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('source', sa.Enum('run', 'manual', name='proposalsource', native_enum=False, length=20), server_default='run', nullable=False)
        )
        batch_op.add_column(sa.Column('created_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_proposals_created_by_id_staff_users'), 'staff_users', ['created_by_id'], ['id'])

    op.create_table('proposal_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('volunteer_asked', 'volunteer_agreed', 'volunteer_declined', 'mentee_asked', 'mentee_agreed', 'mentee_declined', 'meeting_arranged', name='proposalstepkind', native_enum=False, length=20), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_steps_proposal_id_proposals'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_id'], ['staff_users.id'], name=op.f('fk_proposal_steps_staff_id_staff_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_steps')),
    sa.UniqueConstraint('proposal_id', 'kind', name='uq_proposal_steps_kind')
    )
    with op.batch_alter_table('proposal_steps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_steps_proposal_id'), ['proposal_id'], unique=False)


def downgrade():
    with op.batch_alter_table('proposal_steps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_steps_proposal_id'))

    op.drop_table('proposal_steps')
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_proposals_created_by_id_staff_users'), type_='foreignkey')
        batch_op.drop_column('created_by_id')
        batch_op.drop_column('source')
