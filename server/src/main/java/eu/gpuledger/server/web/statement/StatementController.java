package eu.gpuledger.server.web.statement;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.refusal.UnknownReference;
import eu.gpuledger.ledger.statement.CreditNoteId;
import eu.gpuledger.ledger.statement.StatementCommands.DraftStatement;
import eu.gpuledger.ledger.statement.StatementCommands.IssueCreditNote;
import eu.gpuledger.ledger.statement.StatementCommands.IssueStatement;
import eu.gpuledger.ledger.statement.StatementCommands.SealStatement;
import eu.gpuledger.ledger.statement.StatementId;
import eu.gpuledger.ledger.statement.StatementKind;
import eu.gpuledger.ledger.statement.StatementPeriod;
import eu.gpuledger.projections.statement.StatementQueries;
import eu.gpuledger.projections.statement.StatementQueries.StatementView;
import eu.gpuledger.projections.statement.StatementState;
import eu.gpuledger.server.security.ReadAccess;
import eu.gpuledger.server.statement.PaidUseFacturX;
import eu.gpuledger.server.statement.StatementCutOff;
import eu.gpuledger.server.statement.StatementDocuments;
import eu.gpuledger.server.statement.StatementDocuments.Document;
import eu.gpuledger.server.web.Inputs;
import eu.gpuledger.server.web.LedgerGateway;
import eu.gpuledger.reports.statement.invoice.FacturXNotAvailable;
import eu.gpuledger.reports.statement.print.StatementPdf;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Statements for funders (issue 14, docs/statements.md): drafted, issued, cancelled by a credit note, read as JSON or
 * CSV, printed as PDF (docs/statement-documents.md). Translates only: the lifecycle's rules are the {@code Statement}
 * aggregate's, the content is drawn up from the journal by {@code FundStatements}.
 */
@RestController
@RequestMapping("/api/v1")
public class StatementController {

    private static final int PAGE_LIMIT_DEFAULT = 100;
    private static final MediaType TEXT_CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final LedgerGateway ledger;
    private final StatementQueries statements;
    private final StatementDocuments documents;
    private final StatementCutOff cutOff;
    private final ReadAccess access;
    private final Clock clock;
    private final PaidUseFacturX facturX;

    public StatementController(LedgerGateway ledger, StatementQueries statements, StatementDocuments documents,
                               StatementCutOff cutOff, ReadAccess access, Clock clock, PaidUseFacturX facturX) {
        this.facturX = facturX;
        this.ledger = ledger;
        this.statements = statements;
        this.documents = documents;
        this.cutOff = cutOff;
        this.access = access;
        this.clock = clock;
    }

    public record StatementRequest(String statementId, String funder, String kind, String period, String providerId,
                                   String projectId, String allocationId) {
    }

    public record CreditNoteRequest(String creditNoteId, String reason) {
    }

    /** Drafts a statement and answers it as drawn up now (its JSON). */
    @PostMapping("/statements")
    public ResponseEntity<byte[]> draft(@RequestBody StatementRequest body) {
        StatementId statementId = StatementId.parse(body.statementId(), "statementId");
        ledger.send(new DraftStatement(statementId, Inputs.oneOf(FundingSource.class, body.funder(), "funder"),
                body.kind() == null ? StatementKind.BILLING : Inputs.oneOf(StatementKind.class, body.kind(), "kind"),
                period(body.period()),
                body.providerId() == null ? null : ProviderId.parse(body.providerId(), "providerId"),
                body.projectId() == null ? null : ProjectId.parse(body.projectId(), "projectId"),
                body.allocationId() == null ? null : AllocationId.parse(body.allocationId(), "allocationId")), null);
        return answer(documents.document(listed(statementId)), Format.JSON, statementId);
    }

