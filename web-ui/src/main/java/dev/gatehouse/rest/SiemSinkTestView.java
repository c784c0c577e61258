package dev.gatehouse.rest;

import dev.gatehouse.audit.siem.SinkTestResult;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SiemSinkTest", description = "Whether the synthetic test event (seq 0, action siem_sink.test) reached the receiver")
public record SiemSinkTestView(boolean delivered, String message, long elapsedMillis) {

    static SiemSinkTestView of(SinkTestResult result) {
        return new SiemSinkTestView(result.delivered(), result.message(), result.elapsedMillis());
    }
}
