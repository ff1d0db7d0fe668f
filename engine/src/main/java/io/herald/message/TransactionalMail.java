package io.herald.message;

import io.herald.account.AccountId;
import io.herald.delivery.MessageFactory;
import java.util.Map;
import java.util.Optional;

/**
 * The email side of transactional messages, implemented by the email channel: templates checked and
 * rendered, raw messages inspected, and each recipient's finished copy built (footer, {@code
 * List-Unsubscribe}, signed VERP return path, {@code Feedback-ID}, DKIM).
 */
public interface TransactionalMail {
  /** A template rendered with a message's data. */
  record Rendered(String subject, Optional<String> html, Optional<String> text) {}

  /** What Herald needs to know of a raw message before accepting it. */
  record Inspected(String fromAddress, String subject) {}

  /** Refuses a template that does not compile, naming the part and line. */
  void check(StoredTemplate template) throws MessageRefused;

  Rendered render(StoredTemplate template, Map<String, String> data) throws MessageRefused;

  /** Parses a raw message's header; refuses one without exactly one valid From address. */
  Inspected inspect(byte[] rfc822) throws MessageRefused;

  /** The bytes and envelope of recipient number {@code recipient}'s copy. */
  MessageFactory.Built build(AccountId account, StoredMessage message, int recipient)
      throws MessageFactory.MessageRefused;
}
