package io.herald.campaign;

import java.util.HexFormat;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/** The identity of a campaign within its account. */
public record CampaignId(String value) {
  private static final Pattern FORM = Pattern.compile("[0-9a-f]{16}");

  public CampaignId {
    if (!FORM.matcher(value).matches()) {
      throw new IllegalArgumentException("not a campaign id: " + value);
    }
  }

  public static CampaignId random(RandomGenerator random) {
    return new CampaignId(HexFormat.of().toHexDigits(random.nextLong()));
  }

  @Override
  public String toString() {
    return value;
  }
}
