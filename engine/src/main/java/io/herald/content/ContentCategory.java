package io.herald.content;

import java.util.Arrays;
import java.util.Optional;

/**
 * The ten kinds of campaign R7 prohibits. A fixed list set by the terms of service, so an enum: its
 * wire name is what the lexicon, the review report and the labelled set call it.
 */
public enum ContentCategory {
  DATING("dating", "dating or escort services"),
  MEDICINES("medicines", "medicines, intimate goods, prescription drugs or fakes"),
  FAST_MONEY("fast_money", "work from home or fast money"),
  STOCK_TRADING("stock_trading", "trading on stock exchanges"),
  MLM("mlm", "MLM and pyramids"),
  AFFILIATE("affiliate", "affiliate marketing"),
  DEBT("debt", "debt relief and collectors"),
  SUPPLEMENTS("supplements", "dietary supplements"),
  LISTS("lists", "broker or rental lists"),
  PIRACY("piracy", "pirated goods");

  private final String wireName;
  private final String description;

  ContentCategory(String wireName, String description) {
    this.wireName = wireName;
    this.description = description;
  }

  public String wireName() {
    return wireName;
  }

  /** What the category covers, in the words of R7. */
  public String description() {
    return description;
  }

  public static Optional<ContentCategory> byWireName(String name) {
    return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
  }
}
