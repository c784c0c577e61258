package dev.gatehouse.evidence.pdf;

import dev.gatehouse.evidence.report.DataAvailability;
import dev.gatehouse.evidence.report.DataAvailability.Reconciliation;
import dev.gatehouse.evidence.report.ReportTime;
import dev.gatehouse.evidence.report.TimeSync;
import java.io.IOException;

/** The summary's data-availability block: what the gateway holds against the period, and the warnings first. */
final class AvailabilityBlock {

    static final String HEADING = "Data availability";
    static final String WARNING = "WARNING: ";
    static final String TIME_SYNC = "Time synchronisation";

    private AvailabilityBlock() {
    }

    static void write(PageCursor cursor, DataAvailability data, TimeSync timeSync) throws IOException {
        write(cursor, data);
        cursor.subheading(TIME_SYNC);
        if (timeSync == null) {
            cursor.paragraph("No time-sync statement was measured for this report.");
            return;
        }
        cursor.paragraph("Every time in this pack is UTC, to the second. At generation the gateway's clock read "
                + ReportTime.format(timeSync.gatewayClock()) + "; the store's clock (which stamps the audit events) was "
                + timeSync.offsetMillis() + " ms from it, measured over a " + timeSync.roundTripMillis() + " ms round trip. Clock source: "
                + timeSync.source() + ".");
    }

    static void write(PageCursor cursor, DataAvailability data) throws IOException {
        cursor.subheading(HEADING);
        if (data == null) {
            cursor.paragraph(WARNING + "the data-availability block was not computed for this report");
            return;
        }
        for (String warning : data.warnings()) {
            cursor.paragraph(WARNING + warning);
        }
        cursor.labelValue("First audit record held", ReportTime.format(data.firstRecord()) + " (seq " + data.firstSeqHeld() + ")");
        cursor.labelValue("Last audit record held", ReportTime.format(data.lastRecord()) + " (seq " + data.lastSeqHeld() + ")");
        cursor.labelValue("Audit events in the period", Long.toString(data.periodEvents()));
        cursor.labelValue("Seq range of the period", data.periodEvents() == 0 ? "none"
                : data.periodFirstSeq() + " to " + data.periodLastSeq() + (data.continuous() ? ", continuous" : ", NOT continuous"));
        for (Reconciliation r : data.reconciliations()) {
            cursor.labelValue(r.figure() + " vs " + r.listedIn(), r.figureValue() + " / " + r.listedRows() + (r.agrees() ? " (agree)" : " (DIFFER)"));
        }
    }
}
