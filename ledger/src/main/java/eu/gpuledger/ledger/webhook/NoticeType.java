package eu.gpuledger.ledger.webhook;

/** What a webhook can be told (API.md, PUT /webhooks): the names are the Standard Webhooks payload's {@code type}. */
public enum NoticeType {
    /** Net consumption crossed 80%, 100% or the effective limit upwards (once per crossing). */
    THRESHOLD_CROSSED,
    /** The quota answer for the allocation's account became DENY. */
    BLOCKED,
    /** The quota answer for the allocation's account is no longer DENY. */
    UNBLOCKED,
    /** The allocation's period ends within the configured number of days. */
    EXPIRING
}