    /**
     * Issues a statement: fixes the instant its content is known at (once every transaction that could still store
     * an event recorded by then has ended), takes its number, then seals its content by its hash. Repeating it
     * answers the same statement, and completes a seal an interrupted issue left undone.
     */
    @PostMapping("/statements/{statementId}/issue")
    public ResponseEntity<byte[]> issue(@PathVariable String statementId) {
        StatementId id = StatementId.parse(statementId, "statementId");
        StatementView statement = readable(id);
        if (statement.state() == StatementState.DRAFT) {
            Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            cutOff.awaitTransactionsStartedBy(issuedAt);
            ledger.send(new IssueStatement(id, issuedAt, issuedAt), null);
            statement = listed(id);
        }
        if (statement.contentSha256() == null) {
            ledger.send(new SealStatement(id, documents.document(statement).contentSha256()), null);
            statement = listed(id);
        }
        return answer(documents.document(statement), Format.JSON, id);
    }

    @PostMapping("/statements/{statementId}/credit-note")
    public Map<String, Object> creditNote(@PathVariable String statementId, @RequestBody CreditNoteRequest body) {
        StatementId id = StatementId.parse(statementId, "statementId");
        readable(id);
        ledger.send(new IssueCreditNote(id, CreditNoteId.parse(body.creditNoteId(), "creditNoteId"),
                Inputs.reason(body.reason(), "reason"), clock.instant().truncatedTo(ChronoUnit.MILLIS)), null);
        return listing(listed(id));
    }

