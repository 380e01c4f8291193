package org.mosipmigrate.schema;

import java.util.Map;

/**
 * Inputs of the data-dependent steps, from the config ({@code upgrade.*} keys) or the command line.
 *
 * @param primaryLanguageCode master B1 keeps only rows of this language (3 letters, e.g. eng); required when master B1 is pending
 * @param shareDomainFrom     pms: partner policies' shareDomain value to replace (default datashare-service)
 * @param shareDomainTo       ... and its V3 value (default datashare.datashare); empty = leave policies unchanged
 * @param newRolePasswordEnv  environment variable holding the password of app roles the upgrade creates (hotlistuser,
 *                            residentuser, ...); absent = such roles are created NOLOGIN and the operator sets a password
 * @param env                 the process environment (tests pass their own)
 */
public record UpgradeSettings(String primaryLanguageCode, String shareDomainFrom, String shareDomainTo, String newRolePasswordEnv,
                              Map<String, String> env) {
    public UpgradeSettings {
        env = env == null ? Map.of() : Map.copyOf(env);
        shareDomainFrom = shareDomainFrom == null ? "datashare-service" : shareDomainFrom;
        shareDomainTo = shareDomainTo == null ? "datashare.datashare" : shareDomainTo;
    }

    public static UpgradeSettings defaults(String primaryLanguageCode) {
        return new UpgradeSettings(primaryLanguageCode, null, null, null, Map.of());
    }

    /** Flyway placeholders (their values never change a migration's checksum). */
    Map<String, String> placeholders() {
        return Map.of("primaryLanguageCode", primaryLanguageCode == null ? "" : primaryLanguageCode,
                "shareDomainFrom", shareDomainFrom, "shareDomainTo", shareDomainTo);
    }

    /** Password for new roles, or null. */
    String newRolePassword() {
        if (newRolePasswordEnv == null) {
            return null;
        }
        String v = env.get(newRolePasswordEnv);
        return v == null || v.isEmpty() ? null : v;
    }
}
