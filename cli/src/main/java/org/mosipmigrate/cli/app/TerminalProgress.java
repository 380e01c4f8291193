package org.mosipmigrate.cli.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.core.run.ProgressEvent;

/**
 * Progress on an interactive terminal: the same text lines as the console, plus one status line at the bottom with a
 * bar, rate and ETA per running phase (progressbar renders them; this class owns the screen, so text lines and the
 * status line never overwrite each other). Used only when stderr is a terminal ({@link #detectTerminal()}).
 */
public final class TerminalProgress implements Progress {
    private static volatile boolean stderrIsTerminal;

    private final PrintWriter err;
    private final Instant start = Instant.now();
    private final Map<String, ProgressBar> bars = new LinkedHashMap<>();
    private final Map<String, String> rendered = new LinkedHashMap<>();
    private final int width;

    public TerminalProgress(PrintWriter err) {
        this.err = err;
        int cols = 100;
        try {
            cols = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100"));
        } catch (NumberFormatException e) {
            // keep the default width
        }
        this.width = Math.max(40, cols - 1);
    }

    /** Called once by the CLI's main: only the real process's stderr can be a terminal (tests pass their own writers). */
    public static void detectTerminal() {
        boolean tty;
        try {
            String fd2 = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            tty = fd2.startsWith("/dev/pts/") || fd2.startsWith("/dev/tty");
        } catch (Exception e) {
            tty = System.console() != null; // no /proc: stdin and stdout are a terminal, stderr most likely too
        }
        stderrIsTerminal = tty && !"dumb".equals(System.getenv("TERM"));
    }

    public static boolean stderrIsTerminal() {
        return stderrIsTerminal;
    }

    @Override
    public void info(String message) {
        synchronized (err) {
            clearStatus();
            err.printf("[%6.1fs] %s%n", Duration.between(start, Instant.now()).toMillis() / 1000.0, message);
            drawStatus();
        }
    }

    @Override
    public void event(ProgressEvent e) {
        String key = e.phaseKey();
        ProgressBar finished = null;
        synchronized (err) {
            if (ProgressEvent.PHASE_START.equals(e.event())) {
                finished = bars.remove(key);
                rendered.remove(key);
                bars.put(key, new ProgressBarBuilder().setTaskName(key).setInitialMax(e.total() == null ? -1 : e.total())
                        .setStyle(ProgressBarStyle.ASCII).setUnit(" " + (e.unit() == null ? "" : e.unit() + "s"), 1).showSpeed()
                        .setUpdateIntervalMillis(500).setConsumer(new StatusConsumer(key)).build());
            } else if (ProgressEvent.PHASE_END.equals(e.event())) {
                finished = bars.get(key);
                if (finished != null) {
                    finished.stepTo(Math.max(finished.getCurrent(), finished.getMax()));
                    finished.refresh(); // renders synchronously into the status line
                    bars.remove(key);
                    clearStatus();
                    String last = rendered.remove(key);
                    if (last != null) {
                        err.println(last.strip());
                    }
                    drawStatus();
                }
            } else {
                ProgressBar bar = bars.get(key);
                if (bar != null) {
                    bar.step();
                }
            }
        }
        if (finished != null) {
            finished.close(); // outside the lock: close() waits for the bar's refresh task, which takes the lock
        }
    }

    private void clearStatus() {
        if (!rendered.isEmpty()) {
            err.print("\r\033[K");
        }
    }

    private void drawStatus() {
        if (!rendered.isEmpty()) {
            String line = String.join(" | ", rendered.values());
            err.print(line.length() > width ? line.substring(0, width) : line);
        }
        err.flush();
    }

    /** Receives each bar's rendering (from progressbar's refresh thread) and redraws the status line. */
    private final class StatusConsumer implements ProgressBarConsumer {
        private final String key;

        StatusConsumer(String key) {
            this.key = key;
        }

        @Override
        public int getMaxRenderedLength() {
            return Math.min(width, 110);
        }

        @Override
        public void accept(String line) {
            synchronized (err) {
                if (!bars.containsKey(key)) {
                    return;
                }
                clearStatus();
                rendered.put(key, line);
                drawStatus();
            }
        }

        @Override
        public void close() {
            // the phase-end event prints the final line
        }
    }
}
