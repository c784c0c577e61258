package dev.gatehouse.retention;

import java.time.Instant;

/** For one connection at one moment: data older than each instant is purged. */
public record RetentionCutoffs(Instant payload, Instant recording, Instant audit) {
}
