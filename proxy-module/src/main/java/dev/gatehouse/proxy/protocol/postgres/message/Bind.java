package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Bind ('B'). Parameter values are copies; a {@code null} element is SQL NULL (length -1 on the
 * wire), which is why the list is not a {@code List.copyOf} (that rejects nulls).
 */
public record Bind(ByteBuf raw, String portal, String statement, List<Short> parameterFormats,
        List<byte[]> parameterValues, List<Short> resultFormats) implements FramedMessage, FrontendMessage {

    public static final char TYPE = 'B';

    public Bind {
        parameterFormats = List.copyOf(parameterFormats);
        parameterValues = Collections.unmodifiableList(new ArrayList<>(parameterValues));
        resultFormats = List.copyOf(resultFormats);
    }

    @Override
    public String toString() {
        // Values may hold sensitive data and byte[] prints uselessly anyway: show only the count.
        return "Bind[portal=" + portal + ", statement=" + statement + ", parameterFormats=" + parameterFormats
                + ", parameters=" + parameterValues.size() + ", resultFormats=" + resultFormats + "]";
    }
}
