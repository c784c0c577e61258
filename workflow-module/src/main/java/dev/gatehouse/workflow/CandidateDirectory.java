package dev.gatehouse.workflow;

import java.util.Optional;
import java.util.Set;

/**
 * Who is in a group, as the identity provider knows it. The workflow asks only to refuse chains
 * whose quorum cannot be met (more approvals than eligible people), before a request starts.
 */
@FunctionalInterface
public interface CandidateDirectory {

    /** No directory: quorums are not checked against group sizes. */
    CandidateDirectory UNKNOWN = group -> Optional.empty();

    /** The members of {@code group}, or empty when the directory cannot tell. */
    Optional<Set<String>> members(String group);
}
