package io.herald.channel.email;

/**
 * Names Jakarta Mail's stream provider once per JVM. Jakarta Mail 2.1 asks {@code
 * StreamProvider.provider()} for it in every {@code MimeBodyPart}, {@code MimeMultipart} and {@code
 * MimeMessage} it creates, and without the system property that is a {@link
 * java.util.ServiceLoader} scan of every jar on the class path: 15% of the CPU of composing a
 * campaign message (JFR, {@code bench/run campaign}). With the property set it is one cached {@code
 * Class.forName}. A value set by the operator is left alone.
 */
final class MailStreams {
  static final String PROPERTY = "jakarta.mail.util.StreamProvider";
  static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

  private MailStreams() {}

  static void nameTheProvider() {
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, ANGUS);
    }
  }
}
