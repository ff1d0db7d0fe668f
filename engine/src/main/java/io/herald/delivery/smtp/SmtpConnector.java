package io.herald.delivery.smtp;

import io.herald.delivery.smtp.SmtpSettings.Route;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.util.MailSSLSocketFactory;

/**
 * Opens SMTP sessions for a route: sets every Jakarta Mail timeout (connect, each reply, each write
 * through a shared timer, and the longer one after the content), the EHLO name, TLS as the route
 * asks, and logs in when the smarthost has credentials. Tries the servers in order and returns the
 * first session that is ready for {@code MAIL FROM}.
 */
final class SmtpConnector {
  private final SmtpSettings settings;
  private final ScheduledExecutorService timer;
  private final IoDeadlines deadlines;
  private final ReplyClassifier classifier;
  private final Clock clock;
  private final SSLSocketFactory trustingSsl;

  SmtpConnector(
      SmtpSettings settings,
      ScheduledExecutorService timer,
      ReplyClassifier classifier,
      Clock clock) {
    this.settings = settings;
    this.timer = timer;
    this.deadlines = new IoDeadlines(timer);
    this.classifier = classifier;
    this.clock = clock;
    this.trustingSsl = trustingFactory();
  }

  /** The result of opening: a ready session, or why none could be had. */
  sealed interface Opening {
    record Opened(SmtpConnection connection) implements Opening {}

    record Failed(Attempt attempt) implements Opening {}
  }

  Opening open(List<HostPort> servers) {
    Opening last = new Opening.Failed(Attempt.connectionFailure("no servers to try"));
    for (HostPort server : servers) {
      last = openOne(server);
      if (last instanceof Opening.Opened || isThrottle(last)) {
        return last;
      }
    }
    return last;
  }

  private static boolean isThrottle(Opening o) {
    return o instanceof Opening.Failed f && f.attempt().kind() == Attempt.Kind.REPLY;
  }

  private Opening openOne(HostPort server) {
    CapturingSocketFactory sockets = new CapturingSocketFactory();
    Session session = Session.getInstance(properties(server, sockets));
    Optional<SmtpSettings.Credentials> login =
        settings.route() instanceof Route.Smarthost s ? s.credentials() : Optional.empty();
    String user = login.map(SmtpSettings.Credentials::username).orElse(null);
    PooledSmtpTransport transport =
        new PooledSmtpTransport(
            session,
            new URLName("smtp", server.host(), server.port(), null, user, null),
            sockets,
            millis(settings.timeouts().reply()),
            millis(settings.timeouts().data()));
    try {
      transport.connect(
          server.host(),
          server.port(),
          user,
          login.map(SmtpSettings.Credentials::password).orElse(null));
      return new Opening.Opened(
          new SmtpConnection(
              session, transport, classifier, pipelined(transport, sockets), clock.instant()));
    } catch (MessagingException | RuntimeException e) {
      int code = transport.getLastReturnCode();
      String response = transport.getLastServerResponse();
      closeQuietly(transport);
      MessagingException me =
          e instanceof MessagingException m ? m : new MessagingException(e.toString(), e);
      return new Opening.Failed(Failures.onConnect(me, code, response, classifier));
    }
  }

  /**
   * The pipelined transaction when the server offers it and the captured socket carries the session
   * as is: not after STARTTLS, where TLS is layered over it inside Jakarta Mail.
   */
  private Optional<PipelinedSession> pipelined(
      PooledSmtpTransport transport, CapturingSocketFactory sockets) {
    boolean startTls =
        switch (settings.route()) {
          case Route.Smarthost s -> s.tls() == TlsMode.STARTTLS;
          case Route.DirectMx mx -> mx.opportunisticTls();
        };
    java.net.Socket socket = sockets.get();
    if (startTls || socket == null || !transport.supportsExtension("PIPELINING")) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new PipelinedSession(
              socket,
              deadlines,
              millis(settings.timeouts().reply()),
              millis(settings.timeouts().data())));
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  private Properties properties(HostPort server, CapturingSocketFactory sockets) {
    SmtpSettings.Timeouts t = settings.timeouts();
    Properties p = new Properties();
    p.put("mail.smtp.host", server.host());
    p.put("mail.smtp.port", Integer.toString(server.port()));
    p.put("mail.smtp.connectiontimeout", Integer.toString(millis(t.connect())));
    p.put("mail.smtp.timeout", Integer.toString(millis(t.reply())));
    p.put("mail.smtp.writetimeout", Integer.toString(millis(t.data())));
    p.put("mail.smtp.executor.writetimeout", timer);
    p.put("mail.smtp.localhost", settings.heloName());
    p.put("mail.smtp.quitwait", "false");
    // Commands in UTF-8, for SMTPUTF8 addresses; PooledSmtpTransport asks for SMTPUTF8 per message.
    p.put("mail.mime.allowutf8", "true");
    p.put("mail.smtp.socketFactory.fallback", "false");
    switch (settings.route()) {
      case Route.Smarthost s -> smarthostTls(p, s, sockets);
      case Route.DirectMx mx -> {
        p.put("mail.smtp.socketFactory", sockets.plain());
        if (mx.opportunisticTls()) {
          p.put("mail.smtp.starttls.enable", "true");
          p.put("mail.smtp.ssl.trust", "*");
        }
      }
    }
    return p;
  }

  private void smarthostTls(Properties p, Route.Smarthost s, CapturingSocketFactory sockets) {
    if (s.credentials().isPresent()) {
      p.put("mail.smtp.auth", "true");
    }
    if (s.trustAnyCertificate()) {
      p.put("mail.smtp.ssl.trust", "*");
    } else {
      p.put("mail.smtp.ssl.checkserveridentity", "true");
    }
    switch (s.tls()) {
      case NONE -> p.put("mail.smtp.socketFactory", sockets.plain());
      case STARTTLS -> {
        p.put("mail.smtp.socketFactory", sockets.plain());
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
      }
      case TLS -> {
        p.put("mail.smtp.ssl.enable", "true");
        p.put(
            "mail.smtp.ssl.socketFactory",
            sockets.tls(s.trustAnyCertificate() ? trustingSsl : defaultSsl()));
      }
    }
  }

  private static SSLSocketFactory defaultSsl() {
    return (SSLSocketFactory) SSLSocketFactory.getDefault();
  }

  private static SSLSocketFactory trustingFactory() {
    try {
      MailSSLSocketFactory f = new MailSSLSocketFactory();
      f.setTrustAllHosts(true);
      return f;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS available", e);
    }
  }

  private static void closeQuietly(PooledSmtpTransport transport) {
    try {
      transport.close();
    } catch (MessagingException | RuntimeException e) {
      // Never connected, or already gone.
    }
  }

  static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
  }
}
