"""counts of responses (per questionnaire, day given, channel, language) and of free-text
answers (per question) kept by triggers, so staff pages read a few rows instead of counting
100,000 responses; responses indexed by questionnaire and id for paging by id

The trigger text is a copy of surveys/tally.py as it was at this revision (a migration is a
snapshot); a change to the triggers is a new migration.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-29 12:20:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

POSTGRESQL = [
    """
CREATE OR REPLACE FUNCTION response_tally_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE response_tally AS t SET responses = t.responses - gone.n
    FROM (SELECT questionnaire_id, submitted_on, channel, language,
                 id % 8 AS shard, count(*) AS n
          FROM old_rows GROUP BY 1, 2, 3, 4, 5) AS gone
    WHERE t.questionnaire_id = gone.questionnaire_id AND t.submitted_on = gone.submitted_on
      AND t.channel = gone.channel AND t.language = gone.language AND t.shard = gone.shard;
    DELETE FROM response_tally AS t
    USING (SELECT DISTINCT questionnaire_id FROM old_rows) AS gone
    WHERE t.questionnaire_id = gone.questionnaire_id AND t.responses <= 0;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    -- in key order, so that concurrent writers take the rows' locks in the same order
    INSERT INTO response_tally AS t (questionnaire_id, submitted_on, channel, language, shard, responses)
    SELECT questionnaire_id, submitted_on, channel, language, id % 8, count(*)
    FROM new_rows GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (questionnaire_id, submitted_on, channel, language, shard) DO UPDATE SET responses = t.responses + excluded.responses;
  END IF;
  RETURN NULL;
END $$""",
    """
CREATE OR REPLACE FUNCTION answer_tally_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE answer_tally AS t SET answers = t.answers - gone.n
    FROM (SELECT question_id, response_id % 8 AS shard, count(*) AS n
          FROM old_rows WHERE text IS NOT NULL AND trim(text) <> '' GROUP BY 1, 2) AS gone
    WHERE t.question_id = gone.question_id AND t.shard = gone.shard;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO answer_tally AS t (question_id, shard, answers)
    SELECT question_id, response_id % 8, count(*)
    FROM new_rows WHERE text IS NOT NULL AND trim(text) <> '' GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (question_id, shard) DO UPDATE SET answers = t.answers + excluded.answers;
  END IF;
  RETURN NULL;
END $$""",
    'CREATE TRIGGER response_tally_insert AFTER INSERT ON response REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION response_tally_change()',
    'CREATE TRIGGER response_tally_delete AFTER DELETE ON response REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION response_tally_change()',
    'CREATE TRIGGER response_tally_update AFTER UPDATE ON response REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION response_tally_change()',
    'CREATE TRIGGER answer_tally_insert AFTER INSERT ON answer REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION answer_tally_change()',
    'CREATE TRIGGER answer_tally_delete AFTER DELETE ON answer REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION answer_tally_change()',
    'CREATE TRIGGER answer_tally_update AFTER UPDATE ON answer REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION answer_tally_change()',
]

SQLITE = [
    """CREATE TRIGGER IF NOT EXISTS response_tally_insert AFTER INSERT ON response BEGIN
  INSERT INTO response_tally (questionnaire_id, submitted_on, channel, language, shard, responses)
  VALUES (NEW.questionnaire_id, NEW.submitted_on, NEW.channel, NEW.language,
          NEW.id % 8, 1)
  ON CONFLICT (questionnaire_id, submitted_on, channel, language, shard) DO UPDATE SET responses = responses + 1;
END""",
    """CREATE TRIGGER IF NOT EXISTS response_tally_delete AFTER DELETE ON response BEGIN
  UPDATE response_tally SET responses = responses - 1
  WHERE questionnaire_id = OLD.questionnaire_id AND submitted_on = OLD.submitted_on
    AND channel = OLD.channel AND language = OLD.language AND shard = OLD.id % 8;
  DELETE FROM response_tally
  WHERE questionnaire_id = OLD.questionnaire_id AND submitted_on = OLD.submitted_on
    AND channel = OLD.channel AND language = OLD.language AND shard = OLD.id % 8
    AND responses <= 0;
