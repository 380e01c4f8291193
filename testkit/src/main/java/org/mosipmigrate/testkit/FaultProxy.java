package org.mosipmigrate.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a loopback port in front of a real server (e.g. {@link S3Server}) that breaks connections
 * the way networks do: every N-th connection is reset (RST) after K bytes have passed in either direction,
 * mid-request or mid-response. {@link #failRequestsContaining} resets, at once and every time, each
 * connection whose client bytes contain a marker (a permanent failure for one object or file);
 * {@link #passThrough()} turns all faults off.
 */
public final class FaultProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int upstreamPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();
    private volatile int cutEvery;
    private volatile long cutAfterBytes;
    private volatile byte[] marker;
    private volatile int slowDownEvery;
    private volatile int stallEvery;
    private volatile long stallMillis;
    private final AtomicInteger slowDowns = new AtomicInteger();
    private final AtomicInteger stalls = new AtomicInteger();

    private FaultProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "fault-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    /** A proxy forwarding to {@code 127.0.0.1:upstreamPort}, passing everything through until told otherwise. */
    public static FaultProxy start(int upstreamPort) throws IOException {
        return new FaultProxy(upstreamPort);
    }

    /** Every {@code n}-th connection from now on is reset once {@code afterBytes} bytes have passed through it. */
    public FaultProxy cutEvery(int n, long afterBytes) {
        this.cutAfterBytes = afterBytes;
        this.cutEvery = n;
        return this;
    }

    /** Every connection whose request bytes contain {@code text} (ASCII, as it appears on the wire) is reset. */
    public FaultProxy failRequestsContaining(String text) {
        this.marker = text.getBytes(StandardCharsets.US_ASCII);
        return this;
    }

    /**
     * Every {@code n}-th connection from now on answers its first request itself with S3's "503 SlowDown" (the request is
     * read, never forwarded) and is closed, as a busy S3/MinIO does.
     */
    public FaultProxy slowDownEvery(int n) {
        this.slowDownEvery = n;
        return this;
    }

    /** Every {@code n}-th connection from now on waits {@code millis} before anything passes (a stalled server). */
    public FaultProxy stallEvery(int n, long millis) {
        this.stallMillis = millis;
        this.stallEvery = n;
        return this;
    }

    /** No more faults. */
    public FaultProxy passThrough() {
        this.cutEvery = 0;
        this.marker = null;
        this.slowDownEvery = 0;
        this.stallEvery = 0;
        return this;
    }

    /** Requests answered with 503 SlowDown so far. */
    public int slowDowns() {
        return slowDowns.get();
    }

    /** Connections stalled so far. */
    public int stalls() {
        return stalls.get();
    }

    public int port() {
        return server.getLocalPort();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Connections reset so far. */
    public int cuts() {
        return cuts.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            int n = connections.incrementAndGet();
            int every = cutEvery;
            long budget = every > 0 && n % every == 0 ? cutAfterBytes : Long.MAX_VALUE;
            int slow = slowDownEvery;
            if (slow > 0 && n % slow == 0) {
                Thread t = new Thread(() -> answerSlowDown(client), "fault-proxy-503");
                t.setDaemon(true);
                t.start();
                continue;
            }
            int stall = stallEvery;
            if (stall > 0 && n % stall == 0) {
                long wait = stallMillis;
                Thread t = new Thread(() -> {
                    stalls.incrementAndGet();
                    try {
                        Thread.sleep(wait);
                        connect(client, Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        reset(client);
                    }
                }, "fault-proxy-stall");
                t.setDaemon(true);
                t.start();
                continue;
            }
            connect(client, budget);
        }
    }

    /** Reads the request head (and a body up to its Content-Length), answers 503 SlowDown and closes. */
    private void answerSlowDown(Socket client) {
        try {
            java.io.InputStream in = client.getInputStream();
            StringBuilder head = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0) {
                head.append((char) b);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    break;
                }
            }
            slowDowns.incrementAndGet();
            String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>";
            String resp = "HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: " + body.length()
                    + "\r\nRetry-After: 1\r\nConnection: close\r\n\r\n" + body;
            client.getOutputStream().write(resp.getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            client.shutdownOutput();
            Thread.sleep(50); // let the client read the answer before the socket goes
        } catch (IOException | InterruptedException e) {
            // the client went away first: still a failed request for it
        } finally {
            quietClose(client);
        }
    }

    private void connect(Socket client, long budget) {
        try {
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
            Link link = new Link(client, upstream, budget);
            open.add(client);
            open.add(upstream);
            pump(link, client, upstream, true);
            pump(link, upstream, client, false);
        } catch (IOException e) {
            reset(client);
        }
    }

    /** One proxied connection: both sockets and the bytes that passed, shared by its two directions. */
    private final class Link {
        final Socket client;
        final Socket upstream;
        final long budget;
        final AtomicLong passed = new AtomicLong();
        final AtomicInteger ended = new AtomicInteger();

        Link(Socket client, Socket upstream, long budget) {
            this.client = client;
            this.upstream = upstream;
            this.budget = budget;
        }

        void cut() {
            cuts.incrementAndGet();
            close();
        }

        void close() {
            reset(client);
            reset(upstream);
        }

        /** One direction reached its end; once both have, the sockets are closed normally. */
        void ended() {
            if (ended.incrementAndGet() == 2) {
                quietClose(client);
                quietClose(upstream);
            }
        }
    }

    private void pump(Link link, Socket from, Socket to, boolean request) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            byte[] tail = new byte[0];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf)) >= 0) {
                    byte[] m = marker;
                    if (request && m != null) {
                        byte[] window = new byte[tail.length + n];
                        System.arraycopy(tail, 0, window, 0, tail.length);
                        System.arraycopy(buf, 0, window, tail.length, n);
                        if (indexOf(window, m) >= 0) {
                            link.cut();
                            return;
                        }
                        tail = java.util.Arrays.copyOfRange(window, Math.max(0, window.length - m.length + 1), window.length);
                    }
                    long before = link.passed.getAndAdd(n);
                    if (before + n > link.budget) {
                        int allowed = (int) Math.max(0, link.budget - before);
                        out.write(buf, 0, allowed);
                        out.flush();
                        link.cut();
                        return;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
                to.shutdownOutput();
                link.ended();
            } catch (IOException e) {
                link.close();
            }
        }, "fault-proxy-" + (request ? "up" : "down"));
        t.setDaemon(true);
        t.start();
    }

    private static int indexOf(byte[] data, byte[] m) {
        outer:
        for (int i = 0; i + m.length <= data.length; i++) {
            for (int j = 0; j < m.length; j++) {
                if (data[i + j] != m[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void reset(Socket s) {
        try {
            s.setSoLinger(true, 0); // close with RST, as a failing network or middlebox does
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
        open.remove(s);
    }

    private void quietClose(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
        open.remove(s);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            reset(s);
        }
    }
}
