package eu.gpuledger.projections.statement;

/** How far a statement's lifecycle went: drafted, issued, cancelled by a credit note. */
public enum StatementState {
    DRAFT,
    ISSUED,
    CANCELLED
}
