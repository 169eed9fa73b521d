package eu.gpuledger.ledger.correction;

import eu.gpuledger.ledger.refusal.RuleRefusal;

/**
 * A correction is a new version of descriptive data: one that says again what the record already says would add a
 * version that differs from nothing, and a history entry that explains a change that never happened.
 */
public class CorrectionChangesNothing extends RuleRefusal {

    public CorrectionChangesNothing(String what) {
        super(what + ": a correction must change something, and these are the values already recorded");
    }

    @Override
    public String problem() {
        return "correction-changes-nothing";
    }
}
