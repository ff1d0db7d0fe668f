package io.herald.channel.sms;

/**
 * Short links for previews and checks before sending: {@code <base>/s/xxxxxxxxxx} and {@code
 * <base>/l/xxxxxxxxxx}, as long as the real links, so that lengths and parts come out exact, but
 * minting no code and unsubscribing nobody.
 */
public final class PlaceholderLinks implements ShortLinks {
  private final String unsubscribe;
  private final String click;

  /**
   * @param baseUrl where recipients reach Herald ({@code tracking.baseUrl})
   * @param codeLength how long the real links' codes are
   */
  public PlaceholderLinks(String baseUrl, int codeLength) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    String code = "x".repeat(codeLength);
    this.unsubscribe = base + "/s/" + code;
    this.click = base + "/l/" + code;
  }

  @Override
  public String unsubscribe(ShortLinkTarget target) {
    return unsubscribe;
  }

  @Override
  public String click(ShortLinkTarget target, String url) {
    return click;
  }
}
