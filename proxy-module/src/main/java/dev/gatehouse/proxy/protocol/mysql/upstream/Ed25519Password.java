package dev.gatehouse.proxy.protocol.mysql.upstream;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * MariaDB's client_ed25519: the server sends 32 random bytes, the client signs them with an Ed25519
 * key whose expanded secret is SHA-512 of the password (RFC 8032 with the password in place of the
 * 32-byte seed; for a 32-byte password it is RFC 8032 itself). The JDK's Ed25519 only takes 32-byte
 * seeds, so the curve arithmetic is here: plain BigInteger, extended coordinates, run once per login.
 */
final class Ed25519Password {

    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    private static final BigInteger D = BigInteger.valueOf(-121665).mod(P).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    private static final BigInteger D2 = D.add(D).mod(P);
    private static final Point BASE = Point.affine(
            new BigInteger("15112221349535400772501151409588531511454012693041857206046113283949847762202"),
            new BigInteger("46316835694926478169428394003475163141307993866256225615783033603165251855960"));

    private Ed25519Password() {
    }

    /** The 64-byte signature R || S of {@code message} under the key of {@code password}. */
    static byte[] sign(byte[] password, byte[] message) {
        byte[] az = sha512(password);
        try {
            byte[] scalarBytes = Arrays.copyOf(az, 32);
            scalarBytes[0] &= (byte) 248;
            scalarBytes[31] &= 63;
            scalarBytes[31] |= 64;
            BigInteger a = littleEndian(scalarBytes);
            byte[] publicKey = BASE.times(a).encode();
            BigInteger r = littleEndian(sha512(Arrays.copyOfRange(az, 32, 64), message)).mod(L);
            byte[] encodedR = BASE.times(r).encode();
            BigInteger k = littleEndian(sha512(encodedR, publicKey, message)).mod(L);
            BigInteger s = r.add(k.multiply(a)).mod(L);
            byte[] signature = Arrays.copyOf(encodedR, 64);
            System.arraycopy(toLittleEndian(s), 0, signature, 32, 32);
            Arrays.fill(scalarBytes, (byte) 0);
            return signature;
        } finally {
            Arrays.fill(az, (byte) 0);
        }
    }

    /** The public key of a password: what MariaDB stores for the account (base64, without padding). */
    static byte[] publicKey(byte[] password) {
        byte[] az = sha512(password);
        try {
            az[0] &= (byte) 248;
            az[31] &= 63;
            az[31] |= 64;
            return BASE.times(littleEndian(Arrays.copyOf(az, 32))).encode();
        } finally {
            Arrays.fill(az, (byte) 0);
        }
    }

    /** A point in extended coordinates (X:Y:Z:T) with x = X/Z, y = Y/Z, xy = T/Z. */
    private record Point(BigInteger x, BigInteger y, BigInteger z, BigInteger t) {

        static Point affine(BigInteger x, BigInteger y) {
            return new Point(x, y, BigInteger.ONE, x.multiply(y).mod(P));
        }

        /** RFC 8032's addition for a = -1 (add-2008-hwcd-3), complete: also doubles. */
        Point plus(Point q) {
            BigInteger a = y.subtract(x).multiply(q.y.subtract(q.x)).mod(P);
            BigInteger b = y.add(x).multiply(q.y.add(q.x)).mod(P);
            BigInteger c = t.multiply(D2).multiply(q.t).mod(P);
            BigInteger d = z.multiply(BigInteger.TWO).multiply(q.z).mod(P);
            BigInteger e = b.subtract(a);
            BigInteger f = d.subtract(c);
            BigInteger g = d.add(c);
            BigInteger h = b.add(a);
            return new Point(e.multiply(f).mod(P), g.multiply(h).mod(P), f.multiply(g).mod(P), e.multiply(h).mod(P));
        }

        Point times(BigInteger scalar) {
            Point result = new Point(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO);
            for (int bit = scalar.bitLength() - 1; bit >= 0; bit--) {
                result = result.plus(result);
                if (scalar.testBit(bit)) {
                    result = result.plus(this);
                }
            }
            return result;
        }

        byte[] encode() {
            BigInteger inverse = z.modInverse(P);
            BigInteger ax = x.multiply(inverse).mod(P);
            BigInteger ay = y.multiply(inverse).mod(P);
            byte[] out = toLittleEndian(ay);
            if (ax.testBit(0)) {
                out[31] |= (byte) 0x80;
            }
            return out;
        }
    }

    private static BigInteger littleEndian(byte[] bytes) {
        byte[] big = new byte[bytes.length + 1];
        for (int i = 0; i < bytes.length; i++) {
            big[bytes.length - i] = bytes[i];
        }
        return new BigInteger(big);
    }

    private static byte[] toLittleEndian(BigInteger value) {
        byte[] big = value.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < Math.min(32, big.length); i++) {
            out[i] = big[big.length - 1 - i];
        }
        return out;
    }

    private static byte[] sha512(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is missing from this JDK", e);
        }
    }
}
