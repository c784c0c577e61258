package dev.gatehouse.evidence;

import java.util.UUID;

/** A completed pack whose zip is no longer in the evidence directory (removed by hand, or another node's disk). */
public class PackFileMissingException extends RuntimeException {

    public PackFileMissingException(UUID id) {
        super("The file of evidence pack " + id + " is no longer in the evidence directory.");
    }
}
