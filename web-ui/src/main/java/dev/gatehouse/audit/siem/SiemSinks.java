package dev.gatehouse.audit.siem;

import java.util.List;
import java.util.UUID;

/** The SIEM sinks: configuration for admins, status for auditors (docs/siem.md). Every change is audited. */
public interface SiemSinks {

    List<SiemSink> list();

    SiemSink get(UUID id);

    SiemSink create(SinkDraft draft);

    SiemSink update(UUID id, SinkDraft draft);

    void delete(UUID id);

    /** Sends one synthetic event, outside the chain and the cursor, through a fresh connection. */
    SinkTestResult test(UUID id);

    /** The newest chain position, for the lag of several sinks at once. */
    long headSeq();
}
