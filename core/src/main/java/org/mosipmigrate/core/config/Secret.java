package org.mosipmigrate.core.config;

import java.util.Arrays;

/** A credential that never prints itself. Only the adapter opening a connection calls {@link #reveal()}. */
public final class Secret {
    private final char[] value;

    private Secret(char[] value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null ? null : new Secret(value.toCharArray());
    }

    public String reveal() {
        return new String(value);
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    @Override
    public String toString() {
        return "****";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && Arrays.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }
}