    /** The statement as JSON, CSV or PDF (or Factur-X), by {@code ?format=} or else by {@code Accept}. */
    @GetMapping("/statements/{statementId}")
    public ResponseEntity<byte[]> statement(@PathVariable String statementId,
                                            @RequestParam(required = false) String format,
                                            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept)
            throws HttpMediaTypeNotAcceptableException {
        StatementId id = StatementId.parse(statementId, "statementId");
        Format chosen = Format.of(format, accept);
        StatementView statement = readable(id);
        Document document = documents.document(statement);
        if (chosen == Format.FACTURX) {
            if (document.invoiceLines().isEmpty()) {
                throw new FacturXNotAvailable(id);
            }
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                    .header("Statement-Content-SHA256", document.contentSha256())
                    .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + id.value() + "-facturx.pdf\"")
                    .body(facturX.write(statement, document.invoiceLines().get()));
        }
        return answer(document, chosen, id);
    }

    @GetMapping("/statements")
    public Map<String, Object> list(@RequestParam(required = false) String funder,
                                    @RequestParam(required = false) String kind,
                                    @RequestParam(required = false) String period,
                                    @RequestParam(required = false) String providerId,
                                    @RequestParam(required = false) String state,
                                    @RequestParam(required = false) String statementId,
                                    @RequestParam(required = false) String after,
                                    @RequestParam(defaultValue = "" + PAGE_LIMIT_DEFAULT) long limit) {
        StatementQueries.Filter filter = new StatementQueries.Filter(
                funder == null ? null : Inputs.oneOf(FundingSource.class, funder, "funder").name(),
                kind == null ? null : Inputs.oneOf(StatementKind.class, kind, "kind").name(),
                period == null ? null : period(period).text(),
                providerId == null ? null : ProviderId.parse(providerId, "providerId").value(),
                state == null ? null : Inputs.oneOf(StatementState.class, state, "state"),
                statementId == null ? null : StatementId.parse(statementId, "statementId").value());
        ReadAccess.StatementReaders readers = access.statements();
        StatementQueries.Page page = statements.statements(readers.funders(), readers.everything(), filter,
                after == null ? null : StatementId.parse(after, "after").value(),
                (int) Inputs.wholeNumber(limit, "limit", 1, StatementQueries.LIMIT_MAX));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", page.items().stream().map(StatementController::listing).toList());
        if (page.next() != null) {
            answer.put("next", page.next()); // absent on the last page, as lists of the API are
        }
        return answer;
    }

    /** The formats a statement is read in: by {@code ?format=}, else by {@code Accept} (JSON when any will do). */
    private enum Format {
        JSON(MediaType.APPLICATION_JSON), CSV(TEXT_CSV), PDF(MediaType.APPLICATION_PDF),
        FACTURX(MediaType.APPLICATION_PDF);

        private final MediaType mediaType;

        Format(MediaType mediaType) {
            this.mediaType = mediaType;
        }

        static Format of(String format, String accept) throws HttpMediaTypeNotAcceptableException {
            if (format != null) {
                return switch (Inputs.text(format, "format", LedgerLimits.LABEL_CHARS_MAX)) {
                    case "json" -> JSON;
                    case "csv" -> CSV;
                    case "pdf" -> PDF;
                    case "facturx" -> FACTURX;
                    default -> throw new InvalidInput("format", "must be json, csv, pdf or facturx, got '"
                            + LedgerLimits.shown(format) + "'");
                };
            }
            if (accept == null || accept.isBlank()) {
                return JSON;
            }
            List<MediaType> accepted;
            try {
                accepted = new ArrayList<>(MediaType.parseMediaTypes(accept));
            } catch (InvalidMediaTypeException unreadable) {
                throw new HttpMediaTypeNotAcceptableException(OFFERED);
            }
            accepted.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed()); // stable: order kept
            for (MediaType wanted : accepted) {
                if (wanted.getQualityValue() <= 0) {
                    continue;
                }
                for (Format offered : List.of(JSON, CSV, PDF)) {
                    if (wanted.includes(offered.mediaType)) {
                        return offered; // JSON first: what "*/*" or "application/*" gets
                    }
                }
            }
            throw new HttpMediaTypeNotAcceptableException(OFFERED);
        }
    }

    private static final List<MediaType> OFFERED = List.of(MediaType.APPLICATION_JSON, TEXT_CSV,
            MediaType.APPLICATION_PDF);

    private static ResponseEntity<byte[]> answer(Document document, Format format, StatementId id) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(format.mediaType)
                .header("Statement-Content-SHA256", document.contentSha256());
        return switch (format) {
            case JSON -> answer.body(document.json());
            case CSV -> answer.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + id.value() + ".csv\"")
                    .body(document.csv());
            case PDF -> answer.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + id.value() + ".pdf\"")
                    .body(StatementPdf.render(document.printed()));
            case FACTURX -> throw new IllegalStateException("a Factur-X is written from the statement's view");
        };
    }

    private static StatementPeriod period(String text) {
        InvalidInput.requireText(text, "period");
        try {
            return StatementPeriod.parse(text.strip());
        } catch (IllegalArgumentException wrong) {
            throw new InvalidInput("period", wrong.getMessage());
        }
    }

    /** The statement as listed, once the reader may read it: 404 unknown, 403 another funder's. */
    private StatementView readable(StatementId id) {
        StatementView statement = listed(id);
        access.statement(FundingSource.valueOf(statement.funder()), id.value());
        return statement;
    }

    private StatementView listed(StatementId id) {
        return statements.statement(id.value())
                .orElseThrow(() -> new UnknownReference("statementId", id.value()));
    }

    private static Map<String, Object> listing(StatementView view) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("statementId", view.statementId());
        json.put("funder", view.funder());
        json.put("kind", view.kind());
        json.put("period", view.period());
        json.put("providerId", view.providerId());
        json.put("projectId", view.projectId());
        json.put("allocationId", view.allocationId());
        json.put("state", view.state().name());
        json.put("number", view.number());
        json.put("issuedAt", view.issuedAt() == null ? null : view.issuedAt().toString());
        json.put("issuedBy", view.issuedBy());
        json.put("knownAt", view.knownAt() == null ? null : view.knownAt().toString());
        json.put("contentSha256", view.contentSha256());
        if (view.creditNoteId() != null) {
            Map<String, Object> creditNote = new LinkedHashMap<>();
            creditNote.put("creditNoteId", view.creditNoteId());
            creditNote.put("reason", view.cancelReason());
            creditNote.put("issuedAt", view.cancelledAt().toString());
            creditNote.put("issuedBy", view.cancelledBy());
            json.put("creditNote", creditNote);
        }
        return json;
    }
}
