package io.herald.message;

import io.herald.account.AccountId;
import io.herald.channel.sms.EncodedSms;
import io.herald.channel.sms.SenderId;
import io.herald.channel.sms.SenderIdRefused;
import io.herald.channel.sms.SmsGateway;
import io.herald.channel.sms.SmsPreview;
import io.herald.channel.sms.SmsSubmission;
import io.herald.channel.sms.SmsTextRefused;
import io.herald.channel.sms.SubmitOutcome;
import io.herald.importers.InvalidAddressException;
import io.herald.importers.PhoneNumber;
import io.herald.message.MessageRefused.Reason;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The SMS side of transactional messages: checks what a client sends (phones normalised to E.164
 * with libphonenumber as imports do, the sender ID, the text and its length in parts), previews a
 * text, and submits one recipient's copy through the {@link SmsGateway}, always asking for a
 * delivery receipt. A transactional SMS goes out as written, with no opt-out line: it is not
 * marketing (R3 applies to campaigns), though a number the account suppressed still gets nothing.
 * The encoder and the sender ID parser are injected so that the composition root decides them (GSM
 * 03.38 / UCS-2 encoding with concatenation; the sender ID rules).
 */
public final class TransactionalSms {
  /** The most parts a transactional SMS may have; a longer text is refused. */
  public static final int MAX_PARTS = 10;

  // A text longer than this cannot fit in MAX_PARTS parts in any encoding (one char is at least
  // one unit, and a part holds at most 153), so it is refused before it is encoded.
  private static final int MAX_CHARS = MAX_PARTS * EncodedSms.Alphabet.GSM7.perPart();

  /** One recipient's copy of a transactional SMS: whom it went to and from whom. */
  public record Copy(
      AccountId account, MessageId message, int recipient, String phone, String sender) {}

  /**
   * Told of every copy the SMSC accepted, with its parts' SMSC ids, before the copy is recorded
   * {@code submitted}, so that its receipts find it (the SMS feedback's receipt store) even when
   * they arrive before that. A failure here is thrown: the copy stays unfinished and is tried again
   * (a possible duplicate, never a copy whose receipts are lost).
   */
  @FunctionalInterface
  public interface Submissions {
    /** Remembers nothing (receipts are then not applied). */
    Submissions NONE = (copy, messageIds) -> {};

    void accepted(Copy copy, List<String> messageIds);
  }

  private final SmsGateway gateway;
  private final Function<String, EncodedSms> encoder;
  private final Function<String, SenderId> senders;
  private final Submissions submissions;

  /**
   * @param encoder encodes a text and splits it into parts; throws {@link IllegalArgumentException}
   *     for a text it cannot encode
   * @param senders parses a sender ID; throws {@link IllegalArgumentException} for one that is not
   *     valid ({@link #senderRule} until the channel's own parser is wired)
   * @param submissions told of each accepted copy before it is recorded
   */
  public TransactionalSms(
      SmsGateway gateway,
      Function<String, EncodedSms> encoder,
      Function<String, SenderId> senders,
      Submissions submissions) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.senders = Objects.requireNonNull(senders, "senders");
    this.submissions = Objects.requireNonNull(submissions, "submissions");
  }

  /**
   * A sender ID by {@link SenderId#parse}'s rules, its refusal as an {@link
   * IllegalArgumentException} (what the {@code senders} function throws).
   */
  public static SenderId senderRule(String value) {
    try {
      return SenderId.parse(value == null ? "" : value);
    } catch (SenderIdRefused e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The recipients in E.164, without duplicates, or a refusal naming the entry of {@code to}. */
  List<String> recipients(List<String> values, int max) throws MessageRefused {
    if (values.isEmpty()) {
      throw new MessageRefused(Reason.INVALID_ADDRESS, "\"to\" needs at least one phone number");
    }
    if (values.size() > max) {
      throw new MessageRefused(Reason.TOO_LARGE, "at most " + max + " recipients per message");
    }
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < values.size(); i++) {
      try {
        // No default region: a transactional number is written internationally, with its +.
        out.add(PhoneNumber.parse(values.get(i), "ZZ").e164());
      } catch (InvalidAddressException e) {
        throw new MessageRefused(
            Reason.INVALID_ADDRESS,
            "\"to[" + i + "]\" is not a phone number in E.164 form: " + e.getMessage());
      }
    }
    return new ArrayList<>(out);
  }

  /** The sender ID, or a refusal naming {@code from}. */
  SenderId sender(String value) throws MessageRefused {
    try {
      return senders.apply(value);
    } catch (IllegalArgumentException e) {
      throw new MessageRefused(Reason.INVALID_ADDRESS, "\"from\": " + e.getMessage());
    }
  }

  /** The text encoded, when it is not blank and fits in {@link #MAX_PARTS} parts. */
  EncodedSms encode(String text) throws MessageRefused {
    if (text == null || text.isBlank()) {
      throw new MessageRefused(Reason.INVALID_MESSAGE, "\"text\" is required");
    }
    if (text.indexOf('\0') >= 0) {
      throw new MessageRefused(Reason.INVALID_MESSAGE, "\"text\" contains a NUL character");
    }
    if (text.length() > MAX_CHARS) {
      throw new MessageRefused(
          Reason.TOO_LARGE, "\"text\" is longer than " + MAX_PARTS + " SMS parts");
    }
    EncodedSms encoded;
    try {
      encoded = encoder.apply(text);
    } catch (IllegalArgumentException e) {
      throw new MessageRefused(
          Reason.INVALID_MESSAGE, "\"text\" cannot be sent as SMS: " + e.getMessage());
    }
    if (encoded.parts().size() > MAX_PARTS) {
      throw new MessageRefused(
          Reason.TOO_LARGE,
          "\"text\" is " + encoded.parts().size() + " SMS parts long; at most " + MAX_PARTS);
    }
    return encoded;
  }

  /** How {@code text} would go out: encoding, characters, units and parts. */
  public SmsPreview preview(String text) throws MessageRefused {
    encode(text); // refused as a send would be
    try {
      return SmsPreview.of(text);
    } catch (SmsTextRefused e) {
      throw new MessageRefused(Reason.TOO_LARGE, e.getMessage());
    }
  }

  /** What is stored of an accepted SMS: the sender ID as parsed and the text, once checked. */
  StoredMessage.Sms content(String from, String text) throws MessageRefused {
    SenderId sender = sender(from);
    encode(text);
    return new StoredMessage.Sms(sender.value(), text);
  }

  /**
   * Submits one recipient's copy, asking for a delivery receipt; an accepted copy is handed to the
   * {@link Submissions} before this returns.
   *
   * @throws MessageRefused when the stored copy can no longer be encoded or its sender parsed (a
   *     rule changed since it was accepted): it fails, nothing is sent
   */
  SubmitOutcome submit(Copy copy, StoredMessage.Sms sms) throws MessageRefused {
    SubmitOutcome outcome =
        gateway.submit(
            new SmsSubmission(sender(sms.sender()), copy.phone(), encode(sms.text()), true));
    if (outcome instanceof SubmitOutcome.Accepted accepted) {
      submissions.accepted(copy, accepted.messageIds());
    }
    return outcome;
  }
}
