"""each audit event keeps its actor's organisation, and indexes read the log newest first
from any event: by organisation (of any action or one), the system's events, all of it

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-29 12:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('actor_organisation_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_audit_event_actor_organisation_id_organisation'), 'organisation',
            ['actor_organisation_id'], ['id'], ondelete='SET NULL')
        batch_op.drop_index('ix_audit_event_created_at')
    # Events so far belong to the organisation their actor is in now.
    op.execute('UPDATE audit_event SET actor_organisation_id = (SELECT organisation_id '
               'FROM user_account WHERE user_account.id = audit_event.actor_id) '
               'WHERE actor_id IS NOT NULL')
    op.create_index('ix_audit_event_created_at_id', 'audit_event', ['created_at', 'id'])
    op.create_index('ix_audit_event_organisation_newest', 'audit_event',
                    ['actor_organisation_id', 'created_at', 'id'])
    op.create_index('ix_audit_event_organisation_action_newest', 'audit_event',
                    ['actor_organisation_id', 'action', 'created_at', 'id'])
    op.create_index('ix_audit_event_system_newest', 'audit_event', ['created_at', 'id'],
                    postgresql_where=sa.text('actor_id IS NULL'),
                    sqlite_where=sa.text('actor_id IS NULL'))


def downgrade() -> None:
    op.drop_index('ix_audit_event_system_newest', table_name='audit_event')
    op.drop_index('ix_audit_event_organisation_action_newest', table_name='audit_event')
    op.drop_index('ix_audit_event_organisation_newest', table_name='audit_event')
    op.drop_index('ix_audit_event_created_at_id', table_name='audit_event')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index('ix_audit_event_created_at', ['created_at'], unique=False)
        batch_op.drop_constraint(
            batch_op.f('fk_audit_event_actor_organisation_id_organisation'),
            type_='foreignkey')
        batch_op.drop_column('actor_organisation_id')
