package org.mosipmigrate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real SoftHSM token directories and PKCS12 files for tests. Secrets never go on a command line: softhsm2-util
 * gets its PINs typed at its prompts through a pseudo-terminal (util-linux `script`), keytool reads the store
 * password from an environment variable (-storepass:env), and keys are put into a token by {@link #main} in
 * a child JVM (libsofthsm2 reads SOFTHSM2_CONF once per process) that reads the PIN and password on stdin.
 */
final class SoftHsmFixture {
    static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");

    private SoftHsmFixture() {
    }

    static Path conf(Path tokenDir) throws IOException {
        Files.createDirectories(tokenDir);
        Path conf = tokenDir.resolveSibling(tokenDir.getFileName() + "-softhsm2.conf");
        Files.writeString(conf, "directories.tokendir = " + tokenDir + "\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
        return conf;
    }

    /** softhsm2-util --init-token --free, answering its four PIN prompts through a pty. */
    static void initToken(Path tokenDir, String label, String soPin, String userPin) throws Exception {
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
            throw new IllegalStateException("softhsm2-util --init-token failed: " + seen.toString().replace(soPin, "<so-pin>").replace(userPin, "<pin>"));
        }
    }

    /** keytool -genkeypair into a PKCS12 file; the store password comes from the environment. extra: e.g. -startdate -2y -validity 30. */
    static void genKeyPair(Path p12, String password, String alias, String alg, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", alias,
                "-dname", "CN=" + alias + ",O=MOSIP test", "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass:env", "MM_KT_PW"));
        if (alg.equals("EC")) {
            cmd.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1"));
        } else {
            cmd.addAll(List.of("-keyalg", "RSA", "-keysize", "2048"));
        }
        if (extra.length == 0) {
            cmd.addAll(List.of("-validity", "730"));
        }
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("MM_KT_PW", password);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
    }

    /** Imports every key entry of a PKCS12 file into the (only initialized) token of tokenDir, in a child JVM. */
    static void importKeys(Path tokenDir, String pin, Path p12, String p12Password) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                SoftHsmFixture.class.getName(), LIBRARY.toString(), p12.toString()).redirectErrorStream(true);
        pb.environment().put("SOFTHSM2_CONF", conf(tokenDir).toString());
        Process p = pb.start();
        try (OutputStream o = p.getOutputStream()) {
            o.write((pin + "\n" + p12Password + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("key import failed: " + out);
        }
    }

    /** Child side of importKeys: args = library, p12 file, optional slot list index; stdin = PIN, p12 password. */
    public static void main(String[] args) throws Exception {
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
        char[] pin = in.readLine().toCharArray();
        char[] pw = in.readLine().toCharArray();
        // the last initialized token (the one just created) when a directory holds several
        String slot = args.length > 2 ? args[2] : "0";
        Provider p = Security.getProvider("SunPKCS11").configure("--name=seed\nlibrary=" + args[0] + "\nslotListIndex=" + slot + "\n");
        KeyStore token = KeyStore.getInstance("PKCS11", p);
        token.load(null, pin);
        KeyStore src = KeyStore.getInstance("PKCS12");
        try (InputStream f = Files.newInputStream(Path.of(args[1]))) {
            src.load(f, pw);
        }
        for (String alias : Collections.list(src.aliases())) {
            token.setKeyEntry(alias, src.getKey(alias, pw), null, src.getCertificateChain(alias));
        }
        System.out.println("imported " + Collections.list(token.aliases()));
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
