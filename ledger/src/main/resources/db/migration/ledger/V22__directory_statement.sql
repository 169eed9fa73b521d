-- The statements as the write side needs them (issue 14): whose each one is (who may issue it) and the numbers
-- taken per funder and year. The next number is the largest taken plus one, read under an advisory lock held to the
-- commit of the issuing command, which writes its number here in the same transaction (Directory.nextStatementNumber);
-- the unique key is the backstop against a gap-free sequence numbering one statement twice.
CREATE TABLE directory_statement (
    statement_id VARCHAR(200) PRIMARY KEY,
    funder       VARCHAR(40)  NOT NULL,
    issued_year  INTEGER,
    sequence     INTEGER,
    UNIQUE (funder, issued_year, sequence)
);
