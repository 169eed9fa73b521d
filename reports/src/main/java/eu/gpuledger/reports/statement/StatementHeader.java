package eu.gpuledger.reports.statement;

import java.time.Instant;

/**
 * What a statement says about itself, beside its content: its id, kind, funder, period and subject, and once issued
 * its number, issue time, issuer, the instant its content was known at and the content's hash. None of it changes
 * after issue (a cancellation is a credit note, a document of its own), so an issued statement's bytes never change.
 */
public record StatementHeader(String statementId, String kind, String funder, String period, String allocationId,
                              String projectId, String state, String number, Instant issuedAt, String issuedBy,
                              Instant knownAt, String contentSha256) {
}
