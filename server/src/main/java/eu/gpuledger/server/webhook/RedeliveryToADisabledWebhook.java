package eu.gpuledger.server.webhook;

import eu.gpuledger.ledger.refusal.RuleRefusal;

/** A redelivery was asked of a disabled webhook: nothing is sent to it until a PUT enables it again (422). */
public class RedeliveryToADisabledWebhook extends RuleRefusal {

    public RedeliveryToADisabledWebhook(String webhookId) {
        super("webhook '" + webhookId + "' is disabled: register it again with a PUT before asking for a redelivery");
    }

    @Override
    public String problem() {
        return "webhook-disabled";
    }
}
