package dev.gatehouse.audit.siem;

/**
 * Who sends the exported events: the host name written into syslog headers and HEC envelopes, and
 * the Gatehouse version written into OCSF metadata and the CEF header.
 */
public record ExportOrigin(String hostName, String productVersion) {

    public static final String PRODUCT = "Gatehouse";
    public static final String VENDOR = "Gatehouse";
}
