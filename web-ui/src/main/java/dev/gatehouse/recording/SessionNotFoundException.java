package dev.gatehouse.recording;

import java.util.UUID;

/** No recorded session has that id. */
public class SessionNotFoundException extends RuntimeException {

    public SessionNotFoundException(UUID id) {
        super("no recorded session with id " + id);
    }
}
