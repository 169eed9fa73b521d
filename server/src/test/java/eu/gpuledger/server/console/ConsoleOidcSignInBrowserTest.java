package eu.gpuledger.server.console;

import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person signs in to the console at a real OpenID Connect identity provider ({@link TestIdentityProvider}): the
 * console sends them there, they type their password there (never to the ledger), come back signed in, and the
 * console calls the API with the access token the provider issued for them, so the API sees their subject, their
 * roles and their scope. The sign-in with a token is off on this ledger.
 */
@LedgerIntegrationTest
class ConsoleOidcSignInBrowserTest extends OverHttp {

    @DynamicPropertySource
    static void signInAtTheIdentityProvider(DynamicPropertyRegistry properties) {
        TestIdentityProvider.register(properties);
    }

    @Test
    void an_accountant_signs_in_at_the_identity_provider_and_the_console_acts_with_their_token() {
        TestIdentityProvider.redirectTo(port);
        http.put("/api/v1/providers/idris", """
                {"name": "IDRIS", "kind": "PUBLIC", "euroHpcHosted": false}""");
        try (Browser browser = Browser.open(port, "fr")) {
            browser.go("/console");
            assertThat(browser.all("#token")).as("no sign-in with a token on this ledger").isEmpty();
            browser.look("sign-in-identity-provider");

            browser.submit("a[href$='/console/oauth2/authorization/identity-provider']");
            assertThat(browser.driver().getCurrentUrl()).as("the password is typed at the identity provider")
                    .startsWith(TestIdentityProvider.issuer() + "/login");
            browser.type("username", "amelie").type("password", TestIdentityProvider.PASSWORD);
            browser.submit("form button[type=submit]");

            assertThat(browser.driver().getCurrentUrl()).isEqualTo("http://localhost:" + port + "/console");
            assertThat(browser.text("header .principal")).as("the API saw the token's subject").isEqualTo("amelie");
            assertThat(browser.text("header nav")).as("an accountant's menu").contains("Imports")
                    .doesNotContain("Relevés");
            assertThat(browser.find("#providerId").getText()).contains("IDRIS");
            browser.look("dashboard-identity-provider");
        }
    }
}
