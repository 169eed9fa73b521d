-- The journal, second shape: one row per posting naming both accounts (debit and credit, as a transfer between two
-- accounts), instead of two lines per posting. Half the rows for the same books; see docs/journal.md.
-- The journal is a projection: its processor's tokens are deleted, so it replays every event into the new table.
DROP TABLE journal_line;
TRUNCATE journal_allocation;
DELETE FROM token_entry WHERE processor_name = 'journal';

CREATE TABLE journal_entry (
    global_index   BIGINT       NOT NULL,
    entry          INTEGER      NOT NULL,
    allocation_id  VARCHAR(200) NOT NULL,
    movement       VARCHAR(40)  NOT NULL,
    debit_account  VARCHAR(300) NOT NULL,
    credit_account VARCHAR(300) NOT NULL,
    amount         BIGINT       NOT NULL CHECK (amount >= 0),
    effective_at   TIMESTAMPTZ  NOT NULL,
    recorded_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (global_index, entry),
    CHECK (debit_account <> credit_account)
);
CREATE INDEX journal_entry_allocation ON journal_entry (allocation_id, effective_at);
CREATE INDEX journal_entry_effective ON journal_entry (effective_at);
