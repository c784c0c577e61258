package dev.gatehouse.recording;

import java.util.List;

/** One page of a longer list: {@code page} is 0-based, {@code total} counts every match. */
public record ResultPage<T>(List<T> items, int page, int size, long total) {

    public ResultPage {
        items = List.copyOf(items);
    }
}
