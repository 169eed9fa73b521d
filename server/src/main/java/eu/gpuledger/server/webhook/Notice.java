package eu.gpuledger.server.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.gpuledger.ledger.webhook.NoticeType;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A notice to the webhooks that subscribe to its type and match its provider and cluster. Its id is deterministic
 * (derived from the event, or from the allocation and period for EXPIRING), so the same notice derived again (a
 * replay, a second node's check) is the same delivery: the {@code webhook-id} receivers deduplicate on.
 */
public record Notice(String noticeId, NoticeType type, Instant at, String providerId, String cluster,
                     Map<String, Object> data) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The Standard Webhooks payload: {@code {"type", "timestamp", "data"}}. */
    public String payload() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type.name());
        payload.put("timestamp", at.toString());
        payload.put("data", data);
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a notice of strings and numbers is always JSON", impossible);
        }
    }
}
