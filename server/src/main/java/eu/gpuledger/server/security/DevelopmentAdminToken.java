package eu.gpuledger.server.security;

import eu.gpuledger.ledger.access.Role;
import eu.gpuledger.server.database.DataDirectoryProperties;
import eu.gpuledger.server.database.DatabaseProperties;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import static eu.gpuledger.server.schema.Tables.API_TOKEN;

/**
 * Development mode keeps the start at two commands: with the embedded database, the ledger issues an administrator
 * token at each start, prints it as a line {@code Admin token: <token>} and writes it, readable by its owner only,
 * to {@code <ledger.data-dir>/admin-token}, where {@code scripts/ledger} finds it when {@code LEDGER_TOKEN} is unset.
 * The previous start's token is revoked first, so one lives at a time. With a database named by
 * {@code ledger.db.url} none is made unless {@code ledger.security.development-admin-token} asks for it, and then
 * the log says so loudly at every start (docs/security.md).
 * <p>
 * Issued once every bean is made (the migrations have run) and before the web server opens its port, so a client
 * that sees the server answer reads the new token from the file, never the revoked one of the previous start.
 */
@Component
public class DevelopmentAdminToken implements SmartInitializingSingleton {

    public static final String NAME = "development administrator";
    public static final String FILE = "admin-token";
    static final Duration LIFETIME = Duration.ofDays(30);
    static final String ISSUER = "ledger (development mode)";

    private static final Logger log = LoggerFactory.getLogger(DevelopmentAdminToken.class);

    private final ApiTokens tokens;
    private final DSLContext sql;
    private final Clock clock;
    private final DatabaseProperties database;
    private final DataDirectoryProperties data;
    private final SecurityProperties security;

    public DevelopmentAdminToken(ApiTokens tokens, DSLContext sql, Clock clock, DatabaseProperties database,
                                 DataDirectoryProperties data, SecurityProperties security) {
        this.tokens = tokens;
        this.sql = sql;
        this.clock = clock;
        this.database = database;
        this.data = data;
        this.security = security;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!database.embedded() && !security.developmentAdminToken()) {
            return;
        }
        if (!database.embedded()) {
            for (int i = 0; i < 3; i++) {
                log.warn("DEVELOPMENT MODE ON A REAL DATABASE: ledger.security.development-admin-token=true issues an"
                        + " administrator token at every start and prints it; never on a ledger people rely on");
            }
        }
        int revoked = sql.update(API_TOKEN).set(API_TOKEN.REVOKED_AT, clock.instant())
                .set(API_TOKEN.REVOKED_BY, ISSUER)
                .where(API_TOKEN.NAME.eq(NAME)).and(API_TOKEN.CREATED_BY.eq(ISSUER)).and(API_TOKEN.REVOKED_AT.isNull())
                .execute();
        ApiTokens.Issued issued = tokens.issue(new ApiTokens.Request(NAME, "issued at start in development mode",
                Role.ADMIN, Set.of(), clock.instant().plus(LIFETIME)), ISSUER);
        Path file = write(issued.token());
        log.info("development mode: administrator token {} issued ({} earlier revoked), written to {}",
                issued.view().tokenId(), revoked, file);
        System.out.println("Admin token: " + issued.token());
        System.out.flush();
    }

    /** Written beside, then moved over the file, so a reader never sees half a token; owner-only from the start. */
    private Path write(String token) {
        Path directory = Path.of(data.dataDir()).toAbsolutePath();
        Path file = directory.resolve(FILE);
        try {
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, FILE, ".partial",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(partial, token + "\n", StandardCharsets.US_ASCII);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot write the development administrator token to " + file, failed);
        }
    }
}
