package org.mosipmigrate.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.HttpURLConnection;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every S3 flavor starts on its own loopback port, answers S3 requests, and is gone (or emptied) after close. */
class S3ServersTest {
    static int status(String url, String method) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(2000);
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }

    @ParameterizedTest
    @EnumSource(S3Flavor.class)
    void startsAnswersAndStops(S3Flavor flavor) throws Exception {
        String endpoint;
        try (S3Server s = S3Server.start(flavor)) {
            endpoint = s.endpoint();
            assertEquals(flavor, s.flavor());
            int anonymous = status(endpoint + "/", "GET");
            // an unsigned request: refused where signatures are checked, answered by S3Mock
            assertEquals(flavor.checksCredentials() ? 403 : 200, anonymous, flavor + " at " + endpoint);
        }
        if (flavor != S3Flavor.S3MOCK) {
            assertThrows(java.io.IOException.class, () -> status(endpoint + "/", "GET"), "the server is stopped on close");
        }
    }

    @Test
    void s3MockIsEmptiedBetweenLeasesAndHeldByOneServerAtATime() throws Exception {
        try (S3Server s = S3Server.start(S3Flavor.S3MOCK)) {
            assertEquals(200, status(s.endpoint() + "/left-over", "PUT"));
            HttpURLConnection put = (HttpURLConnection) URI.create(s.endpoint() + "/left-over/a%20key+%C3%A9").toURL().openConnection();
            put.setRequestMethod("PUT");
            put.setDoOutput(true);
            put.getOutputStream().write(new byte[] {1, 2, 3});
            assertEquals(200, put.getResponseCode());
            assertThrows(IllegalStateException.class, () -> S3Server.start(S3Flavor.S3MOCK));
        }
        try (S3Server s = S3Server.start(S3Flavor.S3MOCK)) {
            assertEquals(404, status(s.endpoint() + "/left-over", "HEAD"), "the next lease starts empty");
            assertFalse(s.flavor().checksCredentials());
            assertTrue(s.dir() != null);
        }
    }
}
