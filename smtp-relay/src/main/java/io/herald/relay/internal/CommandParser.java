package io.herald.relay.internal;

import io.herald.relay.Reply;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one command line (without its CRLF) into a {@link Command}.
 *
 * <p>Total over all input: any string gives either a command or a {@link SyntaxException} with the
 * reply for the client; nothing else is thrown. Lines holding CR, LF, NUL or other control
 * characters are refused before anything else is looked at, so no command built here can carry them
 * into a header or a log line. 8-bit bytes are allowed only in MAIL and RCPT, and only as valid
 * UTF-8 (SMTPUTF8, RFC 6531: the line arrives as bytes, one char each, and is decoded here).
 */
public final class CommandParser {

  static final Reply BAD_CHARACTERS =
      new Reply(500, "5.5.2", "Syntax error: control or 8-bit characters in command");
  static final Reply UNKNOWN = new Reply(500, "5.5.1", "Command unrecognized");
  static final Reply NEEDS_SMTPUTF8 =
      new Reply(553, "5.6.7", "A non-ASCII address needs MAIL FROM with the SMTPUTF8 parameter");
  private static final Reply BAD_SENDER = new Reply(501, "5.1.7", "Bad sender address syntax");
  private static final Reply BAD_RECIPIENT =
      new Reply(501, "5.1.3", "Bad recipient address syntax");

  private CommandParser() {}

  /** Parses one line; see the class comment for what is refused. */
  public static Command parse(String bytes) throws SyntaxException {
    boolean eightBit = false;
    for (int i = 0; i < bytes.length(); i++) {
      char c = bytes.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
        throw new SyntaxException(BAD_CHARACTERS);
      }
      eightBit |= c > 0x7f;
    }
    String line = eightBit ? utf8(bytes) : bytes;
    int space = line.indexOf(' ');
    String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
    if (eightBit && !verb.equals("MAIL") && !verb.equals("RCPT")) {
      throw new SyntaxException(BAD_CHARACTERS);
    }
    String argument = space < 0 ? "" : line.substring(space + 1);
    return switch (verb) {
      case "EHLO" -> new Command.Ehlo(clientName(argument, "EHLO"));
      case "HELO" -> new Command.Helo(clientName(argument, "HELO"));
      case "MAIL" -> mail(argument);
      case "RCPT" -> rcpt(argument);
      case "DATA" -> noArgument(argument, new Command.Data());
      case "RSET" -> noArgument(argument, new Command.Rset());
      case "QUIT" -> noArgument(argument, new Command.Quit());
      case "STARTTLS" -> noArgument(argument, new Command.StartTls());
      case "NOOP" -> new Command.Noop();
      case "HELP" -> new Command.Help();
      case "VRFY" -> vrfy(argument);
      case "AUTH" -> auth(argument);
      default -> throw new SyntaxException(UNKNOWN);
    };
  }

  /** The line's bytes read as UTF-8; invalid UTF-8 or a control character in it is refused. */
  private static String utf8(String bytes) throws SyntaxException {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.getBytes(StandardCharsets.ISO_8859_1)))
              .toString();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
          throw new SyntaxException(BAD_CHARACTERS);
        }
      }
      return text;
    } catch (CharacterCodingException e) {
      throw new SyntaxException(BAD_CHARACTERS);
    }
  }

  private static String clientName(String argument, String verb) throws SyntaxException {
    String name = argument.strip();
    // The name ends up in the Received header: keep it to host-name and address-literal characters.
    if (name.isEmpty() || name.length() > 255 || !name.matches("[A-Za-z0-9._:\\[\\]-]+")) {
      throw new SyntaxException(501, "5.5.4", "Syntax: " + verb + " hostname");
    }
    return name;
  }

  private static Command mail(String argument) throws SyntaxException {
    String path = afterKeyword(argument, "FROM:", "Syntax: MAIL FROM:<address>");
    PathParser.Parsed parsed = PathParser.parse(path, true, BAD_SENDER);
    if (!parsed.address().ascii() && !parsed.parameters().containsKey("SMTPUTF8")) {
      throw new SyntaxException(NEEDS_SMTPUTF8);
    }
    return new Command.Mail(parsed.address(), Map.copyOf(parsed.parameters()));
  }

  private static Command rcpt(String argument) throws SyntaxException {
    String path = afterKeyword(argument, "TO:", "Syntax: RCPT TO:<address>");
    PathParser.Parsed parsed = PathParser.parse(path, false, BAD_RECIPIENT);
    return new Command.Rcpt(parsed.address(), Map.copyOf(parsed.parameters()));
  }

  /** The text after {@code FROM:} or {@code TO:}, tolerating spaces after the colon. */
  private static String afterKeyword(String argument, String keyword, String usage)
      throws SyntaxException {
    if (!argument.regionMatches(true, 0, keyword, 0, keyword.length())) {
      throw new SyntaxException(501, "5.5.4", usage);
    }
    String rest = argument.substring(keyword.length()).stripLeading();
    if (rest.isEmpty()) {
      throw new SyntaxException(501, "5.5.4", usage);
    }
    return rest;
  }

  private static Command vrfy(String argument) throws SyntaxException {
    if (argument.isBlank()) {
      throw new SyntaxException(501, "5.5.4", "Syntax: VRFY address");
    }
    return new Command.Vrfy();
  }

  private static Command auth(String argument) throws SyntaxException {
    String[] parts = argument.strip().split(" ", -1);
    if (parts[0].isEmpty() || parts.length > 2 || !parts[0].matches("[A-Za-z0-9_-]{1,20}")) {
      throw new SyntaxException(501, "5.5.4", "Syntax: AUTH mechanism [initial-response]");
    }
    Optional<String> initial = parts.length == 2 ? Optional.of(parts[1]) : Optional.empty();
    return new Command.Auth(parts[0].toUpperCase(Locale.ROOT), initial);
  }

  private static Command noArgument(String argument, Command command) throws SyntaxException {
    if (!argument.isBlank()) {
      throw new SyntaxException(501, "5.5.4", "Syntax error: no parameters allowed");
    }
    return command;
  }
}
