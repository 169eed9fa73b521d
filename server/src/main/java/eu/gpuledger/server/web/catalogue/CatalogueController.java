package eu.gpuledger.server.web.catalogue;

import eu.gpuledger.ledger.catalogue.CatalogueCommands.AddNormalisationFactor;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.AddPrice;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.DeclareCluster;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.RegisterPool;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.RegisterProvider;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.SizePool;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.catalogue.ProviderKind;
import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.projections.catalogue.CatalogueQueries;
import eu.gpuledger.projections.catalogue.CatalogueQueries.ClusterView;
import eu.gpuledger.projections.catalogue.CatalogueQueries.PoolView;
import eu.gpuledger.ledger.refusal.UnknownReference;
import eu.gpuledger.projections.catalogue.CatalogueQueries.ProviderView;
import eu.gpuledger.server.web.Inputs;
import eu.gpuledger.server.web.LedgerGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The catalogue: providers, clusters, pools and their effective-dated factors and prices. */
@RestController
@RequestMapping("/api/v1")
public class CatalogueController {

    private final LedgerGateway ledger;
    private final CatalogueQueries catalogue;
    private final java.time.Clock clock;

    public CatalogueController(LedgerGateway ledger, CatalogueQueries catalogue, java.time.Clock clock) {
        this.ledger = ledger;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    public record ProviderRequest(String name, String kind, Boolean euroHpcHosted, BigDecimal juSharePercent) {
    }

    public record ClusterRequest(String providerId, String timeZone) {
    }

    public record PoolRequest(String providerId, String cluster, String partition, String gpuModel,
                              Integer gpusPerNode, Integer cpusPerNode, Integer nodes, Boolean charged) {
    }

    public record FactorRequest(String effectiveFrom, BigDecimal normalisedPerGpuHour) {
    }

    public record PriceRequest(String effectiveFrom, BigDecimal eurPerGpuHour) {
    }

    @PutMapping("/providers/{providerId}")
    public Map<String, Object> putProvider(@PathVariable String providerId, @RequestBody ProviderRequest body) {
        ProviderId id = ProviderId.parse(providerId, "providerId");
        BigDecimal juSharePercent = body.juSharePercent() == null ? null
                : Inputs.decimal(body.juSharePercent(), "juSharePercent", true, LedgerLimits.JU_SHARE_PERCENT_MAX,
                LedgerLimits.PERCENT_DECIMALS_MAX);
        ledger.send(new RegisterProvider(id, Inputs.text(body.name(), "name", LedgerLimits.NAME_CHARS_MAX),
                Inputs.oneOf(ProviderKind.class, body.kind(), "kind"),
                Boolean.TRUE.equals(body.euroHpcHosted()), juSharePercent), null);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("providerId", id.value());
        answer.put("name", body.name());
        answer.put("kind", body.kind());
        answer.put("euroHpcHosted", Boolean.TRUE.equals(body.euroHpcHosted()));
        answer.put("juSharePercent", juSharePercent == null ? null : juSharePercent.stripTrailingZeros());
        return answer;
    }

    @PutMapping("/clusters/{cluster}")
    public Map<String, Object> putCluster(@PathVariable String cluster, @RequestBody ClusterRequest body) {
        ProviderId providerId = ProviderId.parse(body.providerId(), "providerId");
        ledger.send(new DeclareCluster(ClusterName.parse(cluster, "cluster"), providerId,
                Inputs.zone(Inputs.text(body.timeZone(), "timeZone", LedgerLimits.LABEL_CHARS_MAX), "timeZone")),
                null);
        return Map.of("cluster", cluster, "providerId", providerId.value(), "timeZone", body.timeZone());
    }

    @PutMapping("/pools/{poolId}")
    public PoolView putPool(@PathVariable String poolId, @RequestBody PoolRequest body) {
        ProviderId providerId = ProviderId.parse(body.providerId(), "providerId");
        ledger.send(new RegisterPool(PoolId.parse(poolId, "poolId"), providerId,
                ClusterName.parse(body.cluster(), "cluster"),
                Inputs.text(body.partition(), "partition", LedgerLimits.LABEL_CHARS_MAX),
                Inputs.text(body.gpuModel(), "gpuModel", LedgerLimits.LABEL_CHARS_MAX),
                (int) Inputs.wholeNumber(body.gpusPerNode(), "gpusPerNode", 1, LedgerLimits.GPUS_PER_NODE_MAX),
                (int) Inputs.wholeNumber(body.cpusPerNode(), "cpusPerNode", 1, LedgerLimits.CPUS_PER_NODE_MAX),
                InvalidInput.requirePresent(body.charged(), "charged")), null);
        if (body.nodes() != null) {
            ledger.send(new SizePool(PoolId.parse(poolId, "poolId"),
                    (int) Inputs.wholeNumber(body.nodes(), "nodes", 1, LedgerLimits.POOL_NODES_MAX),
                    clock.instant()), null);
        }
        return catalogue.pool(poolId).orElseThrow(() -> new IllegalStateException("pool " + poolId
                + " is not in the catalogue view after its registration was answered"));
    }

    @PostMapping("/pools/{poolId}/factors")
    public Map<String, Object> addFactor(@PathVariable String poolId, @RequestBody FactorRequest body) {
        PoolId pool = PoolId.parse(poolId, "poolId");
        Instant effectiveFrom = Inputs.instant(body.effectiveFrom(), "effectiveFrom");
        NormalisationFactor factor = new NormalisationFactor(
                Inputs.decimal(body.normalisedPerGpuHour(), "normalisedPerGpuHour", false,
                        LedgerLimits.NORMALISED_PER_GPU_HOUR_MAX, LedgerLimits.RATE_DECIMALS_MAX));
        ledger.send(new AddNormalisationFactor(pool, effectiveFrom, factor), null);
        return Map.of("poolId", poolId, "effectiveFrom", effectiveFrom.toString(),
                "normalisedPerGpuHour", factor.normalisedPerGpuHour());
    }

    @PostMapping("/pools/{poolId}/prices")
    public Map<String, Object> addPrice(@PathVariable String poolId, @RequestBody PriceRequest body) {
        PoolId pool = PoolId.parse(poolId, "poolId");
        Instant effectiveFrom = Inputs.instant(body.effectiveFrom(), "effectiveFrom");
        BigDecimal amount = Inputs.decimal(body.eurPerGpuHour(), "eurPerGpuHour", true,
                LedgerLimits.EUR_PER_GPU_HOUR_MAX, LedgerLimits.RATE_DECIMALS_MAX);
        ledger.send(new AddPrice(pool, effectiveFrom, new PricePerGpuHour(amount)), null);
        return Map.of("poolId", poolId, "effectiveFrom", effectiveFrom.toString(),
                "eurPerGpuHour", amount.toPlainString());
    }

    @GetMapping("/providers")
    public List<ProviderView> providers() {
        return catalogue.providers();
    }

    @GetMapping("/clusters")
    public List<ClusterView> clusters() {
        return catalogue.clusters();
    }

    @GetMapping("/clusters/{cluster}")
    public ClusterView cluster(@PathVariable String cluster) {
        ClusterName name = ClusterName.parse(cluster, "cluster");
        return catalogue.cluster(name.value()).orElseThrow(() -> new UnknownReference("cluster", name.value()));
    }

    @GetMapping("/pools")
    public List<PoolView> pools() {
        return catalogue.pools();
    }
}
