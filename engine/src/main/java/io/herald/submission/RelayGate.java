package io.herald.submission;

import io.herald.account.Account;
import io.herald.account.AccountId;
import io.herald.account.AccountStore;
import io.herald.account.Accounts;
import io.herald.account.SenderDomains;
import io.herald.feedback.InboundFeedback;
import io.herald.message.MessageRefused;
import io.herald.message.MessageRequest;
import io.herald.message.Messages;
import io.herald.message.Submitted;
import io.herald.relay.Address;
import io.herald.relay.ConnectionInfo;
import io.herald.relay.Envelope;
import io.herald.relay.MessageBody;
import io.herald.relay.RelayBackend;
import io.herald.relay.Reply;
import io.herald.relay.Session;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Herald's policy behind the SMTP relay (R10): who may send, to whom, and what an accepted message
 * becomes. Never an open relay:
 *
 * <ul>
 *   <li>an account authenticates with its id as the user name and its API key as the password, or
 *       connects from a trusted network configured for one account;
 *   <li>without either, only Herald's own addresses ({@link OwnAddresses}: signed bounce and
 *       unsubscribe addresses, the feedback loop) are accepted, and their mail goes to the DSN and
 *       ARF parsers — nothing is relayed;
 *   <li>{@code %}/{@code !} routing in a recipient is refused for everyone; a recipient the account
 *       suppressed (unsubscribed, bounced, complained) is refused at RCPT with a clear 5.7.1;
 *   <li>a sender not on a verified sending domain of the account (R5) is refused with {@code 550
 *       5.7.1}: the envelope sender at MAIL FROM after AUTH, and the envelope sender (again) and
 *       the From header when a message to anyone but Herald's own addresses is accepted ({@link
 *       Messages#submit} checks both);
 *   <li>a frozen account (R8) is refused at MAIL FROM with {@code 550 5.7.1}, only after it
 *       authenticated, so nobody else learns of the freeze;
 *   <li>each account has a message rate ({@code relay.accountRate}); over it, MAIL FROM gets 451;
 *   <li>a message Herald could not deliver as it must (footer, headers, DKIM: see {@code
 *       docs/relay.md}) is refused after DATA with {@code 554 5.6.0} and the reason, never accepted
 *       and lost later.
 * </ul>
 *
 * An accepted message is stored durably (one Redis script) by {@link Messages#submit} before this
 * returns, and so before the relay answers {@code 250}; it then takes the same delivery path as the
 * HTTP API's messages: footers, List-Unsubscribe, signed VERP, DKIM, suppression, retries.
 */
final class RelayGate implements RelayBackend {
  private static final Logger log = LoggerFactory.getLogger(RelayGate.class);
  private static final Reply RELAY_DENIED =
      new Reply(550, "5.7.1", "Relaying denied: authenticate (AUTH: account id, API key) first");
  private static final Reply ROUTING_REFUSED =
      new Reply(553, "5.7.1", "Source routing and %-addresses are not accepted");
  private static final Reply RATE_EXCEEDED =
      new Reply(
          451, "4.7.1", "This account is sending faster than its relay rate; try again later");

  private final Accounts accounts;
  private final AccountStore accountStore;
  private final Messages messages;
  private final InboundFeedback inbound;
  private final OwnAddresses own;
  private static final Reply FROZEN =
      new Reply(550, "5.7.1", "account frozen: this account may not send; contact support");

  private final AccountRates rates;
  private final Predicate<AccountId> frozen;
  private final Optional<AccountId> trustedAccount;
  private final int maxMessageBytes;
  private final SenderDomains senders;

  RelayGate(
      Accounts accounts,
      AccountStore accountStore,
      Messages messages,
      InboundFeedback inbound,
      OwnAddresses own,
      AccountRates rates,
      Optional<AccountId> trustedAccount,
      int maxMessageBytes,
      Predicate<AccountId> frozen,
      SenderDomains senders) {
    this.frozen = frozen;
    this.senders = senders;
    this.accounts = accounts;
    this.accountStore = accountStore;
    this.messages = messages;
    this.inbound = inbound;
    this.own = own;
    this.rates = rates;
    this.trustedAccount = trustedAccount;
    this.maxMessageBytes = maxMessageBytes;
  }

  @Override
  public Optional<Principal> authenticate(String user, String password, ConnectionInfo connection) {
    Optional<Principal> principal =
        accounts
            .authenticate(password)
            .filter(a -> a.id().value().equalsIgnoreCase(user.strip()))
            .map(RelayPrincipal::new);
    if (principal.isEmpty()) {
      log.info("relay {}: AUTH failed from {}", connection.id(), connection.remote());
    }
    return principal;
  }

  @Override
  public Optional<Principal> trusted(ConnectionInfo connection) {
    return trustedAccount.flatMap(accountStore::find).map(RelayPrincipal::new);
  }

  @Override
  public Reply mailFrom(Session session, Address sender, Map<String, String> parameters) {
    Optional<Account> account = account(session);
    if (account.isPresent() && frozen.test(account.get().id())) {
      return FROZEN;
    }
    // A trusted network's MTA may pass on feedback for Herald's own addresses from any sender, so
    // its envelope sender is checked when its message is accepted (Messages.submit), not here.
    if (account.isPresent() && session.authenticated()) {
      Optional<Reply> unverified = unverifiedSender(account.get(), sender);
      if (unverified.isPresent()) {
        return unverified.get();
      }
    }
    if (account.isPresent() && !rates.tryAcquire(account.get().id())) {
      return RATE_EXCEEDED;
    }
    return Reply.SENDER_OK;
  }

  @Override
  public Reply recipient(Session session, Address recipient) {
    if (recipient.hasRoutingCharacters()) {
      return ROUTING_REFUSED;
    }
    if (own.isOwn(recipient)) {
      return Reply.RECIPIENT_OK;
    }
    Optional<Account> account = account(session);
    if (account.isEmpty()) {
      return RELAY_DENIED;
    }
    if (recipient.domain().isEmpty()) {
      return new Reply(550, "5.1.3", "A recipient needs a domain");
    }
    if (messages.isSuppressed(account.get().id(), recipient.mailbox())) {
      return new Reply(
          550,
          "5.7.1",
          "<"
              + recipient.mailbox()
              + "> is suppressed for this account (unsubscribed, bounced or complained)");
    }
    return Reply.RECIPIENT_OK;
  }

  @Override
  public Reply message(Session session, Envelope envelope, MessageBody body) {
    List<String> relayed = new ArrayList<>();
    for (Address recipient : envelope.recipients()) {
      if (own.isOwn(recipient)) {
        try (InputStream in = body.openStream()) {
          InboundFeedback.Received received = inbound.receive(in, Optional.of(recipient.mailbox()));
          log.info(
              "relay {}: mail to {}: {} ({})",
              session.connection().id(),
              recipient.mailbox(),
              received.outcome(),
              received.detail());
        } catch (IOException e) {
          return Reply.TEMPORARY_FAILURE;
        }
      } else {
        relayed.add(recipient.mailbox());
      }
    }
    if (relayed.isEmpty()) {
      return new Reply(250, "2.0.0", "Received, thank you");
    }
    Optional<Account> account = account(session);
    if (account.isEmpty()) {
      return RELAY_DENIED; // unreachable: RCPT refused these without an account
    }
    try (InputStream in = body.openStream()) {
      MessageRequest.Raw raw =
          MessageRequest.Raw.read(envelope.sender().mailbox(), relayed, in, maxMessageBytes);
      Submitted submitted = messages.submit(account.get(), raw, Optional.empty());
      return new Reply(250, "2.0.0", "Queued as " + submitted.id().value());
    } catch (MessageRefused e) {
      return refusal(e);
    } catch (IOException e) {
      return Reply.TEMPORARY_FAILURE;
    }
  }

  /** A 550 5.7.1 naming the domain, when the envelope sender is not the account's to use. */
  private Optional<Reply> unverifiedSender(Account account, Address sender) {
    if (sender.isNull()) {
      return Optional.empty(); // a null sender claims no domain
    }
    return senders.refusal(account.id(), sender.mailbox()).map(r -> new Reply(550, "5.7.1", r));
  }

  private static Reply refusal(MessageRefused e) {
    return switch (e.reason()) {
      case UNVERIFIED_SENDER -> new Reply(550, "5.7.1", e.getMessage());
      case TOO_LARGE -> new Reply(552, "5.3.4", e.getMessage());
      case INVALID_ADDRESS -> new Reply(553, "5.1.7", e.getMessage());
      // Temporary: the quota renews (or grows with a package); the client's MTA retries later.
      case QUOTA_EXCEEDED -> new Reply(452, "4.5.3", e.getMessage());
      default -> new Reply(554, "5.6.0", e.getMessage());
    };
  }

  private static Optional<Account> account(Session session) {
    return session
        .principal()
        .filter(RelayPrincipal.class::isInstance)
        .map(p -> ((RelayPrincipal) p).account());
  }
}
