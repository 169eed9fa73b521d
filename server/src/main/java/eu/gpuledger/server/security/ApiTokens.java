package eu.gpuledger.server.security;

import eu.gpuledger.ledger.access.Actor;
import eu.gpuledger.ledger.access.Role;
import eu.gpuledger.ledger.access.Scope;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.refusal.UnknownReference;
import eu.gpuledger.server.schema.tables.records.ApiTokenRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static eu.gpuledger.server.schema.Tables.API_TOKEN;

/**
 * The API tokens of machines, in the {@code api_token} table: issued and revoked by administrators (who is recorded
 * on the row), found by the SHA-256 of the secret, read from the table the first time a node sees a token and from
 * the node's memory after ({@link KnownTokens}), which every node empties at a revocation's commit. The last use is written at most once a {@link #LAST_USE_RESOLUTION} per token, so
 * a busy quota hook costs a write a minute, not one per request (docs/security.md).
 */
@Component
public class ApiTokens {

    /** The longest a token may live. */
    public static final Duration LIFETIME_MAX = Duration.ofDays(365);
    /** How stale the recorded last use may be. */
    public static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);
    public static final int NAME_CHARS_MAX = 100;
    public static final int DESCRIPTION_CHARS_MAX = 500;
    /** Tokens a page of the list holds at most. */
    public static final int PAGE_LIMIT_MAX = 500;

    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);

    private final DSLContext sql;
    private final Clock clock;
    private final KnownTokens known;
    private final Counter reads;

    public ApiTokens(DSLContext sql, Clock clock, KnownTokens known, MeterRegistry meters) {
        this.sql = sql;
        this.clock = clock;
        this.known = known;
        this.reads = Counter.builder("ledger.security.token.reads")
                .description("API tokens read from the database to check a request (not known to this node yet)")
                .register(meters);
    }

    /** What an administrator asks for; checked by {@link #issue}. */
    public record Request(String name, String description, Role role, Set<String> scope, Instant expiresAt) {
    }

    public enum State { ACTIVE, EXPIRED, REVOKED }

    /** A token as shown to administrators: everything but the secret, which is never stored. */
    public record TokenView(String tokenId, String name, String description, Role role, List<String> scope,
                            State state, Instant createdAt, String createdBy, Instant expiresAt, Instant revokedAt,
                            String revokedBy, Instant lastUsedAt) {
    }

    /** A token just issued: its secret, shown this once, and its view. */
    public record Issued(String token, TokenView view) {
    }

    public record Page(List<TokenView> items, String next) {
    }

    @Transactional
    public Issued issue(Request request, String issuedBy) {
        String name = bounded(request.name(), "name", NAME_CHARS_MAX, true);
        String description = bounded(request.description(), "description", DESCRIPTION_CHARS_MAX, false);
        if (request.role() == null) {
            throw new InvalidInput("role", "is required: one of " + Arrays.toString(Role.values()));
        }
        Scope scope = scopeOf(request.role(), request.scope());
        Instant now = clock.instant();
        if (request.expiresAt() == null) {
            throw new InvalidInput("expiresAt", "is required: an instant at most " + LIFETIME_MAX.toDays()
                    + " days ahead");
        }
        if (!request.expiresAt().isAfter(now)) {
            throw new InvalidInput("expiresAt", "must be in the future, got " + request.expiresAt());
        }
        if (request.expiresAt().isAfter(now.plus(LIFETIME_MAX))) {
            throw new InvalidInput("expiresAt", "must be at most " + LIFETIME_MAX.toDays() + " days ahead (before "
                    + now.plus(LIFETIME_MAX) + "), got " + request.expiresAt());
        }
        String token = ApiTokenFormat.newToken();
        ApiTokenRecord row = sql.newRecord(API_TOKEN);
        row.setTokenId(ApiTokenFormat.newId());
        row.setSecretSha256(ApiTokenFormat.sha256(token));
        row.setName(name);
        row.setDescription(description);
        row.setRole(request.role().name());
        row.setScope(String.join(",", new TreeSet<>(scopeValues(request.role(), scope))));
        row.setCreatedAt(now);
        row.setCreatedBy(issuedBy);
        row.setExpiresAt(request.expiresAt());
        row.store();
        log.info("API token {} ({}, role {}, scope [{}]) issued by {}, expires {}", row.getTokenId(), name,
                request.role(), row.getScope(), issuedBy, request.expiresAt());
        return new Issued(token, view(row, now));
    }

    /** Revokes a token at once; revoking a revoked token again changes nothing and shows it as it is. */
    @Transactional
    public TokenView revoke(String tokenId, String revokedBy) {
        Instant now = clock.instant();
        sql.update(API_TOKEN).set(API_TOKEN.REVOKED_AT, now).set(API_TOKEN.REVOKED_BY, revokedBy)
                .where(API_TOKEN.TOKEN_ID.eq(tokenId)).and(API_TOKEN.REVOKED_AT.isNull()).execute();
        ApiTokenRecord row = sql.selectFrom(API_TOKEN).where(API_TOKEN.TOKEN_ID.eq(tokenId)).fetchOptional()
                .orElseThrow(() -> new UnknownReference("tokenId", tokenId));
        // this node as soon as the revocation is committed (a request in between would read the token unrevoked);
        // every node, this one included, again when the commit's notice reaches it
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                known.forgetAll();
            }
        });
        log.info("API token {} ({}) revoked by {}", tokenId, row.getName(), row.getRevokedBy());
        return view(row, now);
    }

    public TokenView get(String tokenId) {
        return sql.selectFrom(API_TOKEN).where(API_TOKEN.TOKEN_ID.eq(tokenId)).fetchOptional()
                .map(row -> view(row, clock.instant()))
                .orElseThrow(() -> new UnknownReference("tokenId", tokenId));
    }

    /** Every token, in token id order, a page at a time. */
    public Page list(String after, int limit) {
        if (after != null && after.length() > API_TOKEN.TOKEN_ID.getDataType().length()) {
            throw new InvalidInput("after", "is not a token id");
        }
        Instant now = clock.instant();
        List<ApiTokenRecord> rows = sql.selectFrom(API_TOKEN)
                .where(after == null ? API_TOKEN.TOKEN_ID.isNotNull() : API_TOKEN.TOKEN_ID.gt(after))
                .orderBy(API_TOKEN.TOKEN_ID).limit(limit + 1).fetch();
        List<TokenView> items = rows.stream().limit(limit).map(row -> view(row, now)).toList();
        return new Page(items, rows.size() > limit ? items.getLast().tokenId() : null);
    }

    /**
     * The actor a presented token stands for, as {@code token:<id>}; refused (401) when the text is not a token
     * (checksum), or no active token has it.
     */
    public Actor authenticate(String token) {
        if (!ApiTokenFormat.wellFormed(token)) {
            throw new BadCredentialsException("the API token is malformed (its checksum does not match): it was"
                    + " mistyped, cut or altered");
        }
        Checked checked = known.find(ApiTokenFormat.sha256(token), () -> read(token));
        Instant now = clock.instant();
        if (checked.revokedAt() != null) {
            throw new BadCredentialsException("the API token " + checked.tokenId() + " was revoked at "
                    + checked.revokedAt());
        }
        if (!now.isBefore(checked.expiresAt())) {
            throw new BadCredentialsException("the API token " + checked.tokenId() + " expired at "
                    + checked.expiresAt());
        }
        Instant lastUsed = checked.lastUsedAt().get();
        if ((lastUsed == null || lastUsed.isBefore(now.minus(LAST_USE_RESOLUTION)))
                && checked.lastUsedAt().compareAndSet(lastUsed, now)) {
            sql.update(API_TOKEN).set(API_TOKEN.LAST_USED_AT, now).where(API_TOKEN.TOKEN_ID.eq(checked.tokenId()))
                    .execute();
        }
        return new Actor(principalOf(checked.tokenId()), Set.of(checked.role()), checked.scope());
    }

    /**
     * What a token row says about its requests, as this node last read it ({@link KnownTokens}); the last use is
     * this node's, written to the row at most once a {@link #LAST_USE_RESOLUTION}.
     */
    record Checked(String tokenId, Role role, Scope scope, Instant expiresAt, Instant revokedAt,
                   AtomicReference<Instant> lastUsedAt) {
    }

    private Checked read(String token) {
        reads.increment();
        ApiTokenRecord row = sql.selectFrom(API_TOKEN).where(API_TOKEN.SECRET_SHA256.eq(ApiTokenFormat.sha256(token)))
                .fetchOptional().orElseThrow(() -> new BadCredentialsException("the API token is not known"));
        Role role = Role.valueOf(row.getRole());
        return new Checked(row.getTokenId(), role, scopeOf(role, splitScope(row.getScope())), row.getExpiresAt(),
                row.getRevokedAt(), new AtomicReference<>(row.getLastUsedAt()));
    }

    /** The principal every event records for a request made with this token. */
    public static String principalOf(String tokenId) {
        return "token:" + tokenId;
    }

    private static TokenView view(ApiTokenRecord row, Instant now) {
        State state = row.getRevokedAt() != null ? State.REVOKED
                : now.isBefore(row.getExpiresAt()) ? State.ACTIVE : State.EXPIRED;
        return new TokenView(row.getTokenId(), row.getName(), row.getDescription(), Role.valueOf(row.getRole()),
                List.copyOf(splitScope(row.getScope())), state, row.getCreatedAt(), row.getCreatedBy(),
                row.getExpiresAt(), row.getRevokedAt(), row.getRevokedBy(), row.getLastUsedAt());
    }

    private static Set<String> splitScope(String scope) {
        return scope.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(scope.split(",")));
    }

    /** The scope of {@code role} named by {@code values}: one kind of value, the role's; refused naming the field. */
    static Scope scopeOf(Role role, Set<String> values) {
        Set<String> given = values == null ? Set.of() : values;
        if (role.scopeKind() == Role.ScopeKind.NONE) {
            if (!given.isEmpty()) {
                throw new InvalidInput("scope", "must be empty for the role " + role + ", which is not scoped");
            }
            return Scope.NONE;
        }
        if (given.isEmpty()) {
            throw new InvalidInput("scope", "must name at least one " + kindName(role) + " for the role " + role);
        }
        if (given.size() > Scope.VALUES_MAX) {
            throw new InvalidInput("scope", "names at most " + Scope.VALUES_MAX + " values, got " + given.size());
        }
        return switch (role.scopeKind()) {
            case PROVIDERS -> new Scope(parse(given, value -> ProviderId.parse(value, "scope")), Set.of(), Set.of(),
                    Set.of());
            case FUNDING_SOURCES -> new Scope(Set.of(), parse(given, value -> fundingSource(value)), Set.of(),
                    Set.of());
            case CLUSTERS -> new Scope(Set.of(), Set.of(), parse(given, value -> ClusterName.parse(value, "scope")),
                    Set.of());
            case PROJECTS -> new Scope(Set.of(), Set.of(), Set.of(),
                    parse(given, value -> ProjectId.parse(value, "scope")));
            case NONE -> throw new IllegalStateException("handled above");
        };
    }

    private static List<String> scopeValues(Role role, Scope scope) {
        return switch (role.scopeKind()) {
            case NONE -> List.of();
            case PROVIDERS -> scope.providers().stream().map(ProviderId::value).toList();
            case FUNDING_SOURCES -> scope.fundingSources().stream().map(FundingSource::name).toList();
            case CLUSTERS -> scope.clusters().stream().map(ClusterName::value).toList();
            case PROJECTS -> scope.projects().stream().map(ProjectId::value).toList();
        };
    }

    private static String kindName(Role role) {
        return role.scopeKind().name().toLowerCase().replace('_', ' ').replaceAll("s$", "");
    }

    private static FundingSource fundingSource(String value) {
        try {
            return FundingSource.valueOf(value);
        } catch (IllegalArgumentException unknown) {
            throw new InvalidInput("scope", "must name funding sources among " + Arrays.toString(FundingSource.values())
                    + ", got '" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'");
        }
    }

    private static <T> Set<T> parse(Set<String> values, java.util.function.Function<String, T> parse) {
        return values.stream().map(parse).collect(Collectors.toUnmodifiableSet());
    }

    private static String bounded(String value, String field, int charsMax, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidInput(field, "is required");
            }
            return null;
        }
        if (value.length() > charsMax) {
            throw new InvalidInput(field, "is longer than " + charsMax + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput(field, "may not hold control characters");
        }
        return value.strip();
    }
}
