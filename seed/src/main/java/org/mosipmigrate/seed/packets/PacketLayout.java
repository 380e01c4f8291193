package org.mosipmigrate.seed.packets;

import java.util.Locale;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;

/**
 * The two ways MOSIP's S3 adapter stores packets (object-store facts): one bucket per registration id (the
 * default, {@code object.store.s3.use.account.as.bucketname=false}), or one bucket per account whose keys start
 * with the registration id.
 */
public enum PacketLayout {
    BUCKET_PER_RID("bucket-per-rid"), ACCOUNT_BUCKET("account-bucket");

    private final String label;

    PacketLayout(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static PacketLayout parse(String s) {
        for (PacketLayout l : values()) {
            if (l.label.equals(s.trim().toLowerCase(Locale.ROOT))) {
                return l;
            }
        }
        throw new MigrateException(ErrorCode.USAGE, "--layout " + s + ": unknown layout", "write bucket-per-rid or account-bucket");
    }
}
