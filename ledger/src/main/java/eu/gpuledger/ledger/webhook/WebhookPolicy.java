package eu.gpuledger.ledger.webhook;

import eu.gpuledger.ledger.refusal.InvalidInput;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where the ledger may send notices (docs/webhooks.md, "No requests to arbitrary addresses"): the rule checked at
 * registration on the URL ({@link #assertRegistrable}) and again at every delivery on the addresses its host
 * resolves to ({@link #refusalOf(InetAddress)}), so that a name that later resolves to an internal address is not
 * followed.
 *
 * @param allowedHosts          host names deliveries may go to: exact names, or {@code *.example.org} for the names
 *                              under a domain; empty, none (but loopback in development mode)
 * @param developmentMode       a receiver on this machine: {@code http://} and loopback addresses allowed
 * @param allowPrivateAddresses a receiver on the centre's own network (10/8, 172.16/12, 192.168/16, fc00::/7,
 *                              100.64/10); link-local (cloud metadata), wildcard and multicast addresses never
 * @param secretOverlap         how long the previous secret of a rotation stays valid (signed with both)
 */
public record WebhookPolicy(Set<String> allowedHosts, boolean developmentMode, boolean allowPrivateAddresses,
                            Duration secretOverlap) {

    public static final int URL_CHARS_MAX = 2000;

    public WebhookPolicy {
        allowedHosts = allowedHosts.stream().map(host -> host.trim().toLowerCase(Locale.ROOT))
                .filter(host -> !host.isEmpty()).collect(Collectors.toUnmodifiableSet());
        if (secretOverlap.isNegative()) {
            throw new IllegalArgumentException("a secret overlap is not negative: " + secretOverlap);
        }
    }

    /** A URL a webhook may be registered with: https (http to loopback in development mode), an allowed host. */
    public void assertRegistrable(URI url) {
        if (url == null) {
            throw new InvalidInput("url", "is required");
        }
        if (!url.isAbsolute() || url.getHost() == null) {
            throw new InvalidInput("url", "must be an absolute http(s) URL with a host, got " + url);
        }
        if (url.getUserInfo() != null) {
            throw new InvalidInput("url", "must not carry a user name or password");
        }
        if (url.getFragment() != null) {
            throw new InvalidInput("url", "must not carry a fragment");
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost().toLowerCase(Locale.ROOT);
        boolean loopbackInDevelopment = developmentMode && isLoopbackName(host);
        if (scheme.equals("http")) {
            if (!loopbackInDevelopment) {
                throw new InvalidInput("url", "must be https (http only to loopback in development mode)");
            }
        } else if (!scheme.equals("https")) {
            throw new InvalidInput("url", "must be https, got the scheme " + scheme);
        }
        if (!loopbackInDevelopment && !isAllowedHost(host)) {
            throw new InvalidInput("url", "host " + host + " is not among the hosts the configuration allows "
                    + "(ledger.webhooks.allowed-hosts)");
        }
    }

    /** Whether a host name is in the allow-list, exactly or under a {@code *.domain} entry. */
    public boolean isAllowedHost(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        for (String allowed : allowedHosts) {
            if (allowed.startsWith("*.") ? name.endsWith(allowed.substring(1)) : name.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    /** Why a delivery may not connect to {@code address}, or empty when it may. */
    public Optional<String> refusalOf(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return developmentMode ? Optional.empty()
                    : Optional.of("loopback address " + address.getHostAddress() + " (development mode only)");
        }
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return Optional.of("wildcard or multicast address " + address.getHostAddress());
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local address " + address.getHostAddress());
        }
        if (isPrivate(address) && !allowPrivateAddresses) {
            return Optional.of("private address " + address.getHostAddress()
                    + " (ledger.webhooks.allow-private-addresses)");
        }
        return Optional.empty();
    }

    private static boolean isPrivate(InetAddress address) {
        if (address.isSiteLocalAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        return (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64; // shared address space 100.64.0.0/10
    }

    private static boolean isLoopbackName(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }
}
