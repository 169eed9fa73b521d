-- Suspensions and resumptions in the journal, so that a balance view as it stood (asOf, knownAt) shows SUSPENDED
-- when the allocation was suspended then, as the live view does (docs/time-travel.md). They move no hours, so they
-- are not entries of the double-entry books: a row of their own per event, naming the allocation by number.
-- A suspension takes effect when it is recorded: effective_at = recorded_at, both kept so that the filters read as
-- the entries' do.
-- The journal is a projection: its processor's tokens are deleted, so it replays every event and finds the
-- suspensions of the past (as V34 and V36 did).
TRUNCATE journal_entry;
TRUNCATE journal_allocation;
DELETE FROM token_entry WHERE processor_name = 'journal';

CREATE TABLE journal_suspension (
    global_index  BIGINT      NOT NULL PRIMARY KEY,
    allocation_no BIGINT      NOT NULL,
    suspended     BOOLEAN     NOT NULL,
    effective_at  TIMESTAMPTZ NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX journal_suspension_allocation ON journal_suspension (allocation_no, effective_at);
