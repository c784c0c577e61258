package dev.gatehouse.audit.siem.format;

import java.util.regex.Pattern;

/**
 * Tells IP literals from anything else in a client address, without a DNS lookup: OCSF's ip_t and
 * CEF's src take only addresses, other text goes to a host-name field instead.
 */
final class IpLiteral {

    private static final Pattern V4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpLiteral() {
    }

    static boolean isV4(String address) {
        return address != null && V4.matcher(address).matches();
    }

    static boolean isV6(String address) {
        return address != null && address.contains(":") && V6.matcher(address).matches();
    }
}
