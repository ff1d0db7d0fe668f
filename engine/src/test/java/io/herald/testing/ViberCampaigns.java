package io.herald.testing;

import io.herald.account.AccountId;
import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignId;
import io.herald.campaign.CampaignState;
import io.herald.campaign.Channel;
import io.herald.campaign.Phase;
import io.herald.campaign.ViberSpec;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Viber campaigns for tests that need one already sending (a canary, statistics): text and a
 * button, a day's validity, and an SMS fallback or none.
 */
public final class ViberCampaigns {
  private ViberCampaigns() {}

  /** A Viber campaign of {@code recipients} sending in {@code phase}, created at {@code at}. */
  public static Campaign sending(
      AccountId account,
      CampaignId id,
      Phase phase,
      long recipients,
      boolean fallback,
      Instant at) {
    ViberSpec spec =
        new ViberSpec(
            Optional.empty(),
            Optional.of("Shop now"),
            Optional.of("https://shop.example/sale"),
            86_400,
            fallback ? Optional.of("Sale today: shop.example/sale") : Optional.empty(),
            fallback ? Optional.of("SHOP") : Optional.empty());
    return new Campaign(
        account,
        id,
        Channel.VIBER,
        "news",
        Map.of(),
        "",
        "Shop",
        Optional.empty(),
        "",
        "",
        Optional.of("Sale today"),
        new CampaignState.Sending(phase),
        recipients,
        at,
        true,
        Optional.of(spec));
  }

  /**
   * A draft Viber campaign to {@code list} with every setting — text, image, button, two hours'
   * validity — and, with {@code fallback}, an SMS fallback; stored as a node that sends Viber would
   * store it at create. With a fallback and without, it has its own id, so an account may hold
   * both.
   */
  public static Campaign draft(AccountId account, String list, boolean fallback) {
    ViberSpec spec =
        new ViberSpec(
            Optional.of("https://cdn.acme.example/sale.png"),
            Optional.of("Shop now"),
            Optional.of("https://acme.example/sale"),
            7200,
            fallback ? Optional.of("Hi {{name}} by SMS") : Optional.empty(),
            fallback ? Optional.of("AcmeShop") : Optional.empty());
    return draft(account, list, "Hi {{name}}", spec, fallback ? 14 : 15);
  }

  /** A draft Viber campaign of {@code text} and {@code spec}, its id drawn from {@code seed}. */
  public static Campaign draft(
      AccountId account, String list, String text, ViberSpec spec, long seed) {
    return new Campaign(
        account,
        CampaignId.random(new SplittableRandom(seed)),
        Channel.VIBER,
        list,
        Map.of(),
        "",
        "Acme Shop",
        Optional.empty(),
        "",
        "",
        Optional.of(text),
        new CampaignState.Draft(),
        0,
        Instant.parse("2026-12-02T10:00:00Z"),
        true,
        Optional.of(spec));
  }
}
