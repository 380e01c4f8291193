package org.mosipmigrate.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Adobe S3Mock 4.8.0 (a Spring Boot jar, about 180 MB of memory) started once per test JVM on first use, with a small
 * heap, and ended by a shutdown hook. One test holds it at a time ({@link #lease()}); a lease starts and ends with an
 * empty server (every upload aborted, object and bucket deleted through S3Mock's own API, which needs no signature).
 */
final class SharedS3Mock {
    private static ChildS3Server server;
    private static Path root;
    private static boolean leased;

    private SharedS3Mock() {
    }

    static synchronized int lease() throws Exception {
        if (leased) {
            throw new IllegalStateException("S3Mock runs once per test JVM and plays one server at a time: close the other S3Server of flavor S3MOCK first");
        }
        if (server == null) {
            root = Files.createTempDirectory("s3mock");
            server = ChildS3Server.start("S3Mock", ChildS3Server.jar("s3mock"),
                    List.of("-Xmx128m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError"),
                    port -> List.of("--server.port=0", "--com.adobe.testing.s3mock.httpPort=" + port, "--com.adobe.testing.s3mock.store.root=" + root,
                            "--com.adobe.testing.s3mock.store.retainFilesOnExit=false", "--spring.main.banner-mode=off",
                            "--logging.level.root=WARN"), root);
            Path r = root;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    org.mosipmigrate.core.set.PrivateFiles.deleteTree(r);
                } catch (IOException ignored) {
                    // a temporary directory
                }
            }, "s3mock-root-delete"));
        }
        empty(server.port());
        leased = true;
        return server.port();
    }

    static synchronized Path root() {
        return root;
    }

    static synchronized void release() throws IOException {
        try {
            if (holdsMoreThan(server.port(), 300)) {
                // S3Mock deletes one object at a time, slowly: a fresh process is quicker after a test that wrote many
                server.close();
                server = null;
                org.mosipmigrate.core.set.PrivateFiles.deleteTree(root);
            } else {
                empty(server.port());
            }
        } finally {
            leased = false;
        }
    }

    private static boolean holdsMoreThan(int port, int objects) throws IOException {
        String base = "http://127.0.0.1:" + port + "/";
        int n = 0;
        for (String bucket : texts(get(base), "Name")) {
            n += texts(get(base + bucket + "?list-type=2&max-keys=" + (objects + 1)), "Key").size();
            if (n > objects) {
                return true;
            }
        }
        return false;
    }

    /** Aborts every upload, deletes every object and bucket. */
    private static void empty(int port) throws IOException {
        String base = "http://127.0.0.1:" + port + "/";
        for (String bucket : texts(get(base), "Name")) {
            String b = base + bucket;
            Document uploads = get(b + "?uploads");
            NodeList ups = uploads.getElementsByTagName("Upload");
            for (int i = 0; i < ups.getLength(); i++) {
                Element u = (Element) ups.item(i);
                delete(b + "/" + path(text(u, "Key")) + "?uploadId=" + URLEncoder.encode(text(u, "UploadId"), StandardCharsets.UTF_8));
            }
            List<String> keys;
            do {
                keys = texts(get(b + "?list-type=2&max-keys=1000"), "Key");
                java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(8);
                List<String> page = keys;
                try {
                    pool.submit(() -> page.parallelStream().forEach(k -> {
                        try {
                            delete(b + "/" + path(k));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })).get();
                } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                    throw new IOException("S3Mock: emptying bucket " + bucket + " failed: " + e, e);
                } finally {
                    pool.shutdown();
                }
            } while (!keys.isEmpty());
            delete(b);
        }
    }

    private static String path(String key) {
        StringBuilder sb = new StringBuilder();
        for (byte c : key.getBytes(StandardCharsets.UTF_8)) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c & 0xff));
            }
        }
        return sb.toString();
    }

    private static Document get(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        try (InputStream in = c.getInputStream()) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(false);
            return f.newDocumentBuilder().parse(in);
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("S3Mock answered " + url + " with no XML: " + e, e);
        } finally {
            c.disconnect();
        }
    }

    private static void delete(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestMethod("DELETE");
        int status = c.getResponseCode();
        c.disconnect();
        if (status >= 300 && status != 404) {
            throw new IOException("S3Mock: DELETE " + url + " answered HTTP " + status);
        }
    }

    private static List<String> texts(Document d, String tag) {
        List<String> out = new ArrayList<>();
        NodeList n = d.getElementsByTagName(tag);
        for (int i = 0; i < n.getLength(); i++) {
            out.add(n.item(i).getTextContent());
        }
        return out;
    }

    private static String text(Element e, String tag) {
        return e.getElementsByTagName(tag).item(0).getTextContent();
    }
}
