package dev.gatehouse.proxy.masking;

/** Payment card numbers: 13 to 19 digits, bare or grouped by spaces or dashes, passing Luhn. */
final class CardNumberFinder implements Finder {

    private static final DigitGroups GROUPS = new DigitGroups(13, 19, " -");

    @Override
    public void find(byte[] text, int from, int to, Sink sink) {
        int i = from;
        while (i < to) {
            if (Ascii.digit(text[i]) && Ascii.startBoundary(text, from, i)) {
                i = GROUPS.scan(text, i, to, false, i, Checksums::luhn, sink);
            } else {
                i++;
            }
        }
    }
}
