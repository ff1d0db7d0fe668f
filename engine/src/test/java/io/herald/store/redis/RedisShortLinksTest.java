package io.herald.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.account.AccountId;
import io.herald.app.HeraldNode;
import io.herald.channel.sms.ShortLinkTarget;
import io.herald.testing.MutableClock;
import io.herald.tracking.ShortLink;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SMS short links on a real Redis: the links' form, what a code leads back to, codes reused for the
 * same link and distinct for others, the lifetime, a code already taken, and codes that were never
 * minted.
 */
class RedisShortLinksTest {
  static final AccountId ACCOUNT = new AccountId("00000000000000a1");
  static final Duration KEEP = Duration.ofDays(30);
  static final byte[] KEY = "a-code-key-a-code-key-a-code-key".getBytes(StandardCharsets.UTF_8);

  @RegisterExtension static final LiveRedis live = new LiveRedis();

  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00.750Z"));
  RedisShortLinks links;

  @BeforeEach
  void fresh() {
    links = links(KEY);
  }

  RedisShortLinks links(byte[] key) {
    return new RedisShortLinks(
        live.redis(),
        HeraldNode.objectMapper(),
        URI.create("https://h.example/"),
        key,
        KEEP,
        clock,
        new SecureRandom());
  }

  static ShortLinkTarget target(long number, String phone, String language) {
    return new ShortLinkTarget(ACCOUNT, "c0ffee0000000001", number, "p:" + phone, phone, language);
  }

  static String code(String link) {
    return link.substring(link.lastIndexOf('/') + 1);
  }

  @Test
  void anUnsubscribeLinkIsShortAndLeadsBackToItsRecipient() {
    ShortLinkTarget ann = target(7, "+380671234567", "en");

    String link = links.unsubscribe(ann);

    assertThat(link).matches("https://h\\.example/s/[0-9A-Za-z]{10}");
    assertThat(links.find(code(link)))
        .contains(new ShortLink.Unsubscribe(ann, Instant.parse("2026-03-01T10:00:00Z")));
  }

  @Test
  void aClickLinkLeadsBackToItsRecipientAndUrl() {
    ShortLinkTarget ann =
        new ShortLinkTarget(
            ACCOUNT, "c0ffee0000000001", 7, "e:ann@example.com", "+380671234567", "uk");
    String url = "https://shop.example/sale?x=1&y=\"2\"|3";

    String link = links.click(ann, url);

    assertThat(link).matches("https://h\\.example/l/[0-9A-Za-z]{10}");
    assertThat(links.find(code(link)))
        .contains(new ShortLink.Click(ann, url, Instant.parse("2026-03-01T10:00:00Z")));
  }

  @Test
  void theSameLinkForTheSameRecipientIsOneCodeAndEveryOtherLinkAnother() {
    ShortLinkTarget ann = target(7, "+380671234567", "uk");
    String first = links.unsubscribe(ann);
    clock.advance(Duration.ofHours(1));
    assertThat(links.unsubscribe(ann)).isEqualTo(first);
    // Still the first minting's time: the message was first sent then.
    assertThat(links.find(code(first)).orElseThrow().issuedAt())
        .isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));

    Set<String> codes = new HashSet<>();
    codes.add(code(first));
    codes.add(code(links.unsubscribe(target(8, "+380671234567", "uk"))));
    codes.add(code(links.unsubscribe(target(7, "+380671234568", "uk"))));
    codes.add(code(links.unsubscribe(target(7, "+380671234567", "en"))));
    codes.add(code(links.click(ann, "https://shop.example/a")));
    codes.add(code(links.click(ann, "https://shop.example/b")));
    assertThat(codes).hasSize(6);
    // Another key (another installation) derives other codes.
    assertThat(
            links("another-key-another-key-another!!".getBytes(StandardCharsets.UTF_8))
                .unsubscribe(ann))
        .isNotEqualTo(first);
  }

  @Test
  void aCodeLivesForItsLifetimeFromItsLastMinting() {
    ShortLinkTarget ann = target(7, "+380671234567", "uk");
    String key = Keys.shortLink(code(links.unsubscribe(ann)));
    assertThat(live.redis().sync().pttl(key)).isBetween(KEEP.toMillis() - 60_000, KEEP.toMillis());

    live.redis().sync().pexpire(key, 5_000);
    links.unsubscribe(ann);
    assertThat(live.redis().sync().pttl(key)).isGreaterThan(KEEP.toMillis() - 60_000);
  }

  @Test
  void aCodeThatStandsForAnotherLinkIsNeverTakenOver() {
    ShortLinkTarget ann = target(7, "+380671234567", "uk");
    ShortLinkTarget bob = target(9, "+380501112233", "uk");
    String annCode = code(links.unsubscribe(ann));
    // Bob's link in the place Ann's code takes, as if its code had collided with hers.
    String bobValue = live.redis().sync().get(Keys.shortLink(code(links.unsubscribe(bob))));
    live.redis().sync().set(Keys.shortLink(annCode), bobValue);

    String again = code(links.unsubscribe(ann));

    assertThat(again).isNotEqualTo(annCode).matches("[0-9A-Za-z]{10}");
    assertThat(links.find(again).orElseThrow().target()).isEqualTo(ann);
    assertThat(links.find(annCode).orElseThrow().target()).isEqualTo(bob);
  }

  @Test
  void aCodeNeverMintedOrMalformedLeadsNowhere() {
    links.unsubscribe(target(7, "+380671234567", "uk"));
    for (String code :
        new String[] {"AAAAAAAAAA", "short", "toolong0000", "abc-def_gh", "", "ÄÄÄÄÄÄÄÄÄÄ"}) {
      assertThat(links.find(code)).as(code).isEmpty();
    }
    assertThat(links.find(null)).isEmpty();
  }

  @Test
  void onlyHttpAndHttpsLinksAreTracked() {
    ShortLinkTarget ann = target(7, "+380671234567", "uk");
    for (String url : new String[] {"javascript:alert(1)", "ftp://x.example/", "/relative", ""}) {
      assertThatThrownBy(() -> links.click(ann, url))
          .as(url)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(links.click(ann, "HTTP://x.example/")).contains("/l/");
  }

  @Test
  void codesAreBase62DigitsOfTheirBytes() {
    assertThat(RedisShortLinks.code(new byte[16])).isEqualTo("0000000000");
    byte[] one = new byte[16];
    one[15] = 61;
    assertThat(RedisShortLinks.code(one)).isEqualTo("000000000z");
    one[15] = 62;
    assertThat(RedisShortLinks.code(one)).isEqualTo("0000000010");
  }
}
