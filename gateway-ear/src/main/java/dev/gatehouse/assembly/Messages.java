package dev.gatehouse.assembly;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Turns exceptions into the short reasons that fit in a one-line error message. */
final class Messages {

    private static final int MAX_REASON_LENGTH = 300;

    private Messages() {
    }

    /**
     * The first line of the first message in the cause chain. Wrappers such as
     * ExceptionInInitializerError carry no message of their own, and driver messages can run over
     * several lines with hints that only repeat the first.
     */
    static String firstLine(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank()) {
                return shorten(message.strip().lines().findFirst().orElse(message));
            }
        }
        return failure.getClass().getSimpleName();
    }

    /** NIO puts only the path in most file exception messages; say what went wrong instead. */
    static String fileProblem(Exception failure) {
        if (failure instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (failure instanceof FileAlreadyExistsException || failure instanceof NotDirectoryException) {
            return "a file that is not a directory is in the way";
        }
        if (failure instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (failure instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return firstLine(failure);
    }

    private static String shorten(String line) {
        return line.length() <= MAX_REASON_LENGTH ? line : line.substring(0, MAX_REASON_LENGTH) + "...";
    }
}
