package dev.gatehouse.proxy.masking;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * inet and cidr (IP addresses are personal data). The family and prefix length stay; the address
 * bytes change. Redact gives the all-zero address; Partial keeps the first {@code keepFirst} and last
 * {@code keepLast} bytes (keep 2 of 192.168.7.9 gives 192.168.0.0) and zeroes the rest; Tokenize and
 * Hash give an address of the same family from the digest. For cidr, bits past the prefix are zeroed,
 * as the type requires.
 *
 * <p>Binary: family (2 = IPv4, 3 = IPv6), prefix bits, is-cidr flag, address length, address bytes.
 */
enum InetMasking implements TypeMasking {
    INET("inet"), CIDR("cidr");

    private static final byte FAMILY_IPV4 = 2;
    private static final byte FAMILY_IPV6 = 3;

    private final String typeName;

    InetMasking(String typeName) {
        this.typeName = typeName;
    }

    @Override
    public String typeName() {
        return typeName;
    }

    private record Address(byte[] bytes, int bits) {
    }

    @Override
    public byte[] mask(MaskMethod method, boolean binary, byte[] value, Tokens tokens) throws UnmaskableValueException {
        Address address = decode(binary, value);
        byte[] bytes = address.bytes();
        byte[] masked = switch (method) {
            case MaskMethod.Redact redact -> new byte[bytes.length];
            case MaskMethod.Partial partial -> partial(bytes, partial);
            default -> Arrays.copyOf(tokens.digest(method, canonical(address)), bytes.length);
        };
        if (this == CIDR) {
            zeroHostBits(masked, address.bits());
        }
        return encode(binary, new Address(masked, address.bits()));
    }

    private static byte[] partial(byte[] bytes, MaskMethod.Partial partial) {
        byte[] out = new byte[bytes.length];
        if ((long) partial.keepFirst() + partial.keepLast() < bytes.length) {
            System.arraycopy(bytes, 0, out, 0, partial.keepFirst());
            int tail = bytes.length - partial.keepLast();
            System.arraycopy(bytes, tail, out, tail, partial.keepLast());
        }
        return out;
    }

    private static void zeroHostBits(byte[] bytes, int bits) {
        for (int i = 0; i < bytes.length; i++) {
            int kept = Math.clamp(bits - 8L * i, 0, 8);
            bytes[i] &= (byte) (0xff00 >> kept);
        }
    }

    private static byte[] canonical(Address address) {
        byte[] out = Arrays.copyOf(address.bytes(), address.bytes().length + 1);
        out[out.length - 1] = (byte) address.bits();
        return out;
    }

    private Address decode(boolean binary, byte[] value) throws UnmaskableValueException {
        if (binary) {
            if (value.length < 4 || (value[0] != FAMILY_IPV4 && value[0] != FAMILY_IPV6)
                    || value[3] != (value[0] == FAMILY_IPV4 ? 4 : 16) || value.length != 4 + value[3]
                    || (value[1] & 0xff) > 8 * value[3]) {
                throw TypeMasking.undecodable(typeName, true);
            }
            return new Address(Arrays.copyOfRange(value, 4, value.length), value[1] & 0xff);
        }
        String text = new String(value, StandardCharsets.US_ASCII);
        if (!text.matches("[0-9a-fA-F:.]+(/\\d{1,3})?")) {
            throw TypeMasking.undecodable(typeName, false);
        }
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        boolean ipv6 = host.indexOf(':') >= 0;
        try {
            // A literal address only (checked above), so no name is ever looked up.
            byte[] bytes = InetAddress.getByName(host).getAddress();
            if (ipv6 && bytes.length == 4) {
                bytes = mappedIpv6(bytes);
            }
            int max = 8 * bytes.length;
            int bits = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
            if (bits > max || ipv6 != (bytes.length == 16)) {
                throw TypeMasking.undecodable(typeName, false);
            }
            return new Address(bytes, bits);
        } catch (UnknownHostException | NumberFormatException e) {
            throw TypeMasking.undecodable(typeName, false);
        }
    }

    /** Java reads {@code ::ffff:1.2.3.4} as IPv4; PostgreSQL keeps it IPv6. */
    private static byte[] mappedIpv6(byte[] ipv4) {
        byte[] out = new byte[16];
        out[10] = (byte) 0xff;
        out[11] = (byte) 0xff;
        System.arraycopy(ipv4, 0, out, 12, 4);
        return out;
    }

    private byte[] encode(boolean binary, Address address) throws UnmaskableValueException {
        byte[] bytes = address.bytes();
        if (binary) {
            Utf8Builder out = new Utf8Builder(4 + bytes.length);
            out.append(bytes.length == 4 ? FAMILY_IPV4 : FAMILY_IPV6).append((byte) address.bits())
                    .append((byte) (this == CIDR ? 1 : 0)).append((byte) bytes.length).append(bytes);
            return out.toArray();
        }
        String host;
        try {
            InetAddress parsed = InetAddress.getByAddress(bytes);
            host = parsed instanceof Inet4Address || bytes.length == 4 ? parsed.getHostAddress() : ipv6Text(bytes);
        } catch (UnknownHostException e) {
            throw TypeMasking.undecodable(typeName, false);
        }
        boolean showBits = this == CIDR || address.bits() != 8 * bytes.length;
        return TextMasks.utf8(showBits ? host + "/" + address.bits() : host);
    }

    /** Eight colon-separated groups: valid PostgreSQL input, also for IPv4-mapped addresses. */
    private static String ipv6Text(byte[] bytes) {
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 16; i += 2) {
            if (i > 0) {
                out.append(':');
            }
            out.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
        }
        return out.toString();
    }
}
