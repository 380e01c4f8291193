package org.mosipmigrate.cli.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.mosipmigrate.core.run.ProgressEvent;

/** The terminal renderer keeps text lines whole and ends each phase with its final bar (rate, count). */
class TerminalProgressTest {
    @Test
    void barsAndLinesShareTheScreen() throws Exception {
        StringWriter screen = new StringWriter();
        TerminalProgress p = new TerminalProgress(new PrintWriter(screen, true));
        p.event(ProgressEvent.phaseStart("backup", "mosip_idrepo", 4L, "chunk"));
        for (int i = 0; i < 4; i++) {
            p.event(ProgressEvent.chunk("backup", "mosip_idrepo", "idrepo.uin", "c" + i, 10, 100));
            Thread.sleep(150);
            if (i == 1) {
                p.info("database mosip_idrepo: halfway");
            }
        }
        Thread.sleep(600); // one refresh of the bar
        p.event(ProgressEvent.phaseEnd("backup", "mosip_idrepo", 4, 40L, 400L, 0.6));
        String out = screen.toString();
        assertTrue(out.contains("\r\033[K"), "the status line is cleared before a text line");
        assertTrue(out.matches("(?s).*\\[ *\\d+\\.\\ds\\] database mosip_idrepo: halfway\n.*"), "the text line is printed whole");
        assertTrue(out.endsWith("\n"), "the finished phase leaves its bar as a line of its own");
        String last = out.substring(out.lastIndexOf("\r\033[K") + 4);
        assertTrue(last.contains("backup mosip_idrepo") && last.contains("100%") && last.contains("4/4") && last.indexOf("100%") == last.lastIndexOf("100%"),
                "final bar line, once: " + last);
    }
}
