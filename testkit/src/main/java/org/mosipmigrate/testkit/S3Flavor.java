package org.mosipmigrate.testkit;

/**
 * The S3 server implementations the tests run against, each started by {@link S3Server}: three independent code
 * bases and ages, so that an object test passing on all of them does not depend on one server's quirks.
 */
public enum S3Flavor {
    /** S3Proxy 4.1.0 in-process (filesystem-nio2 backend); the default of every test. */
    S3PROXY("S3Proxy 4.1.0", true),
    /**
     * S3Proxy 2.6.0 as a child JVM (jclouds filesystem backend): an older server. It refuses the AWS SDK's streaming
     * and x-amz-checksum-* headers (NotImplemented), lists keys in UTF-16 order with directory entries at the end, and
     * cannot hold a key that is also a "directory" of another key ("a" beside "a/b").
     */
    S3PROXY_OLD("S3Proxy 2.6.0", true),
    /**
     * Adobe S3Mock 4.8.0 (Spring Boot) as one child JVM per test JVM, emptied between tests. It checks neither
     * signatures nor credentials.
     */
    S3MOCK("S3Mock 4.8.0", false);

    private final String label;
    private final boolean checksCredentials;

    S3Flavor(String label, boolean checksCredentials) {
        this.label = label;
        this.checksCredentials = checksCredentials;
    }

    public String label() {
        return label;
    }

    /** False for a server that accepts any key pair (tests of wrong credentials do not apply). */
    public boolean checksCredentials() {
        return checksCredentials;
    }

    @Override
    public String toString() {
        return label;
    }
}
