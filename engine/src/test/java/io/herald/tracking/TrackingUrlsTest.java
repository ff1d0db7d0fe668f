package io.herald.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Public tracking URLs have the documented shapes and carry tokens the signer accepts. */
class TrackingUrlsTest {
  final TokenSigner signer = new TokenSigner(TokenSignerTest.KEY);
  final TrackingUrls urls =
      new TrackingUrls(URI.create("https://t.example.com/"), signer, "mail.example.com");
  final String account = "00112233445566ff";
  final String campaign = "a0b1c2d3e4f50617";

  @Test
  void openPixelClickAndUnsubscribeUrlsCarrySignedTokens() {
    var sent = java.time.Instant.parse("2026-03-01T10:00:00Z");
    var open = new TrackingToken.Open(account, campaign, "e:ann@example.com", sent);
    var click =
        new TrackingToken.Click(account, campaign, "e:ann@example.com", "https://x.ua/", sent);
    var unsubscribe = new TrackingToken.Unsubscribe(account, campaign, "e:ann@example.com");

    String pixel = urls.openPixel(open);
    assertThat(pixel).startsWith("https://t.example.com/t/o/").endsWith(".gif");
    String pixelToken = pixel.substring("https://t.example.com/t/o/".length(), pixel.length() - 4);
    assertThat(signer.verify(pixelToken)).contains(open);

    String clickUrl = urls.click(click);
    assertThat(clickUrl).startsWith("https://t.example.com/t/c/");
    assertThat(signer.verify(clickUrl.substring(clickUrl.lastIndexOf('/') + 1))).contains(click);

    String page = urls.unsubscribePage(unsubscribe);
    assertThat(page).startsWith("https://t.example.com/u/");
    assertThat(signer.verify(page.substring(page.lastIndexOf('/') + 1))).contains(unsubscribe);
    assertThat(urls.isOwn(page)).isTrue();
    assertThat(urls.isOwn("https://t.example.com.evil.ua/")).isFalse();
  }

  @Test
  void noUrlOrAddressCarriesTheRecipientsAddressInAnyEncoding() {
    var sent = java.time.Instant.parse("2026-03-01T10:00:00Z");
    String email = "ann.lee@example.com";
    String contact = "e:" + email;
    // A personalised link that itself holds the address is hidden inside the token too.
    String target = "https://shop.ua/welcome?who=" + email;
    List<String> made =
        List.of(
            urls.openPixel(new TrackingToken.Open(account, campaign, contact, sent)),
            urls.click(new TrackingToken.Click(account, campaign, contact, target, sent)),
            urls.unsubscribePage(new TrackingToken.Unsubscribe(account, campaign, contact)),
            urls.unsubscribeMailbox(new VerpToken(account, campaign, 7)),
            VerpAddress.encode(signer, new VerpToken(account, campaign, 7), "bounces.example.com"));
    for (String url : made) {
      assertThat(AddressEncodings.foundIn(url, email)).as(url).isNull();
      assertThat(AddressEncodings.foundIn(url, "ann.lee")).as(url).isNull();
    }
  }

  @Test
  void theMailtoUnsubscribeAddressIsAVerpAddressOfItsOwnKind() {
    var token = new VerpToken(account, campaign, 7);
    String mailbox = urls.unsubscribeMailbox(token);
    assertThat(mailbox).startsWith("unsub+").endsWith("@mail.example.com");
    assertThat(VerpAddress.parse(mailbox, VerpAddress.Kind.UNSUBSCRIBE, signer)).contains(token);
  }

  @Test
  void aBaseUrlThatIsNotAbsoluteHttpIsRefused() {
    assertThatThrownBy(() -> new TrackingUrls(URI.create("/t"), signer, "example.com"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TrackingUrls(URI.create("ftp://x.com"), signer, "example.com"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
