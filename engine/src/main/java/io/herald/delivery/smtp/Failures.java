package io.herald.delivery.smtp;

import io.herald.delivery.smtp.ReplyClassifier.Stage;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Reads a Jakarta Mail failure: if any exception in the chain carries the server's reply code
 * (rejected sender, rejected recipient, rejected content), the {@link ReplyClassifier} decides;
 * otherwise the connection failed (refused, reset, timed out, dropped) and the message is deferred.
 */
final class Failures {
  private static final int MAX_CHAIN = 16;

  private Failures() {}

  static Attempt classify(MessagingException e, ReplyClassifier classifier) {
    Throwable t = e;
    for (int depth = 0; t != null && depth < MAX_CHAIN; depth++, t = t.getCause()) {
      Attempt a =
          switch (t) {
            case SMTPAddressFailedException r when r.getReturnCode() > 0 ->
                reply(classifier, Stage.RCPT, r.getReturnCode(), r.getMessage());
            case SMTPSenderFailedException r when r.getReturnCode() > 0 ->
                reply(classifier, Stage.MAIL, r.getReturnCode(), r.getMessage());
            case SMTPSendFailedException r when r.getReturnCode() > 0 ->
                reply(classifier, stageOf(r.getCommand()), r.getReturnCode(), r.getMessage());
            default -> null;
          };
      if (a != null) {
        return a;
      }
    }
    return Attempt.connectionFailure(describe(e));
  }

  /**
   * A failure while connecting: the greeting or EHLO may have carried a reply (a 421 "too many
   * connections" is a throttle), otherwise the server was not reachable.
   */
  static Attempt onConnect(
      MessagingException e, int lastCode, String lastResponse, ReplyClassifier classifier) {
    if (lastCode == 421) {
      return new Attempt(
          classifier.classify(Stage.MAIL, lastCode, lastResponse), Attempt.Kind.REPLY);
    }
    return Attempt.connectionFailure(describe(e));
  }

  private static Attempt reply(ReplyClassifier classifier, Stage stage, int code, String text) {
    return Attempt.reply(classifier.classify(stage, code, text));
  }

  private static Stage stageOf(String command) {
    String c = command == null ? "" : command.toUpperCase(Locale.ROOT);
    if (c.startsWith("MAIL")) {
      return Stage.MAIL;
    }
    return c.startsWith("RCPT") ? Stage.RCPT : Stage.DATA;
  }

  /**
   * A short reason naming the root cause: "timed out", "connection refused", "connection reset".
   */
  static String describe(Throwable e) {
    Throwable root = e;
    for (int i = 0; root.getCause() != null && i < MAX_CHAIN; i++) {
      root = root.getCause();
    }
    String what =
        switch (root) {
          case SocketTimeoutException s -> "timed out";
          case ConnectException c -> "connection refused";
          default -> root.getClass().getSimpleName();
        };
    String detail = root.getMessage() == null ? "" : ": " + root.getMessage();
    return "connection failed (" + what + ")" + detail;
  }
}
