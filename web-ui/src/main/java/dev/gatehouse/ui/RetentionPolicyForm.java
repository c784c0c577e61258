package dev.gatehouse.ui;

import dev.gatehouse.retention.RetentionPeriods;
import java.io.Serializable;

/** The retention page's add/edit dialog: a connection (or '*') and its three periods, as typed. */
public class RetentionPolicyForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private String connection;
    private boolean existing;
    private Integer payloadDays;
    private Integer recordingDays;
    private Integer auditDays;

    /** @param name null for a new policy, whose connection the user picks */
    void reset(String name, RetentionPeriods periods) {
        connection = name;
        existing = name != null;
        payloadDays = periods.payloadDays();
        recordingDays = periods.recordingDays();
        auditDays = periods.auditDays();
    }

    public String getConnection() {
        return connection;
    }

    public void setConnection(String connection) {
        this.connection = connection;
    }

    /** Editing a row: its connection is fixed. */
    public boolean isExisting() {
        return existing;
    }

    public Integer getPayloadDays() {
        return payloadDays;
    }

    public void setPayloadDays(Integer payloadDays) {
        this.payloadDays = payloadDays;
    }

    public Integer getRecordingDays() {
        return recordingDays;
    }

    public void setRecordingDays(Integer recordingDays) {
        this.recordingDays = recordingDays;
    }

    public Integer getAuditDays() {
        return auditDays;
    }

    public void setAuditDays(Integer auditDays) {
        this.auditDays = auditDays;
    }
}
