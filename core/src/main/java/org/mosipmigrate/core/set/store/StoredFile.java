package org.mosipmigrate.core.set.store;

/** One complete file of a backup set: its path relative to the set ({@code /}-separated) and its size. */
public record StoredFile(String path, long size) {
}
