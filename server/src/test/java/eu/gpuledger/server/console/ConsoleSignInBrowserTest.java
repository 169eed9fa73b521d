package eu.gpuledger.server.console;

import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import eu.gpuledger.server.support.TestTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in to the console in a real browser, in each language: the sign-in page, a mistyped token refused in the
 * API's words next to the field, the dashboard after the right one, the language switch kept across pages, and the
 * sign-out, after which the pages ask to sign in again.
 */
@LedgerIntegrationTest
@TestPropertySource(properties = "ledger.console.token-sign-in=true")
class ConsoleSignInBrowserTest extends OverHttp {

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr"})
    void a_person_signs_in_with_a_token_sees_the_dashboard_in_their_language_and_signs_out(String language) {
        try (Browser browser = Browser.open(port, language)) {
            browser.go("/console");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/console/sign-in");
            assertThat(browser.find("html").getDomAttribute("lang")).isEqualTo(language);
            assertThat(browser.text("h1")).isEqualTo(language.equals("fr") ? "Connexion" : "Sign in");
            browser.look("sign-in");

            browser.signInWithToken("gpl_notatokenatall");
            assertThat(browser.text(".problem")).contains("401");
            browser.look("sign-in-refused");

            browser.signInWithToken(TestTokens.ADMIN);
            assertThat(browser.driver().getCurrentUrl()).endsWith("/console");
            assertThat(browser.text("h1")).isEqualTo(language.equals("fr") ? "Tableau de bord" : "Dashboard");
            assertThat(browser.text("header .principal")).isEqualTo("token:" + TestTokens.ADMIN_ID);
            browser.look("dashboard");

            String other = language.equals("fr") ? "en" : "fr";
            browser.go("/console?lang=" + other);
            assertThat(browser.find("html").getDomAttribute("lang")).isEqualTo(other);
            browser.go("/console");
            assertThat(browser.find("html").getDomAttribute("lang")).as("the choice is kept").isEqualTo(other);
            browser.go("/console?lang=" + language);

            browser.submit("header .who button");
            assertThat(browser.driver().getCurrentUrl()).contains("/console/sign-in");
            browser.go("/console");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/console/sign-in");
        }
    }
}
