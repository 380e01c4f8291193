package org.mosipmigrate.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EncryptedStreamsTest {
    private final BackupKey key = BackupKey.generate();

    private byte[] encrypt(byte[] plain, BackupKey k) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = EncryptedStreams.encrypting(sink, k)) {
            out.write(plain);
        }
        return sink.toByteArray();
    }

    private byte[] decrypt(byte[] sealed, BackupKey k) throws IOException {
        return EncryptedStreams.decrypting(new ByteArrayInputStream(sealed), k).readAllBytes();
    }

    @Test
    void roundTripsEmptyExactAndMultiRecordSizes() throws IOException {
        Random r = new Random(3);
        for (int size : new int[] {0, 1, EncryptedStreams.RECORD - 1, EncryptedStreams.RECORD, EncryptedStreams.RECORD + 1, 5 * EncryptedStreams.RECORD + 77}) {
            byte[] plain = new byte[size];
            r.nextBytes(plain);
            byte[] sealed = encrypt(plain, key);
            assertArrayEquals(plain, decrypt(sealed, key), "size " + size);
            assertFalse(size > 16 && indexOf(sealed, Arrays.copyOf(plain, 16)) >= 0, "plaintext must not appear in the output");
        }
    }

    @Test
    void sameContentEncryptsDifferentlyEachTime() throws IOException {
        byte[] plain = new byte[1000];
        assertNotEquals(Arrays.toString(encrypt(plain, key)), Arrays.toString(encrypt(plain, key)));
    }

    @Test
    void everyKindOfDamageIsRefused() throws IOException {
        byte[] plain = new byte[3 * EncryptedStreams.RECORD];
        new Random(5).nextBytes(plain);
        byte[] sealed = encrypt(plain, key);

        byte[] flipped = sealed.clone();
        flipped[sealed.length / 2] ^= 0x01;
        assertTrue(assertThrows(IOException.class, () -> decrypt(flipped, key)).getMessage().contains("failed authentication"));

        byte[] truncatedAtRecord = Arrays.copyOf(sealed, 30 + 2 * (4 + EncryptedStreams.RECORD + 16));
        assertTrue(assertThrows(IOException.class, () -> decrypt(truncatedAtRecord, key)).getMessage().contains("truncated"));

        byte[] truncatedInside = Arrays.copyOf(sealed, sealed.length - 3);
        assertTrue(assertThrows(IOException.class, () -> decrypt(truncatedInside, key)).getMessage().contains("truncated"));

        byte[] appended = Arrays.copyOf(sealed, sealed.length + 1);
        assertTrue(assertThrows(IOException.class, () -> decrypt(appended, key)).getMessage().contains("after its final record"));

        BackupKey other = BackupKey.generate();
        String wrong = assertThrows(IOException.class, () -> decrypt(sealed, other)).getMessage();
        assertTrue(wrong.contains("was encrypted with key " + key.keyId()), wrong);
    }

    @Test
    void keyIdIsStableAndRevealsNothing() {
        byte[] raw = new byte[32];
        raw[0] = 9;
        assertEquals(BackupKey.of(raw).keyId(), BackupKey.of(raw.clone()).keyId());
        assertEquals(16, BackupKey.of(raw).keyId().length());
        assertEquals("BackupKey(" + BackupKey.of(raw).keyId() + ")", BackupKey.of(raw).toString());
    }

    @Test
    void manifestSealDetectsAnyChange() {
        byte[] manifest = "{\"runId\":\"x\",\"rows\":5}".getBytes();
        ManifestSeal.Seal seal = ManifestSeal.seal(manifest, key);
        assertTrue(ManifestSeal.verify(manifest, seal, key));
        byte[] edited = "{\"runId\":\"x\",\"rows\":6}".getBytes();
        assertFalse(ManifestSeal.verify(edited, seal, key));
        assertFalse(ManifestSeal.verify(manifest, seal, BackupKey.generate()));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
