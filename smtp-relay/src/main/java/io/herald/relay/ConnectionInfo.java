package io.herald.relay;

import java.net.InetSocketAddress;

/**
 * Facts about one client connection that hold for its whole life: who connected, to which local
 * address, and an identifier for logs.
 *
 * @param id a short identifier unique within this server's life, for logs and trace headers
 * @param remote the client's address and port
 * @param local the server address and port the client connected to
 */
public record ConnectionInfo(String id, InetSocketAddress remote, InetSocketAddress local) {}
