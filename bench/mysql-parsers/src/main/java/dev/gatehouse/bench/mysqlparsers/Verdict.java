package dev.gatehouse.bench.mysqlparsers;

import java.util.List;

/** How a candidate's reading of one corpus string compares with MariaDB's. */
enum Verdict {
    AGREE("agree", false),
    REFUSED_VALID("refused-valid", false),
    ACCEPTED_INVALID("accepted-invalid", false),
    MIS_SPLIT("mis-split", true),
    MIS_KIND("mis-kind", true);

    final String label;
    /** The candidate sees other statements than MariaDB would run: a guardrail could be evaded. */
    final boolean security;

    Verdict(String label, boolean security) {
        this.label = label;
        this.security = security;
    }

    static Verdict judge(Corpus.Entry expected, Candidate.Outcome got) {
        if (!expected.valid()) {
            return got.ok() ? ACCEPTED_INVALID : AGREE;
        }
        if (!got.ok()) {
            return REFUSED_VALID;
        }
        List<String> want = expected.kinds().stream().map(Kinds::ofServer).toList();
        if (got.kinds().size() != want.size()) {
            return MIS_SPLIT;
        }
        for (int i = 0; i < want.size(); i++) {
            String kind = got.kinds().get(i);
            if (!kind.equals(Kinds.EXPLAIN) && !kind.equals(want.get(i))) {
                return MIS_KIND;
            }
        }
        return AGREE;
    }
}
