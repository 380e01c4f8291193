package org.mosipmigrate.core.config;

/**
 * Inputs of {@code upgrade} (keys {@code upgrade.*}); the command-line options of the same meaning win over them.
 *
 * @param primaryLanguageCode master B1: the V2 install's primary language (3 letters), or null
 * @param shareDomain         pms final: "FROM=TO" rewrite of partner policies' shareDomain, or null for the default
 * @param newRolePasswordEnv  environment variable with the password of app roles the upgrade creates, or null (NOLOGIN)
 */
public record UpgradeConfig(String primaryLanguageCode, String shareDomain, String newRolePasswordEnv) {
    public static final UpgradeConfig NONE = new UpgradeConfig(null, null, null);
}
