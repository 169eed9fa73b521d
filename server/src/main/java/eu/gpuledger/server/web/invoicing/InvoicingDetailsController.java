package eu.gpuledger.server.web.invoicing;

import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.project.SetProjectInvoicingDetails;
import eu.gpuledger.ledger.catalogue.SetProviderInvoicingDetails;
import eu.gpuledger.ledger.invoicing.InvoicingDetails;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.server.web.LedgerGateway;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Invoicing details of a provider (the seller of paid use) and of a project's organisation (the buyer): what a
 * Factur-X invoice names them by (docs/statement-documents.md). Translates only; the rules are the details' own and
 * the aggregates'. Setting the same details again stores nothing; other details replace them for later invoices.
 */
@RestController
@RequestMapping("/api/v1")
public class InvoicingDetailsController {

    private final LedgerGateway ledger;

    public InvoicingDetailsController(LedgerGateway ledger) {
        this.ledger = ledger;
    }

    public record InvoicingDetailsRequest(String name, String street, String postcode, String city,
                                          String countryCode, String vatId, String legalRegistrationId,
                                          String legalRegistrationScheme) {
    }

    @PutMapping("/providers/{providerId}/invoicing-details")
    public Map<String, Object> provider(@PathVariable String providerId, @RequestBody InvoicingDetailsRequest body) {
        ProviderId id = ProviderId.parse(providerId, "providerId");
        InvoicingDetails details = details(body);
        ledger.send(new SetProviderInvoicingDetails(id, details), null);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("providerId", id.value());
        answer.putAll(json(details));
        return answer;
    }

    @PutMapping("/projects/{projectId}/invoicing-details")
    public Map<String, Object> project(@PathVariable String projectId, @RequestBody InvoicingDetailsRequest body) {
        ProjectId id = ProjectId.parse(projectId, "projectId");
        InvoicingDetails details = details(body);
        ledger.send(new SetProjectInvoicingDetails(id, details), null);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("projectId", id.value());
        answer.putAll(json(details));
        return answer;
    }

    private static InvoicingDetails details(InvoicingDetailsRequest body) {
        InvalidInput.requirePresent(body, "body");
        return InvoicingDetails.of(body.name(), body.street(), body.postcode(), body.city(), body.countryCode(),
                body.vatId(), body.legalRegistrationId(), body.legalRegistrationScheme());
    }

    private static Map<String, Object> json(InvoicingDetails details) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", details.name());
        json.put("street", details.street());
        json.put("postcode", details.postcode());
        json.put("city", details.city());
        json.put("countryCode", details.countryCode());
        json.put("vatId", details.vatId());
        json.put("legalRegistrationId", details.legalRegistrationId());
        json.put("legalRegistrationScheme", details.legalRegistrationScheme());
        return json;
    }
}
