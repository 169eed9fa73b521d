-- The journal, third shape: an entry names its allocation by number and no longer spells out its two accounts.
-- Both accounts follow from the allocation and the movement (one side is always the allocation's own account, the
-- other is fixed by the movement and the grant's funding source or pool, which never change), so the names were
-- the same few strings on every row: half of each row's bytes, and the slowest index to build (a text key whose
-- first bytes are equal on every row). See docs/journal.md.
-- The allocation's number is the global index of its grant in the event store: unique, and the same in every
-- rebuild. The journal is a projection: its processor's tokens are deleted, so it replays every event.
DROP TABLE journal_entry;
TRUNCATE journal_allocation;
DELETE FROM token_entry WHERE processor_name = 'journal';

ALTER TABLE journal_allocation ADD COLUMN allocation_no BIGINT NOT NULL;
ALTER TABLE journal_allocation ADD CONSTRAINT journal_allocation_number UNIQUE (allocation_no);

CREATE TABLE journal_entry (
    global_index   BIGINT      NOT NULL,
    entry          INTEGER     NOT NULL,
    allocation_no  BIGINT      NOT NULL,
    movement       VARCHAR(40) NOT NULL,
    amount         BIGINT      NOT NULL CHECK (amount >= 0),
    effective_at   TIMESTAMPTZ NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (global_index, entry)
);
CREATE INDEX journal_entry_allocation ON journal_entry (allocation_no, effective_at);
CREATE INDEX journal_entry_effective ON journal_entry USING brin (effective_at);
