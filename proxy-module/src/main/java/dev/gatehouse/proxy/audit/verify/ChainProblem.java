package dev.gatehouse.proxy.audit.verify;

/**
 * The first thing wrong with a chain.
 *
 * @param seq    the first bad seq: the row (or checkpoint) where the chain stops being trustworthy
 * @param reason one sentence for a human
 */
public record ChainProblem(long seq, ProblemKind kind, String reason) {
}
