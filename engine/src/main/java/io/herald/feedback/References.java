package io.herald.feedback;

import io.herald.tracking.TokenSigner;
import io.herald.tracking.VerpAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the signed references to our messages in a piece of text and keeps only those our key
 * verifies: VERP addresses ({@code bounces+…@}, {@code unsub+…@}, any case) and tracking tokens in
 * Herald's URL paths ({@code /u/…}, {@code /t/o/…}, {@code /t/c/…}). The first verified one in the
 * text wins. At most {@link #MAX_CANDIDATES} candidates of each form are checked per text and at
 * most {@link #MAX_SCAN} characters are looked at, so a hostile mail cannot buy unbounded HMAC
 * work.
 */
final class References {
  static final int MAX_SCAN = 1 << 20;
  static final int MAX_CANDIDATES = 32;
  private static final Pattern VERP =
      Pattern.compile(
          "(?<![A-Za-z0-9._%+-])(bounces|unsub)\\+([a-z2-7]{50,60})(?![A-Za-z0-9])",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern TRACKING_URL =
      Pattern.compile("/(?:u|t/o|t/c)/([A-Za-z0-9_-]{40,8192})");
  private static final Pattern BARE_TOKEN = Pattern.compile("[A-Za-z0-9_-]{40,8192}");

  private final TokenSigner signer;

  References(TokenSigner signer) {
    this.signer = signer;
  }

  /** The first verified reference in the first source that has one, trying sources in order. */
  Optional<MessageRef> first(List<Supplier<String>> sources) {
    for (Supplier<String> source : sources) {
      Optional<MessageRef> found = in(source.get());
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** The first verified reference in a text. */
  Optional<MessageRef> in(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    String scanned = text.length() > MAX_SCAN ? text.substring(0, MAX_SCAN) : text;
    List<Candidate> candidates = new ArrayList<>();
    Matcher verp = VERP.matcher(scanned);
    for (int n = 0; n < MAX_CANDIDATES && verp.find(); n++) {
      String kind = verp.group(1).toLowerCase(Locale.ROOT);
      String address = kind + "+" + verp.group(2);
      candidates.add(new Candidate(verp.start(), () -> verpAddress(kind, address)));
    }
    Matcher url = TRACKING_URL.matcher(scanned);
    for (int n = 0; n < MAX_CANDIDATES && url.find(); n++) {
      String token = url.group(1);
      candidates.add(new Candidate(url.start(), () -> trackingToken(token)));
    }
    candidates.sort(Comparator.comparingInt(Candidate::position));
    for (Candidate candidate : candidates) {
      Optional<MessageRef> verified = candidate.verify().get();
      if (verified.isPresent()) {
        return verified;
      }
    }
    return Optional.empty();
  }

  /** The text as one bare tracking token (as a spam-report form may receive it), if verified. */
  Optional<MessageRef> bareToken(String text) {
    String token = text.strip();
    return BARE_TOKEN.matcher(token).matches() ? trackingToken(token) : Optional.empty();
  }

  private record Candidate(int position, Supplier<Optional<MessageRef>> verify) {}

  private Optional<MessageRef> verpAddress(String kind, String address) {
    VerpAddress.Kind parsed =
        kind.equals(VerpAddress.Kind.UNSUBSCRIBE.prefix())
            ? VerpAddress.Kind.UNSUBSCRIBE
            : VerpAddress.Kind.BOUNCE;
    return VerpAddress.parse(address, parsed, signer).map(MessageRef.Recipient::new);
  }

  private Optional<MessageRef> trackingToken(String token) {
    return signer
        .verify(token)
        .map(t -> new MessageRef.Contact(t.accountId(), t.campaignId(), t.contactKey()));
  }
}
