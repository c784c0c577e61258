package dev.gatehouse.ui;

import dev.gatehouse.catalog.ConnectionNotFoundException;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.masking.MaskingCoverage;
import dev.gatehouse.masking.TargetUnavailableException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * The coverage panel of masking.xhtml: a connection's catalog columns with the rules that protect
 * them, and on an explicit, consented request the detectors' counts over sampled values.
 */
@Named
@ViewScoped
public class MaskingCoverageBox implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient MaskingCoverage coverage;

    private String connection;
    private boolean consent;
    private int limit = 100;
    private MaskingCoverage.Coverage result;
    private MaskingCoverage.Sampling sampling;

    public void show() {
        sampling = null;
        try {
            result = coverage.coverage(connection);
        } catch (ConnectionNotFoundException | TargetUnavailableException | ValidationFailedException e) {
            result = null;
            Messages.error("Coverage not available", e.getMessage());
        }
    }

    public void sample() {
        if (!consent) {
            Messages.error("Sampling needs your consent", "Tick the box: sampling reads real values of the target; only counts are kept.");
            return;
        }
        try {
            sampling = coverage.sample(connection, limit);
            Messages.info("Sampled", sampling.valuesSampled() + " values of " + sampling.columnsSampled() + " text columns were scanned.");
        } catch (ConnectionNotFoundException | TargetUnavailableException e) {
            Messages.error("Sampling failed", e.getMessage());
        } catch (ValidationFailedException invalid) {
            MaskingPage.refused("Sampling refused", invalid);
        }
    }

    public String getConnection() {
        return connection;
    }

    public void setConnection(String connection) {
        this.connection = connection;
    }

    public boolean isConsent() {
        return consent;
    }

    public void setConsent(boolean consent) {
        this.consent = consent;
    }

    public int getLimit() {
        return limit;
    }

    public void setLimit(int limit) {
        this.limit = limit;
    }

    public MaskingCoverage.Coverage getResult() {
        return result;
    }

    public MaskingCoverage.Sampling getSampling() {
        return sampling;
    }
}
