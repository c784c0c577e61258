package dev.gatehouse.proxy.masking;

/** Finds one detector's matches in UTF-8 text, as byte spans. Stateless and thread-safe. */
interface Finder {

    /** Receives each match {@code [start, end)} in byte offsets of the scanned array. */
    interface Sink {
        void add(int start, int end);
    }

    void find(byte[] text, int from, int to, Sink sink) throws UnmaskableValueException;

    /** Whether the text can hold a match at all (a cheap pre-filter before the real scan). */
    default boolean mayMatch(boolean hasDigit, boolean hasAt) {
        return hasDigit;
    }

    static Finder of(Detector detector) {
        return switch (detector) {
            case Detector.Custom custom -> new RegexFinder(custom.pattern());
            case Detector.BuiltIn builtIn -> switch (builtIn.kind()) {
                case US_SSN -> new SsnFinder();
                case PAYMENT_CARD -> new CardNumberFinder();
                case IBAN -> new IbanFinder();
                case EMAIL -> new EmailFinder();
                case PHONE -> new PhoneFinder();
                case US_ROUTING_NUMBER -> new RoutingNumberFinder();
            };
        };
    }
}
