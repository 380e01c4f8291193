package org.mosipmigrate.cli;

import java.nio.file.Path;
import java.util.List;
import org.mosipmigrate.seed.keystores.SoftHsmTokens;

/** Real SoftHSM token directories and PKCS12 files for tests, made the way seed-v2 makes them ({@link SoftHsmTokens}). */
final class SoftHsmFixture {
    static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");

    private SoftHsmFixture() {
    }

    static void initToken(Path tokenDir, String label, String soPin, String userPin) throws Exception {
        SoftHsmTokens.initToken(tokenDir, label, soPin, userPin);
    }

    /** extra: e.g. -startdate -2y -validity 30 (default validity 730 days). */
    static void genKeyPair(Path p12, String password, String alias, String alg, String... extra) throws Exception {
        SoftHsmTokens.genKeyPair(p12, password, alias, alg, List.of(extra));
    }

    /** Imports every key entry of a PKCS12 file into the (only initialized) token of tokenDir. */
    static void importKeys(Path tokenDir, String pin, Path p12, String p12Password) throws Exception {
        SoftHsmTokens.importKeys(tokenDir, LIBRARY, pin, p12, p12Password, 0);
    }

    /** Runs {@link TokenTool} operations (key pairs without certificates, AES keys, deleting an object) on the token of tokenDir. */
    static void tokenTool(Path tokenDir, String pin, String... ops) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-cp",
                System.getProperty("java.class.path"), TokenTool.class.getName(), LIBRARY.toString()));
        cmd.addAll(List.of(ops));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SOFTHSM2_CONF", SoftHsmTokens.conf(tokenDir).toString());
        Process p = pb.start();
        try (var o = p.getOutputStream()) {
            o.write((pin + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0 || !out.contains("done")) {
            throw new IllegalStateException("TokenTool " + List.of(ops) + " on " + tokenDir + " failed:\n" + out);
        }
    }
}
