package dev.gatehouse.audit.siem;

import java.util.UUID;

public class SiemSinkNotFoundException extends RuntimeException {

    public SiemSinkNotFoundException(UUID id) {
        super("no SIEM sink with id " + id);
    }
}
