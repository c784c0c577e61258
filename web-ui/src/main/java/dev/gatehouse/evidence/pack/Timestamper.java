package dev.gatehouse.evidence.pack;

import java.io.IOException;

/** An RFC 3161 timestamp authority: gives a DER TimeStampToken over a SHA-256 digest. */
public interface Timestamper {

    /** A name for VERIFY.txt and error messages (the authority's URL). */
    String name();

    /**
     * @return the DER-encoded TimeStampToken over {@code sha256}
     * @throws IOException when the authority does not answer or refuses; the pack is then refused, never sent without it
     */
    byte[] timestamp(byte[] sha256) throws IOException;
}
