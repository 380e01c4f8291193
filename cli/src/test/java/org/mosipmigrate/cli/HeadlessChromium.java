package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium (package {@code chromium}, installed by scripts/setup-machine) renders a page to a PNG
 * or prints its DOM. Tests that need it are skipped, with the reason, when the binary is missing.
 */
final class HeadlessChromium {
    private final Path binary;
    private final Path work;

    private HeadlessChromium(Path binary, Path work) {
        this.binary = binary;
        this.work = work;
    }

    /** Skips the calling test (JUnit assumption) when no chromium binary is installed. */
    static HeadlessChromium require(Path work) {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return new HeadlessChromium(Path.of(candidate), work);
            }
        }
        Assumptions.abort("chromium is not installed (Debian package 'chromium'; scripts/setup-machine installs it): the HTML report"
                + " cannot be rendered here, so the rendering check is skipped");
        return null;
    }

    BufferedImage screenshot(Path html, int width, int height) throws Exception {
        Path png = work.resolve("shot-" + System.nanoTime() + ".png");
        run("--window-size=" + width + "," + height, "--hide-scrollbars", "--screenshot=" + png, html.toUri().toString());
        assertTrue(Files.size(png) > 0, "chromium wrote an empty screenshot");
        byte[] magic = Arrays8.head(png);
        assertEquals(0x89, magic[0] & 0xff, "PNG signature");
        assertEquals("PNG", new String(magic, 1, 3, StandardCharsets.US_ASCII), "PNG signature");
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img != null && img.getWidth() == width && img.getHeight() == height, "a decodable PNG of the window size");
        return img;
    }

    String dumpDom(Path html) throws Exception {
        return run("--dump-dom", html.toUri().toString());
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--user-data-dir=" + work.resolve("profile-" + System.nanoTime())));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(work.resolve("chromium.log").toFile());
        pb.environment().put("HOME", work.toString());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium did not finish in 90 s");
        assertEquals(0, p.exitValue(), () -> "chromium failed: " + readLog());
        return new String(out, StandardCharsets.UTF_8);
    }

    private String readLog() {
        try {
            return Files.readString(work.resolve("chromium.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Distinct colours in a region: a blank page has one. */
    static int distinctColours(BufferedImage img, int x0, int y0, int x1, int y1) {
        Set<Integer> seen = new HashSet<>();
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                seen.add(img.getRGB(x, y) & 0xffffff);
            }
        }
        return seen.size();
    }

    /** Share (0..1) of the pixels in a region whose colour is within {@code tolerance} per channel of {@code hex} (#rrggbb). */
    static double shareOf(BufferedImage img, String hex, int x0, int y0, int x1, int y1, int tolerance) {
        int want = Integer.parseInt(hex.substring(1), 16);
        long hits = 0;
        long all = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int c = img.getRGB(x, y);
                boolean near = Math.abs(((c >> 16) & 0xff) - ((want >> 16) & 0xff)) <= tolerance
                        && Math.abs(((c >> 8) & 0xff) - ((want >> 8) & 0xff)) <= tolerance
                        && Math.abs((c & 0xff) - (want & 0xff)) <= tolerance;
                hits += near ? 1 : 0;
                all++;
            }
        }
        return (double) hits / all;
    }

    private static final class Arrays8 {
        static byte[] head(Path f) throws IOException {
            try (var in = Files.newInputStream(f)) {
                return in.readNBytes(8);
            }
        }
    }
}
