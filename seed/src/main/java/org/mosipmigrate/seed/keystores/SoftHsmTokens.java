package org.mosipmigrate.seed.keystores;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;

/**
 * Makes SoftHSM token directories and PKCS12 files with real keys, without a secret on any command line:
 * softhsm2-util gets its PINs typed at its prompts through a pseudo-terminal (util-linux {@code script}), keytool
 * reads the store password from an environment variable ({@code -storepass:env}), and keys go into a token through
 * {@link TokenKeyImport} in a child JVM (libsofthsm2 reads SOFTHSM2_CONF once per process) that reads the PIN and the
 * password on stdin.
 */
public final class SoftHsmTokens {
    private SoftHsmTokens() {
    }

    /** A softhsm2.conf beside {@code tokenDir} that points at it. */
    public static Path conf(Path tokenDir) throws IOException {
        Files.createDirectories(tokenDir);
        Path conf = tokenDir.resolveSibling(tokenDir.getFileName() + "-softhsm2.conf");
        Files.writeString(conf, "directories.tokendir = " + tokenDir + "\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
        return conf;
    }

    /** softhsm2-util --init-token --free, answering its four PIN prompts through a pty. */
    public static void initToken(Path tokenDir, String label, String soPin, String userPin) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", "softhsm2-util --init-token --free --label " + label, "/dev/null").redirectErrorStream(true);
        pb.environment().put("SOFTHSM2_CONF", conf(tokenDir).toString());
        Process p = pb.start();
        List<String> answers = new ArrayList<>(List.of(soPin, soPin, userPin, userPin));
        StringBuilder seen = new StringBuilder();
        try (InputStream in = p.getInputStream(); OutputStream out = p.getOutputStream()) {
            int c;
            while ((c = in.read()) >= 0) {
                seen.append((char) c);
                if (seen.toString().endsWith("PIN: ") && !answers.isEmpty()) {
                    out.write((answers.remove(0) + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !seen.toString().contains("has been initialized")) {
            throw new MigrateException(ErrorCode.EXTERNAL_TOOL, "softhsm2-util --init-token failed for " + tokenDir + ": "
                    + seen.toString().replace(soPin, "<so-pin>").replace(userPin, "<pin>").strip(), "install softhsm2 and util-linux (script)");
        }
    }

    /** keytool -genkeypair into a PKCS12 file; the store password comes from the environment. extra: e.g. -startdate, -validity. */
    public static void genKeyPair(Path p12, String password, String alias, String alg, List<String> extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", alias,
                "-dname", "CN=" + alias + ",O=MOSIP test", "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass:env", "MM_KT_PW"));
        if (alg.equals("EC")) {
            cmd.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1"));
        } else {
            cmd.addAll(List.of("-keyalg", "RSA", "-keysize", "2048"));
        }
        cmd.addAll(extra.isEmpty() ? List.of("-validity", "730") : extra);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("MM_KT_PW", password);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new MigrateException(ErrorCode.EXTERNAL_TOOL, "keytool -genkeypair failed for " + p12 + ": " + out.strip(), null);
        }
    }

    /** Imports every key entry of a PKCS12 file into the token at {@code slotIndex} of tokenDir, in a child JVM. */
    public static void importKeys(Path tokenDir, Path library, String pin, Path p12, String p12Password, int slotIndex)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-cp",
                System.getProperty("java.class.path"), TokenKeyImport.class.getName(), library.toString(), p12.toString(), Integer.toString(slotIndex))
                .redirectErrorStream(true);
        pb.environment().keySet().retainAll(java.util.Set.of("PATH", "LANG", "LC_ALL", "TMPDIR", "HOME"));
        pb.environment().put("SOFTHSM2_CONF", conf(tokenDir).toString());
        Process p = pb.start();
        try (OutputStream o = p.getOutputStream()) {
            o.write((pin + "\n" + p12Password + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new MigrateException(ErrorCode.EXTERNAL_TOOL, "importing keys into the token at " + tokenDir + " failed: " + out.strip(), null);
        }
    }
}
