package dev.gatehouse.ui;

import java.io.Serializable;

/** The place/release legal hold dialog (retention and session pages): what, which way, and why. */
public class LegalHoldForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private String connection;
    private boolean place;
    private String reason;

    /** @param name the connection, or null when the user picks it (or the hold is on a session) */
    void reset(String name, boolean placeHold) {
        // EL passes a null argument as "": both mean "the user picks".
        connection = name == null || name.isEmpty() ? null : name;
        place = placeHold;
        reason = null;
    }

    public String getConnection() {
        return connection;
    }

    public void setConnection(String connection) {
        this.connection = connection;
    }

    /** True to place a hold, false to release one. */
    public boolean isPlace() {
        return place;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
