"""contact without e-mail: postal address, contact channel, language of correspondence,
interpreter, Latin-script name; the referrer's direct contact and the young person's surname;
programmes about careers

Volunteer.email and MenteeRequest.contact_email become nullable. Existing rows were all reached
by e-mail: their channel is "email" and their correspondence language their page locale.

Revision ID: c0a7c1e5f012
Revises: d275ae9c89d7
Create Date: 2026-11-29 12:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c0a7c1e5f012'
down_revision = 'd275ae9c89d7'
branch_labels = None
depends_on = None


def _contact_columns():
    return [
        sa.Column('street', sa.String(length=120), nullable=True),
        sa.Column('house_number', sa.String(length=10), nullable=True),
        sa.Column(
            'contact_channel',
            sa.Enum('email', 'phone', 'letter', name='contactchannel', native_enum=False, length=20),
            server_default='email',
            nullable=False,
        ),
        sa.Column('correspondence_language', sa.String(length=8), server_default='de', nullable=False),
        sa.Column('interpreter_needed', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('name_latin', sa.String(length=170), nullable=True),
    ]


def upgrade():
    with op.batch_alter_table('volunteers', schema=None) as batch_op:
        for column in _contact_columns():
            batch_op.add_column(column)
        batch_op.alter_column('email', existing_type=sa.String(length=254), nullable=True)
    with op.batch_alter_table('mentee_requests', schema=None) as batch_op:
        for column in _contact_columns():
            batch_op.add_column(column)
        batch_op.add_column(sa.Column('person_last_name', sa.String(length=80), nullable=True))
        batch_op.add_column(
            sa.Column(
                'direct_contact',
                sa.Enum('guardian', 'young_person', name='directcontact', native_enum=False, length=20),
                nullable=True,
            )
        )
        batch_op.add_column(sa.Column('direct_contact_name', sa.String(length=170), nullable=True))
        batch_op.add_column(sa.Column('direct_contact_phone', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('direct_contact_email', sa.String(length=254), nullable=True))
        batch_op.alter_column('contact_email', existing_type=sa.String(length=254), nullable=True)
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('about_careers', sa.Boolean(), server_default=sa.false(), nullable=False))
    for table in ('volunteers', 'mentee_requests'):
        op.execute(
            f"UPDATE {table} SET correspondence_language = locale "
            "WHERE locale IN ('de', 'en', 'ar', 'uk', 'tr')"
        )
    op.execute(
        sa.text("UPDATE programmes SET about_careers = :yes WHERE code = 'ausbildungspaten'").bindparams(
            yes=True
        )
    )


def downgrade():
    # Rows without an e-mail address cannot go back to a NOT NULL column: they get a placeholder
    # of the kind erasure writes, so the downgrade never fails.
    op.execute("UPDATE volunteers SET email = 'ohne-email-' || id || '@invalid' WHERE email IS NULL")
    op.execute(
        "UPDATE mentee_requests SET contact_email = 'ohne-email-a' || id || '@invalid' "
        "WHERE contact_email IS NULL"
    )
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.drop_column('about_careers')
    with op.batch_alter_table('mentee_requests', schema=None) as batch_op:
        batch_op.alter_column('contact_email', existing_type=sa.String(length=254), nullable=False)
        for name in (
            'direct_contact_email', 'direct_contact_phone', 'direct_contact_name', 'direct_contact',
            'person_last_name', 'name_latin', 'interpreter_needed', 'correspondence_language',
            'contact_channel', 'house_number', 'street',
        ):
            batch_op.drop_column(name)
    with op.batch_alter_table('volunteers', schema=None) as batch_op:
        batch_op.alter_column('email', existing_type=sa.String(length=254), nullable=False)
        for name in (
            'name_latin', 'interpreter_needed', 'correspondence_language', 'contact_channel',
            'house_number', 'street',
        ):
            batch_op.drop_column(name)
