package dev.gatehouse.proxy.protocol.postgres.results;

import dev.gatehouse.proxy.masking.MaskingTally;
import dev.gatehouse.proxy.masking.MessageTextMasking;
import dev.gatehouse.proxy.masking.UnmaskableValueException;
import dev.gatehouse.proxy.protocol.postgres.codec.PostgresMessages;
import dev.gatehouse.proxy.protocol.postgres.message.CopyData;
import dev.gatehouse.proxy.protocol.postgres.message.ErrorResponse;
import dev.gatehouse.proxy.protocol.postgres.message.FramedMessage;
import dev.gatehouse.proxy.protocol.postgres.message.NoticeResponse;
import dev.gatehouse.proxy.protocol.postgres.message.NotificationResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Masks the messages that carry values as text: errors, notices, notifications and COPY TO STDOUT
 * data. Each method returns the message to forward (the original, untouched, when nothing was
 * found; it then keeps its buffer), or null when it cannot be masked: the original is released
 * and {@link #lastFailure()} says why, without the value.
 *
 * <p>COPY text and CSV rows are scanned as whole lines: masked values never contain the
 * delimiters, quotes or escapes of either format, so the line keeps its shape.
 */
public final class TextMessageMasker {

    private final MessageTextMasking texts;
    private String lastFailure;

    /** @param texts null when the session's rules could not be loaded: nothing can be masked */
    public TextMessageMasker(MessageTextMasking texts) {
        this.texts = texts;
    }

    public String lastFailure() {
        return lastFailure;
    }

    public FramedMessage error(ErrorResponse error, MaskingTally tally, ByteBufAllocator alloc) {
        Map<Character, String> masked = fields(error.fields(), "(error)", tally, error);
        if (masked == null) {
            return lastFailure == null ? error : null;
        }
        return new ErrorResponse(PostgresMessages.noticeResponse(alloc, ErrorResponse.TYPE, masked), masked);
    }

    public FramedMessage notice(NoticeResponse notice, MaskingTally tally, ByteBufAllocator alloc) {
        Map<Character, String> masked = fields(notice.fields(), "(notice)", tally, notice);
        if (masked == null) {
            return lastFailure == null ? notice : null;
        }
        return new NoticeResponse(PostgresMessages.noticeResponse(alloc, NoticeResponse.TYPE, masked), masked);
    }

    public FramedMessage notification(NotificationResponse notification, MaskingTally tally, ByteBufAllocator alloc) {
        lastFailure = null;
        try {
            String payload = texts == null ? null : texts.text(notification.payload(), "(notification)", tally);
            if (texts == null) {
                throw new UnmaskableValueException("the masking rules for this session could not be loaded");
            }
            if (payload == null) {
                return notification;
            }
            notification.release();
            return new NotificationResponse(PostgresMessages.notificationResponse(alloc, notification.processId(),
                    notification.channel(), payload), notification.processId(), notification.channel(), payload);
        } catch (UnmaskableValueException | RuntimeException e) {
            return failed(notification, e);
        }
    }

    public FramedMessage copyData(CopyData data, MaskingTally tally, ByteBufAllocator alloc) {
        lastFailure = null;
        try {
            if (texts == null) {
                throw new UnmaskableValueException("the masking rules for this session could not be loaded");
            }
            String line = data.data().toString(StandardCharsets.UTF_8);
            String masked = texts.text(line, "(copy)", tally);
            if (masked == null) {
                return data;
            }
            data.release();
            byte[] utf8 = masked.getBytes(StandardCharsets.UTF_8);
            ByteBuf out = alloc.buffer(5 + utf8.length);
            out.writeByte(CopyData.TYPE).writeInt(4 + utf8.length).writeBytes(utf8);
            return new CopyData(out);
        } catch (UnmaskableValueException | RuntimeException e) {
            return failed(data, e);
        }
    }

    /** Null when nothing changed or it failed (then {@link #lastFailure} is set and the message released). */
    private Map<Character, String> fields(Map<Character, String> fields, String label, MaskingTally tally, FramedMessage message) {
        lastFailure = null;
        try {
            if (texts == null) {
                throw new UnmaskableValueException("the masking rules for this session could not be loaded");
            }
            Map<Character, String> masked = texts.fields(fields, label, tally);
            if (masked != null) {
                message.release();
            }
            return masked;
        } catch (UnmaskableValueException | RuntimeException e) {
            failed(message, e);
            return null;
        }
    }

    private FramedMessage failed(FramedMessage message, Exception e) {
        message.release();
        lastFailure = e instanceof UnmaskableValueException ? e.getMessage() : "a value could not be masked ("
                + e.getClass().getSimpleName() + ")";
        return null;
    }

}