END""",
    """CREATE TRIGGER IF NOT EXISTS response_tally_update AFTER UPDATE ON response BEGIN
  UPDATE response_tally SET responses = responses - 1
  WHERE questionnaire_id = OLD.questionnaire_id AND submitted_on = OLD.submitted_on
    AND channel = OLD.channel AND language = OLD.language AND shard = OLD.id % 8;
  DELETE FROM response_tally
  WHERE questionnaire_id = OLD.questionnaire_id AND submitted_on = OLD.submitted_on
    AND channel = OLD.channel AND language = OLD.language AND shard = OLD.id % 8
    AND responses <= 0;
  INSERT INTO response_tally (questionnaire_id, submitted_on, channel, language, shard, responses)
  VALUES (NEW.questionnaire_id, NEW.submitted_on, NEW.channel, NEW.language,
          NEW.id % 8, 1)
  ON CONFLICT (questionnaire_id, submitted_on, channel, language, shard) DO UPDATE SET responses = responses + 1;
END""",
    """CREATE TRIGGER IF NOT EXISTS answer_tally_insert AFTER INSERT ON answer BEGIN
  INSERT INTO answer_tally (question_id, shard, answers)
  SELECT NEW.question_id, NEW.response_id % 8, 1
  WHERE NEW.text IS NOT NULL AND trim(NEW.text) <> ''
  ON CONFLICT (question_id, shard) DO UPDATE SET answers = answers + 1;
END""",
    """CREATE TRIGGER IF NOT EXISTS answer_tally_delete AFTER DELETE ON answer BEGIN
  UPDATE answer_tally SET answers = answers - 1
  WHERE question_id = OLD.question_id AND shard = OLD.response_id % 8
    AND OLD.text IS NOT NULL AND trim(OLD.text) <> '';
END""",
    """CREATE TRIGGER IF NOT EXISTS answer_tally_update AFTER UPDATE ON answer BEGIN
  UPDATE answer_tally SET answers = answers - 1
  WHERE question_id = OLD.question_id AND shard = OLD.response_id % 8
    AND OLD.text IS NOT NULL AND trim(OLD.text) <> '';
  INSERT INTO answer_tally (question_id, shard, answers)
  SELECT NEW.question_id, NEW.response_id % 8, 1
  WHERE NEW.text IS NOT NULL AND trim(NEW.text) <> ''
  ON CONFLICT (question_id, shard) DO UPDATE SET answers = answers + 1;
END""",
]

FILL = [
    'INSERT INTO response_tally (questionnaire_id, submitted_on, channel, language, shard, responses) SELECT questionnaire_id, submitted_on, channel, language, id % 8, count(*) FROM response GROUP BY 1, 2, 3, 4, 5',
    "INSERT INTO answer_tally (question_id, shard, answers) SELECT question_id, response_id % 8, count(*) FROM answer WHERE text IS NOT NULL AND trim(text) <> '' GROUP BY 1, 2",
]

TRIGGERS = ['response_tally_insert', 'response_tally_delete', 'response_tally_update', 'answer_tally_insert', 'answer_tally_delete', 'answer_tally_update']


def upgrade() -> None:
    op.create_table(
        'response_tally',
        sa.Column('questionnaire_id', sa.Integer(), nullable=False),
        sa.Column('submitted_on', sa.Date(), nullable=False),
        sa.Column('channel', sa.String(length=10), nullable=False),
        sa.Column('language', sa.String(length=10), nullable=False),
        sa.Column('shard', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('responses', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['questionnaire_id'], ['questionnaire.id'],
                                name=op.f('fk_response_tally_questionnaire_id_questionnaire'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('questionnaire_id', 'submitted_on', 'channel', 'language',
                                'shard', name=op.f('pk_response_tally')),
    )
    op.create_table(
        'answer_tally',
        sa.Column('question_id', sa.Integer(), nullable=False),
        sa.Column('shard', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('answers', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['question_id'], ['question.id'],
                                name=op.f('fk_answer_tally_question_id_question'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('question_id', 'shard', name=op.f('pk_answer_tally')),
    )
    op.create_index('ix_response_questionnaire_id_id', 'response', ['questionnaire_id', 'id'])
    op.drop_index('ix_response_questionnaire_id', table_name='response')
    # Triggers first, then the counts of what is stored, in the same transaction.
    for statement in POSTGRESQL if op.get_bind().dialect.name == 'postgresql' else SQLITE:
        op.execute(statement)
    for statement in FILL:
        op.execute(statement)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == 'postgresql'
    for trigger in TRIGGERS:
        table = trigger.split('_', 1)[0]
        op.execute(f'DROP TRIGGER IF EXISTS {trigger}' + (f' ON {table}' if postgres else ''))
    if postgres:
        op.execute('DROP FUNCTION IF EXISTS response_tally_change()')
        op.execute('DROP FUNCTION IF EXISTS answer_tally_change()')
    op.create_index('ix_response_questionnaire_id', 'response', ['questionnaire_id'])
    op.drop_index('ix_response_questionnaire_id_id', table_name='response')
    op.drop_table('answer_tally')
    op.drop_table('response_tally')
