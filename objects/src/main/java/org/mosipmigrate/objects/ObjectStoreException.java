package org.mosipmigrate.objects;

import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;

/** A failure of one object-store call, classified once at the adapter: retryable (network, 5xx) or not. */
public final class ObjectStoreException extends MigrateException implements org.mosipmigrate.core.error.Retryable {
    private final boolean retryable;

    public ObjectStoreException(ErrorCode code, boolean retryable, String message, String hint, Throwable cause) {
        super(code, message, hint, cause);
        this.retryable = retryable;
    }

    @Override
    public boolean retryable() {
        return retryable;
    }
}
