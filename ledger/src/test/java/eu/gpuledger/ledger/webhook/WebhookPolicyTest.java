package eu.gpuledger.ledger.webhook;

import eu.gpuledger.ledger.refusal.InvalidInput;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where notices may go: the allowed hosts at registration, and no internal address at delivery. */
class WebhookPolicyTest {

    static final WebhookPolicy PRODUCTION = new WebhookPolicy(Set.of("hooks.idris.fr", "*.cines.fr"), false, false,
            Duration.ofDays(1));
    static final WebhookPolicy DEVELOPMENT = new WebhookPolicy(Set.of(), true, false, Duration.ofDays(1));

    @Test
    void an_https_url_to_an_allowed_host_or_under_an_allowed_domain_is_registrable() {
        PRODUCTION.assertRegistrable(URI.create("https://hooks.idris.fr/ledger"));
        PRODUCTION.assertRegistrable(URI.create("https://alerts.cines.fr:8443/x"));
    }

    @Test
    void another_host_plain_http_or_credentials_in_the_url_are_refused_naming_the_url() {
        for (String url : new String[] {"https://evil.example/x", "http://hooks.idris.fr/x", "https://cines.fr.evil/x",
                "https://u:p@hooks.idris.fr/x", "ftp://hooks.idris.fr/x", "https://127.0.0.1/x"}) {
            assertThatThrownBy(() -> PRODUCTION.assertRegistrable(URI.create(url))).as(url)
                    .isInstanceOf(InvalidInput.class).extracting(refusal -> ((InvalidInput) refusal).field())
                    .isEqualTo("url");
        }
    }

    @Test
    void development_mode_allows_http_to_loopback_only() {
        DEVELOPMENT.assertRegistrable(URI.create("http://127.0.0.1:9000/hook"));
        DEVELOPMENT.assertRegistrable(URI.create("http://localhost:9000/hook"));
        assertThatThrownBy(() -> DEVELOPMENT.assertRegistrable(URI.create("http://example.org/hook")))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void internal_addresses_are_refused_at_delivery() throws Exception {
        for (String address : new String[] {"127.0.0.1", "::1", "10.1.2.3", "172.16.0.1", "192.168.1.1",
                "169.254.169.254", "fe80::1", "fd00::1", "100.64.0.1", "0.0.0.0", "224.0.0.1"}) {
            assertThat(PRODUCTION.refusalOf(InetAddress.getByName(address))).as(address).isPresent();
        }
        assertThat(PRODUCTION.refusalOf(InetAddress.getByName("193.51.0.10"))).isEmpty();
        assertThat(PRODUCTION.refusalOf(InetAddress.getByName("2001:660::1"))).isEmpty();
    }

    @Test
    void loopback_in_development_and_private_networks_when_allowed_but_never_link_local() throws Exception {
        assertThat(DEVELOPMENT.refusalOf(InetAddress.getByName("127.0.0.1"))).isEmpty();
        WebhookPolicy centreNetwork = new WebhookPolicy(Set.of("hooks.idris.fr"), false, true, Duration.ZERO);
        assertThat(centreNetwork.refusalOf(InetAddress.getByName("10.1.2.3"))).isEmpty();
        assertThat(centreNetwork.refusalOf(InetAddress.getByName("169.254.169.254"))).isPresent();
        assertThat(centreNetwork.refusalOf(InetAddress.getByName("127.0.0.1"))).isPresent();
    }
}
