package io.herald.relay.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The {@code Received:} trace header every SMTP server must put at the top of a message it takes
 * (RFC 5321 section 4.4), with the protocol name of RFC 3848 (ESMTP, ESMTPS, ESMTPSA, ...). The
 * time comes from the injected clock.
 */
final class TraceHeader {

  private final String serverName;
  private final Clock clock;

  TraceHeader(String serverName, Clock clock) {
    this.serverName = serverName;
    this.clock = clock;
  }

  /** The header, folded, ending in CRLF. Everything in it was checked to be safe ASCII. */
  String received(SessionContext session) {
    InetAddress address = session.connection().remote().getAddress();
    String literal =
        address instanceof Inet6Address
            ? "IPv6:" + address.getHostAddress()
            : address.getHostAddress();
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(clock));
    return "Received: from "
        + session.snapshot().heloName()
        + " (["
        + literal
        + "])\r\n\tby "
        + serverName
        + " (Herald) with "
        + session.protocolName()
        + " id "
        + session.connection().id()
        + ";\r\n\t"
        + date
        + "\r\n";
  }
}
