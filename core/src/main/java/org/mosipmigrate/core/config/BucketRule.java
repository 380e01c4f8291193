package org.mosipmigrate.core.config;

/** One {@code bucketMapping} rule as written: {@code from} (glob or regex) and {@code to} (template). */
public record BucketRule(String from, String to) {
}
