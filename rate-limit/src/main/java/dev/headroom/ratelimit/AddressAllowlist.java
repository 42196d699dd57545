package dev.headroom.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Addresses and CIDR ranges, IPv4 and IPv6, that an {@link AbuseGuard} never limits or bans:
 * health checkers, partners, the office. Entries are {@code 203.0.113.7}, {@code 10.0.0.0/8},
 * {@code 2001:db8::1} or {@code 2001:db8::/32}; an IPv4-mapped IPv6 address ({@code
 * ::ffff:10.1.2.3}) matches IPv4 entries. Only literal addresses are parsed: a key that is not one
 * (a user id, a host name) is never looked up in DNS and never matches. Immutable.
 */
public final class AddressAllowlist {

    private static final AddressAllowlist EMPTY = new AddressAllowlist(List.of(), List.of());

    private final List<Range> ranges;
    private final List<String> entries;

    private AddressAllowlist(List<Range> ranges, List<String> entries) {
        this.ranges = List.copyOf(ranges);
        this.entries = List.copyOf(entries);
    }

    /**
     * An allowlist that matches nothing.
     *
     * @return the empty allowlist
     */
    public static AddressAllowlist empty() {
        return EMPTY;
    }

    /**
     * Parses entries.
     *
     * @param entries addresses and CIDR ranges
     * @return the allowlist
     * @throws IllegalArgumentException naming the first entry that is not a literal address or a
     *     valid range
     */
    public static AddressAllowlist of(String... entries) {
        return of(List.of(entries));
    }

    /**
     * Parses entries.
     *
     * @param entries addresses and CIDR ranges
     * @return the allowlist
     * @throws IllegalArgumentException naming the first entry that is not a literal address or a
     *     valid range
     */
    public static AddressAllowlist of(List<String> entries) {
        List<Range> ranges = new ArrayList<>(entries.size());
        for (String entry : entries) {
            ranges.add(Range.parse(entry));
        }
        return new AddressAllowlist(ranges, entries);
    }

    /**
     * Says whether an address is on the list.
     *
     * @param address the address
     * @return true if some entry contains it
     */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Range range : ranges) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Says whether a key is a literal address on the list.
     *
     * @param key a client key, such as an address from a request
     * @return true if the key parses as an address that some entry contains
     */
    public boolean contains(String key) {
        if (ranges.isEmpty()) {
            return false;
        }
        return literal(key).map(this::contains).orElse(false);
    }

    /**
     * Returns the entries as given.
     *
     * @return the entries
     */
    public List<String> entries() {
        return entries;
    }

    @Override
    public String toString() {
        return "AddressAllowlist" + entries;
    }

    /** Parses an IPv4 or IPv6 literal without ever resolving a name. */
    static Optional<InetAddress> literal(String text) {
        if (text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        boolean colon = false;
        boolean dot = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':') {
                colon = true;
            } else if (c == '.') {
                dot = true;
            } else if (Character.digit(c, 16) < 0) {
                return Optional.empty();
            }
        }
        if (!colon && !(dot && text.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9')))) {
            return Optional.empty();
        }
        try {
            // A literal of digits, dots, hex digits and colons: getByName parses it and never asks DNS.
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** One address or CIDR range. */
    private static final class Range {
        private final byte[] network;
        private final int prefix;

        Range(byte[] network, int prefix) {
            this.network = network;
            this.prefix = prefix;
        }

        static Range parse(String entry) {
            String trimmed = entry.trim();
            int slash = trimmed.indexOf('/');
            String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
            InetAddress parsed = literal(address)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "allowlist entry must be an IP address or a CIDR range: '" + entry + "'"));
            byte[] bytes = parsed.getAddress();
            int bits = bytes.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(trimmed.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException(
                            "allowlist prefix must be between 0 and " + bits + ": '" + entry + "'");
                }
            }
            return new Range(bytes, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }
}
