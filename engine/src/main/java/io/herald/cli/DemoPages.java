package io.herald.cli;

import java.net.URI;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The demo's last word on the pages: their address, and Demo Company's owner and a staff
 * administrator, each with the one-time link on which they choose a password and are signed in (the
 * same {@code herald user add} an operator runs).
 */
final class DemoPages {
  private final HeraldCli cli;
  private final BiFunction<Map<String, String>, String[], String> capture;

  DemoPages(HeraldCli cli, BiFunction<Map<String, String>, String[], String> capture) {
    this.cli = cli;
    this.capture = capture;
  }

  void print(URI herald, Map<String, String> admin, HeraldClient company) throws Exception {
    String account = company.get("api/account").path("id").asText();
    cli.out().println("== the pages: " + herald.resolve("/app") + " (Ukrainian or English)");
    String owner =
        capture.apply(
            admin,
            new String[] {
              "user", "add", "owner@demo-company.example", "--role", "owner", "--account", account
            });
    cli.out().println("   Demo Company's owner signs in by choosing a password at " + last(owner));
    String staff =
        capture.apply(
            admin, new String[] {"user", "add", "admin@herald.example", "--role", "admin"});
    cli.out().println("   a staff administrator, at " + last(staff));
  }

  private static String last(String text) {
    String[] lines = text.split("\n");
    return lines[lines.length - 1].strip();
  }
}
