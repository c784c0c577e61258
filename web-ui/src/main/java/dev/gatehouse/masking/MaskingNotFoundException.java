package dev.gatehouse.masking;

import java.util.UUID;

/** No masking rule, token key or unmask grant has that id (it may have been deleted meanwhile). */
public class MaskingNotFoundException extends RuntimeException {

    private MaskingNotFoundException(String message) {
        super(message);
    }

    public static MaskingNotFoundException rule(UUID id) {
        return new MaskingNotFoundException("no masking rule with id " + id);
    }

    public static MaskingNotFoundException key(String keyId) {
        return new MaskingNotFoundException("no masking token key '" + keyId + "'");
    }

    public static MaskingNotFoundException exemption(UUID id) {
        return new MaskingNotFoundException("no unmask grant with id " + id);
    }
}
