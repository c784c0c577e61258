package dev.gatehouse.masking;

/**
 * Fired when a masking rule, token key or unmask grant changes, so the data path's cached masking
 * forgets what it holds. Observers listen {@code during = TransactionPhase.AFTER_SUCCESS}.
 *
 * @param what   {@code rule}, {@code key} or {@code exemption}
 * @param change e.g. {@code created}, {@code updated}, {@code deleted}, {@code retired}, {@code granted}, {@code revoked}
 */
public record MaskingChanged(String what, String change) {
}
