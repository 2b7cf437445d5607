"""initial schema

Revision ID: 569e715bddea
Revises: 
Create Date: 2026-11-22 07:59:14.246592
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '569e715bddea'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The full-text index is per database (FTS5 or tsvector), so it is written by hand here.
SEARCH_DDL = {
    "sqlite": [
        "CREATE VIRTUAL TABLE search_fts USING fts5("
        "doc_type UNINDEXED, doc_id UNINDEXED, label UNINDEXED, body, "
        "tokenize = 'porter unicode61 remove_diacritics 2')"
    ],
    "postgresql": [
        "CREATE TABLE search_documents ("
        "doc_type VARCHAR(20) NOT NULL, doc_id VARCHAR(100) NOT NULL, label TEXT NOT NULL, "
        "body TEXT NOT NULL, "
        "tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', body)) STORED, "
        "CONSTRAINT pk_search_documents PRIMARY KEY (doc_type, doc_id))",
        "CREATE INDEX ix_search_documents_tsv ON search_documents USING GIN (tsv)",
    ],
}
SEARCH_DROP = {"sqlite": "DROP TABLE search_fts", "postgresql": "DROP TABLE search_documents"}


def upgrade() -> None:
    for statement in SEARCH_DDL[op.get_bind().dialect.name]:
        op.execute(statement)
    op.create_table('actors',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actors'))
    )
    with op.batch_alter_table('actors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actors_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_actors_name'), ['name'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('end_date', sa.String(length=10), nullable=True),
    sa.Column('end_date_latest', sa.Date(), nullable=True),
    sa.Column('location', sa.String(length=200), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('date', sa.String(length=10), nullable=False),
    sa.Column('date_earliest', sa.Date(), nullable=False),
    sa.Column('date_latest', sa.Date(), nullable=False),
    sa.Column('date_inferred', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_date_earliest'), ['date_earliest'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_date_latest'), ['date_latest'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_kind'), ['kind'], unique=False)

    op.create_table('revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('collection', sa.String(length=20), nullable=False),
    sa.Column('item_id', sa.String(length=100), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('token_name', sa.String(length=100), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('changed', sa.JSON(), nullable=False),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_revisions'))
    )
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.create_index('ix_revisions_item', ['collection', 'item_id', 'id'], unique=False)

    op.create_table('sources',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=True),
    sa.Column('outlet', sa.String(length=200), nullable=True),
    sa.Column('url', sa.String(length=2000), nullable=True),
    sa.Column('language', sa.String(length=35), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('date', sa.String(length=10), nullable=False),
    sa.Column('date_earliest', sa.Date(), nullable=False),
    sa.Column('date_latest', sa.Date(), nullable=False),
    sa.Column('date_inferred', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources'))
    )
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sources_date_earliest'), ['date_earliest'], unique=False)
        batch_op.create_index(batch_op.f('ix_sources_date_latest'), ['date_latest'], unique=False)

    op.create_table('tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tokens')),
    sa.UniqueConstraint('name', name=op.f('uq_tokens_name')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_tokens_token_hash'))
    )
    op.create_table('topics',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_topics'))
    )
    op.create_table('actor_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.String(length=100), nullable=False),
    sa.Column('alias', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_actor_aliases_actor_id_actors'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actor_aliases')),
    sa.UniqueConstraint('actor_id', 'alias', name=op.f('uq_actor_aliases_actor_id'))
    )
    with op.batch_alter_table('actor_aliases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actor_aliases_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_actor_aliases_alias'), ['alias'], unique=False)

    op.create_table('actor_identifiers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.String(length=100), nullable=False),
    sa.Column('scheme', sa.String(length=50), nullable=False),
    sa.Column('value', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_actor_identifiers_actor_id_actors'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actor_identifiers')),
    sa.UniqueConstraint('scheme', 'value', name=op.f('uq_actor_identifiers_scheme'))
    )
    with op.batch_alter_table('actor_identifiers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actor_identifiers_actor_id'), ['actor_id'], unique=False)

    op.create_table('affiliations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.String(length=100), nullable=False),
    sa.Column('organization_id', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=200), nullable=True),
    sa.Column('on_behalf_of', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('valid_from', sa.String(length=10), nullable=True),
    sa.Column('valid_from_earliest', sa.Date(), nullable=True),
    sa.Column('valid_from_latest', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.String(length=10), nullable=True),
    sa.Column('valid_to_earliest', sa.Date(), nullable=True),
    sa.Column('valid_to_latest', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['member_id'], ['actors.id'], name=op.f('fk_affiliations_member_id_actors'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['actors.id'], name=op.f('fk_affiliations_organization_id_actors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_affiliations'))
    )
    with op.batch_alter_table('affiliations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_affiliations_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_affiliations_organization_id'), ['organization_id'], unique=False)

    op.create_table('event_evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.String(length=100), nullable=False),
    sa.Column('source_id', sa.String(length=100), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.Column('excerpt', sa.Text(), nullable=False),
    sa.CheckConstraint('span_start >= 0 AND span_end > span_start', name=op.f('ck_event_evidence_span')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_evidence_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_event_evidence_source_id_sources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_evidence'))
    )
    with op.batch_alter_table('event_evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_evidence_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_evidence_source_id'), ['source_id'], unique=False)

    op.create_table('event_participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.String(length=100), nullable=False),
    sa.Column('actor_id', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=200), nullable=True),
    sa.Column('on_behalf_of_id', sa.String(length=100), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_event_participants_actor_id_actors')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_participants_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['on_behalf_of_id'], ['actors.id'], name=op.f('fk_event_participants_on_behalf_of_id_actors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_participants'))
    )
    with op.batch_alter_table('event_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_participants_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_participants_event_id'), ['event_id'], unique=False)

    op.create_table('idempotency_keys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('headers', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['token_id'], ['tokens.id'], name=op.f('fk_idempotency_keys_token_id_tokens'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idempotency_keys')),
    sa.UniqueConstraint('token_id', 'key', name=op.f('uq_idempotency_keys_token_id'))
    )
    with op.batch_alter_table('idempotency_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idempotency_keys_created_at'), ['created_at'], unique=False)

    op.create_table('options',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('topic_id', sa.String(length=100), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=500), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['topic_id'], ['topics.id'], name=op.f('fk_options_topic_id_topics'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_options'))
    )
    with op.batch_alter_table('options', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_options_topic_id'), ['topic_id'], unique=False)

    op.create_table('quotes',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('speaker_id', sa.String(length=100), nullable=True),
    sa.Column('attribution', sa.String(length=500), nullable=True),
    sa.Column('source_id', sa.String(length=100), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('event_id', sa.String(length=100), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('date', sa.String(length=10), nullable=False),
    sa.Column('date_earliest', sa.Date(), nullable=False),
    sa.Column('date_latest', sa.Date(), nullable=False),
    sa.Column('date_inferred', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('span_start >= 0 AND span_end > span_start', name=op.f('ck_quotes_span')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_quotes_event_id_events')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_quotes_source_id_sources')),
    sa.ForeignKeyConstraint(['speaker_id'], ['actors.id'], name=op.f('fk_quotes_speaker_id_actors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quotes'))
    )
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quotes_date_earliest'), ['date_earliest'], unique=False)
        batch_op.create_index(batch_op.f('ix_quotes_date_latest'), ['date_latest'], unique=False)
        batch_op.create_index(batch_op.f('ix_quotes_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quotes_source_id'), ['source_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quotes_speaker_id'), ['speaker_id'], unique=False)

    op.create_table('positions',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('actor_id', sa.String(length=100), nullable=False),
    sa.Column('topic_id', sa.String(length=100), nullable=False),
    sa.Column('option_id', sa.String(length=100), nullable=True),
    sa.Column('stance', sa.String(length=20), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('supersedes_id', sa.String(length=100), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('date', sa.String(length=10), nullable=False),
    sa.Column('date_earliest', sa.Date(), nullable=False),
    sa.Column('date_latest', sa.Date(), nullable=False),
    sa.Column('date_inferred', sa.Boolean(), nullable=False),
    sa.Column('valid_from', sa.String(length=10), nullable=True),
    sa.Column('valid_from_earliest', sa.Date(), nullable=True),
    sa.Column('valid_from_latest', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.String(length=10), nullable=True),
    sa.Column('valid_to_earliest', sa.Date(), nullable=True),
    sa.Column('valid_to_latest', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_positions_actor_id_actors')),
    sa.ForeignKeyConstraint(['option_id'], ['options.id'], name=op.f('fk_positions_option_id_options')),
    sa.ForeignKeyConstraint(['supersedes_id'], ['positions.id'], name=op.f('fk_positions_supersedes_id_positions')),
    sa.ForeignKeyConstraint(['topic_id'], ['topics.id'], name=op.f('fk_positions_topic_id_topics')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_positions'))
    )
    with op.batch_alter_table('positions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_positions_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_positions_date_earliest'), ['date_earliest'], unique=False)
        batch_op.create_index(batch_op.f('ix_positions_date_latest'), ['date_latest'], unique=False)
        batch_op.create_index(batch_op.f('ix_positions_option_id'), ['option_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_positions_stance'), ['stance'], unique=False)
        batch_op.create_index(batch_op.f('ix_positions_supersedes_id'), ['supersedes_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_positions_topic_id'), ['topic_id'], unique=False)

    op.create_table('position_evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position_id', sa.String(length=100), nullable=False),
    sa.Column('quote_id', sa.String(length=100), nullable=True),
    sa.Column('source_id', sa.String(length=100), nullable=True),
    sa.Column('span_start', sa.Integer(), nullable=True),
    sa.Column('span_end', sa.Integer(), nullable=True),
    sa.Column('excerpt', sa.Text(), nullable=True),
    sa.CheckConstraint('(quote_id IS NOT NULL AND source_id IS NULL AND span_start IS NULL AND span_end IS NULL) OR (quote_id IS NULL AND source_id IS NOT NULL AND span_start >= 0 AND span_end > span_start)', name=op.f('ck_position_evidence_quote_or_span')),
    sa.ForeignKeyConstraint(['position_id'], ['positions.id'], name=op.f('fk_position_evidence_position_id_positions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['quote_id'], ['quotes.id'], name=op.f('fk_position_evidence_quote_id_quotes')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_position_evidence_source_id_sources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_position_evidence'))
    )
    with op.batch_alter_table('position_evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_position_evidence_position_id'), ['position_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_position_evidence_quote_id'), ['quote_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_position_evidence_source_id'), ['source_id'], unique=False)



def downgrade() -> None:
    op.execute(SEARCH_DROP[op.get_bind().dialect.name])
    with op.batch_alter_table('position_evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_position_evidence_source_id'))
        batch_op.drop_index(batch_op.f('ix_position_evidence_quote_id'))
        batch_op.drop_index(batch_op.f('ix_position_evidence_position_id'))

    op.drop_table('position_evidence')
    with op.batch_alter_table('positions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_positions_topic_id'))
        batch_op.drop_index(batch_op.f('ix_positions_supersedes_id'))
        batch_op.drop_index(batch_op.f('ix_positions_stance'))
        batch_op.drop_index(batch_op.f('ix_positions_option_id'))
        batch_op.drop_index(batch_op.f('ix_positions_date_latest'))
        batch_op.drop_index(batch_op.f('ix_positions_date_earliest'))
        batch_op.drop_index(batch_op.f('ix_positions_actor_id'))

    op.drop_table('positions')
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quotes_speaker_id'))
        batch_op.drop_index(batch_op.f('ix_quotes_source_id'))
        batch_op.drop_index(batch_op.f('ix_quotes_event_id'))
        batch_op.drop_index(batch_op.f('ix_quotes_date_latest'))
        batch_op.drop_index(batch_op.f('ix_quotes_date_earliest'))

    op.drop_table('quotes')
    with op.batch_alter_table('options', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_options_topic_id'))

    op.drop_table('options')
    with op.batch_alter_table('idempotency_keys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idempotency_keys_created_at'))

    op.drop_table('idempotency_keys')
    with op.batch_alter_table('event_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_participants_event_id'))
        batch_op.drop_index(batch_op.f('ix_event_participants_actor_id'))

    op.drop_table('event_participants')
    with op.batch_alter_table('event_evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_evidence_source_id'))
        batch_op.drop_index(batch_op.f('ix_event_evidence_event_id'))

    op.drop_table('event_evidence')
    with op.batch_alter_table('affiliations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_affiliations_organization_id'))
        batch_op.drop_index(batch_op.f('ix_affiliations_member_id'))

    op.drop_table('affiliations')
    with op.batch_alter_table('actor_identifiers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actor_identifiers_actor_id'))

    op.drop_table('actor_identifiers')
    with op.batch_alter_table('actor_aliases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actor_aliases_alias'))
        batch_op.drop_index(batch_op.f('ix_actor_aliases_actor_id'))

    op.drop_table('actor_aliases')
    op.drop_table('topics')
    op.drop_table('tokens')
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sources_date_latest'))
        batch_op.drop_index(batch_op.f('ix_sources_date_earliest'))

    op.drop_table('sources')
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.drop_index('ix_revisions_item')

    op.drop_table('revisions')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_kind'))
        batch_op.drop_index(batch_op.f('ix_events_date_latest'))
        batch_op.drop_index(batch_op.f('ix_events_date_earliest'))

    op.drop_table('events')
    with op.batch_alter_table('actors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actors_name'))
        batch_op.drop_index(batch_op.f('ix_actors_kind'))

    op.drop_table('actors')
