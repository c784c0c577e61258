package dev.gatehouse.evidence;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes one whole evidence pack (the signed zip) for a scope. The background job owns the file,
 * the row and the digest of the zip; the builder owns what goes into it.
 */
public interface PackBuilder {

    /** @param out the zip's bytes go here; the builder does not close it */
    BuiltPack build(String packId, PackScope scope, String requestedBy, OutputStream out, PackProgress progress) throws IOException;

    /** What the history keeps besides the zip's own digest. */
    record BuiltPack(long statements, String manifestSha256) {
    }
}
