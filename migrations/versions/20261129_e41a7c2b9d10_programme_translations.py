"""programme translations: a programme's public texts per language, needed before activation

Revision ID: e41a7c2b9d10
Revises: c0a7c1e5f012
Create Date: 2026-11-29 12:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e41a7c2b9d10'
down_revision = "c0a7c1e5f012"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'programme_translations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('programme_id', sa.Integer(), nullable=False),
        sa.Column('locale', sa.String(length=5), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('summary', sa.Text(), nullable=False),
        sa.Column('volunteer_task', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ['programme_id'], ['programmes.id'],
            name=op.f('fk_programme_translations_programme_id_programmes'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_translations')),
        sa.UniqueConstraint(
            'programme_id', 'locale', name=op.f('uq_programme_translations_programme_id')
        ),
    )


def downgrade():
    op.drop_table('programme_translations')
