package io.herald.channel.sms;

import java.util.ArrayList;
import java.util.List;

/**
 * Short links for tests: numbered seven-character codes on {@code https://hrld.ua}, the length a
 * real code has, remembering what each click link points to and whom each link was made for.
 */
public final class CountingShortLinks implements ShortLinks {
  public static final String HOST = "https://hrld.ua";

  public final List<ShortLinkTarget> unsubscribed = new ArrayList<>();
  public final List<String> clicked = new ArrayList<>();
  private int next;

  @Override
  public synchronized String unsubscribe(ShortLinkTarget target) {
    unsubscribed.add(target);
    return HOST + "/s/" + code();
  }

  @Override
  public synchronized String click(ShortLinkTarget target, String url) {
    clicked.add(url);
    return HOST + "/l/" + code();
  }

  private String code() {
    return "%07d".formatted(++next);
  }
}
