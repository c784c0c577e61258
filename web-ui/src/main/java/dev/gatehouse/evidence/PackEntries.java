package dev.gatehouse.evidence;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where the parts of a pack are written, one file at a time, streamed: the signed zip writer
 * implements it and hashes every file for the manifest as it passes.
 */
public interface PackEntries {

    /**
     * Opens the file {@code path} ("report.pdf", "appendix/statements.csv"); the caller closes the
     * stream before it opens the next one. Closing it does not close the pack.
     */
    OutputStream open(String path) throws IOException;
}
