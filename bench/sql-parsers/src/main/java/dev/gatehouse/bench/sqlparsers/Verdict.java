package dev.gatehouse.bench.sqlparsers;

/** How a candidate's reading of one corpus string compares with PostgreSQL's. */
enum Verdict {
    AGREE("agree", false),
    REFUSED_VALID("refused-valid", false),
    ACCEPTED_INVALID("accepted-invalid", false),
    MIS_SPLIT("mis-split", true),
    MIS_KIND("mis-kind", true);

    final String label;
    /** The candidate sees other statements than PostgreSQL would run: a guardrail could be evaded. */
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
        if (got.kinds().size() != expected.kinds().size()) {
            return MIS_SPLIT;
        }
        for (int i = 0; i < got.kinds().size(); i++) {
            if (!command(got.kinds().get(i)).equals(command(expected.kinds().get(i)))) {
                return MIS_KIND;
            }
        }
        return AGREE;
    }

    /** DEALLOCATE ALL and DISCARD ALL are their commands with an argument, not other commands. */
    private static String command(String tag) {
        return tag.endsWith(" ALL") ? tag.substring(0, tag.length() - 4) : tag;
    }
}
