package dev.gatehouse.workflow;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who has decided on one request so far. Stored as a plain string process variable (one user
 * per line) because the engine keeps Java serialization switched off, and a string is readable
 * in Camunda's history as it is.
 */
public record Deciders(Set<String> users) {

    public Deciders {
        users = Set.copyOf(users);
    }

    public static Deciders parse(String stored) {
        if (stored == null || stored.isEmpty()) {
            return new Deciders(Set.of());
        }
        return new Deciders(new LinkedHashSet<>(Arrays.asList(stored.split("\n"))));
    }

    public boolean contains(String user) {
        return users.contains(user);
    }

    public String with(String user) {
        if (user.contains("\n")) {
            throw new IllegalArgumentException("a user id cannot contain a line break");
        }
        Set<String> more = new LinkedHashSet<>(users);
        more.add(user);
        return more.stream().sorted().collect(Collectors.joining("\n"));
    }
}
