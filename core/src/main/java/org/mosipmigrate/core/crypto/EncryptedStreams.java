package org.mosipmigrate.core.crypto;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Streaming authenticated encryption (AES-256-GCM in 64 KiB records) so memory stays flat for files
 * of any size. Layout: magic "MMENC1", key id (8 bytes), salt (16 bytes); then records of
 * [u32 length][ciphertext + 16-byte tag]. Each file has its own key (HKDF of the backup key and the
 * salt), nonces are the record index, and every record authenticates the header, its index and a
 * final flag: reordering, truncation, a flipped byte or a wrong key all fail authentication.
 */
public final class EncryptedStreams {
    static final byte[] MAGIC = "MMENC1".getBytes(StandardCharsets.US_ASCII);
    static final int RECORD = 64 * 1024;
    private static final int TAG_BITS = 128;
    private static final int HEADER = MAGIC.length + 8 + 16;

    private EncryptedStreams() {
    }

    /** Thrown for anything that is not an intact file encrypted with this key; the caller adds the file name. */
    public static final class DecryptionException extends IOException {
        DecryptionException(String message) {
            super(message);
        }
    }

    public static OutputStream encrypting(OutputStream out, BackupKey key) throws IOException {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] header = ByteBuffer.allocate(HEADER).put(MAGIC).put(HexFormat.of().parseHex(key.keyId())).put(salt).array();
        out.write(header);
        return new Encrypting(out, new SecretKeySpec(key.derive(salt, "mosip-migrate file v1"), "AES"), header);
    }

    public static InputStream decrypting(InputStream in, BackupKey key) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] header = new byte[HEADER];
        try {
            data.readFully(header);
        } catch (EOFException e) {
            throw new DecryptionException("is too short to be an encrypted file");
        }
        if (!Arrays.equals(Arrays.copyOf(header, MAGIC.length), MAGIC)) {
            throw new DecryptionException("is not encrypted by mosip-migrate (bad magic)");
        }
        String fileKeyId = HexFormat.of().formatHex(header, MAGIC.length, MAGIC.length + 8);
        if (!fileKeyId.equals(key.keyId())) {
            throw new DecryptionException("was encrypted with key " + fileKeyId + " but the configured key is " + key.keyId());
        }
        byte[] salt = Arrays.copyOfRange(header, MAGIC.length + 8, HEADER);
        return new Decrypting(data, new SecretKeySpec(key.derive(salt, "mosip-migrate file v1"), "AES"), header);
    }

    static byte[] aad(byte[] header, long index, boolean last) {
        return ByteBuffer.allocate(header.length + 9).put(header).putLong(index).put((byte) (last ? 1 : 0)).array();
    }

    static GCMParameterSpec nonce(long index) {
        return new GCMParameterSpec(TAG_BITS, ByteBuffer.allocate(12).putInt(0).putLong(index).array());
    }

    private static final class Encrypting extends OutputStream {
        private final OutputStream out;
        private final SecretKeySpec fileKey;
        private final byte[] header;
        private final byte[] buf = new byte[RECORD];
        private int filled;
        private long index;
        private boolean closed;

        Encrypting(OutputStream out, SecretKeySpec fileKey, byte[] header) {
            this.out = out;
            this.fileKey = fileKey;
            this.header = header;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (filled == RECORD) {
                    // a full record is only sealed once more data arrives, so the last one can carry the final flag
                    seal(false);
                }
                int n = Math.min(len, RECORD - filled);
                System.arraycopy(b, off, buf, filled, n);
                filled += n;
                off += n;
                len -= n;
            }
        }

        private void seal(boolean last) throws IOException {
            try {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.ENCRYPT_MODE, fileKey, nonce(index));
                c.updateAAD(aad(header, index, last));
                byte[] sealed = c.doFinal(buf, 0, filled);
                out.write(ByteBuffer.allocate(4).putInt(sealed.length).array());
                out.write(sealed);
                index++;
                filled = 0;
            } catch (GeneralSecurityException e) {
                throw new IOException("AES-GCM encryption failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                seal(true);
                out.close();
            }
        }
    }

    private static final class Decrypting extends InputStream {
        private final DataInputStream in;
        private final SecretKeySpec fileKey;
        private final byte[] header;
        private byte[] plain = new byte[0];
        private int pos;
        private long index;
        private boolean sawLast;

        Decrypting(DataInputStream in, SecretKeySpec fileKey, byte[] header) {
            this.in = in;
            this.fileKey = fileKey;
            this.header = header;
        }

        private boolean next() throws IOException {
            if (sawLast) {
                if (in.read() >= 0) {
                    throw new DecryptionException("has data after its final record (appended or spliced)");
                }
                return false;
            }
            int len;
            try {
                len = in.readInt();
            } catch (EOFException e) {
                throw new DecryptionException("is truncated (its final record is missing)");
            }
            if (len < 16 || len > RECORD + 16) {
                throw new DecryptionException("has a damaged record length at record " + index);
            }
            byte[] sealed = new byte[len];
            try {
                in.readFully(sealed);
            } catch (EOFException e) {
                throw new DecryptionException("is truncated inside record " + index);
            }
            plain = open(sealed, false);
            if (plain == null) {
                plain = open(sealed, true);
                if (plain == null) {
                    throw new DecryptionException("failed authentication at record " + index + " (a modified byte, or a wrong key)");
                }
                sawLast = true;
            }
            pos = 0;
            index++;
            return true;
        }

        private byte[] open(byte[] sealed, boolean last) throws IOException {
            try {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.DECRYPT_MODE, fileKey, nonce(index));
                c.updateAAD(aad(header, index, last));
                return c.doFinal(sealed);
            } catch (AEADBadTagException e) {
                return null;
            } catch (GeneralSecurityException e) {
                throw new IOException("AES-GCM decryption failed: " + e.getMessage(), e);
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (pos == plain.length) {
                if (!next()) {
                    return -1;
                }
            }
            int n = Math.min(len, plain.length - pos);
            System.arraycopy(plain, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
