-- The journal's indexes, made cheaper to build: a rebuild builds them once over every entry, and they were most of
-- its time after the replay (docs/projection-rebuild.md).
-- Allocation identifiers are compared byte by byte ("C"): they are ASCII identifiers, equality is unchanged, and
-- PostgreSQL sorts such keys several times faster than under a language's collation. Nothing joins this column
-- with another table's, so no comparison mixes collations.
ALTER TABLE journal_entry ALTER COLUMN allocation_id TYPE VARCHAR(200) COLLATE "C";
-- Effective times follow the order entries are appended in (usage is imported shortly after jobs end), so a block
-- range index serves the trial balance of a period at a fraction of a B-tree's size and build time. Where they do
-- not (a grant effective years ahead, a late import), the period's query reads more blocks; its answer is the same.
DROP INDEX journal_entry_effective;
CREATE INDEX journal_entry_effective ON journal_entry USING brin (effective_at);
