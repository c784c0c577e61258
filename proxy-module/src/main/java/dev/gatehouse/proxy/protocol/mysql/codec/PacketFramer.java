package dev.gatehouse.proxy.protocol.mysql.codec;

import dev.gatehouse.proxy.protocol.mysql.message.MySqlProtocolViolation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Cuts MySQL messages out of a byte stream: packets of a 3-byte little-endian length, a sequence
 * id and the payload; a payload of exactly 0xFFFFFF bytes continues in the next packet. Headers are
 * checked as they arrive, before any body is waited for: a sequence id other than the expected one,
 * or a message growing past the limit, is a violation at once, so a peer announcing 16 MiB cannot
 * make the gateway buffer it first.
 */
final class PacketFramer {

    static final int HEADER = 4;
    static final int MAX_PAYLOAD = 0xFFFFFF;

    /** A whole message: its packets (a retained slice of the input) and its payload, to be released after parsing. */
    record Frame(ByteBuf raw, ByteBuf payload, int nextSequence, boolean copied) {
        /** The payload of a message of several packets is a copy: released once parsed. */
        void releasePayloadCopy() {
            if (copied) {
                payload.release();
            }
        }
    }

    /** A violation found in the headers. */
    static final class Violation extends Exception {
        private static final long serialVersionUID = 1L;
        final transient MySqlProtocolViolation violation;

        Violation(MySqlProtocolViolation violation) {
            super(violation.message(), null, false, false);
            this.violation = violation;
        }
    }

    private PacketFramer() {
    }

    /**
     * The next whole message, or null when more bytes are needed (nothing is consumed then).
     *
     * @param sequence the sequence id the first packet must carry; -1 accepts any
     * @param limit    the largest payload accepted for one message
     */
    static Frame next(ByteBuf in, int sequence, long limit) throws Violation {
        int start = in.readerIndex();
        int position = start;
        long total = 0;
        int expected = sequence;
        int packets = 0;
        while (true) {
            if (in.writerIndex() - position < HEADER) {
                return null;
            }
            int length = in.getUnsignedMediumLE(position);
            int id = in.getUnsignedByte(position + 3);
            if (expected >= 0 && id != expected) {
                throw new Violation(new MySqlProtocolViolation("packet out of order: sequence id " + id + " where " + expected
                        + " was expected", MySqlProtocolViolation.PACKETS_OUT_OF_ORDER, "08S01"));
            }
            total += length;
            if (total > limit) {
                throw new Violation(new MySqlProtocolViolation("a message of more than " + limit + " bytes",
                        MySqlProtocolViolation.PACKET_TOO_LARGE, "08S01"));
            }
            if (in.writerIndex() - position - HEADER < length) {
                return null; // truncated: ByteToMessageDecoder calls again with more bytes
            }
            position += HEADER + length;
            packets++;
            expected = (id + 1) & 0xFF;
            if (length < MAX_PAYLOAD) {
                break;
            }
        }
        ByteBuf raw = in.readRetainedSlice(position - start);
        ByteBuf payload;
        if (packets == 1) {
            payload = raw.slice(HEADER, raw.readableBytes() - HEADER);
        } else {
            payload = Unpooled.buffer((int) total);
            int at = 0;
            for (int k = 0; k < packets; k++) {
                int length = raw.getUnsignedMediumLE(at);
                payload.writeBytes(raw, at + HEADER, length);
                at += HEADER + length;
            }
        }
        return new Frame(raw, payload, expected, packets > 1);
    }
}
