package org.mosipmigrate.core.error;

/**
 * An error that was classified where it happened (at a store adapter) as one that may succeed when simply
 * tried again. {@link org.mosipmigrate.core.run.Transient} honours the classification.
 */
public interface Retryable {
    boolean retryable();
}
