package dev.gatehouse.proxy.masking;

/**
 * US ABA routing numbers: nine bare digits standing alone whose 3-7-1 weighted sum is a multiple of
 * ten. The same nine digits may also pass as an SSN; which rule masks them is the policy's order.
 */
final class RoutingNumberFinder implements Finder {

    @Override
    public void find(byte[] text, int from, int to, Sink sink) {
        int i = from;
        while (i < to) {
            if (!Ascii.digit(text[i]) || !Ascii.startBoundary(text, from, i)) {
                i++;
                continue;
            }
            int runEnd = Ascii.digitsEnd(text, i, to);
            if (runEnd - i == 9 && Ascii.endBoundary(text, runEnd, to) && Checksums.abaRouting(text, i)) {
                sink.add(i, runEnd);
            }
            i = runEnd;
        }
    }
}
