package org.mosipmigrate.seed.keystores;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.Collections;

/**
 * Child-process side of {@link SoftHsmTokens#importKeys}: args = PKCS#11 library, PKCS12 file, slot list index;
 * stdin = the token's user PIN, then the PKCS12 password (never argv). Puts every key entry of the file into the token.
 */
public final class TokenKeyImport {
    private TokenKeyImport() {
    }

    public static void main(String[] args) throws Exception {
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        char[] pin = in.readLine().toCharArray();
        char[] pw = in.readLine().toCharArray();
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
        System.out.println("imported " + Collections.list(token.aliases()).size() + " entries");
    }
}
