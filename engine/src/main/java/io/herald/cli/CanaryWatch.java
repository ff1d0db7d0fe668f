package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's live view of its two canaries: every couple of seconds one line per campaign with the
 * simulated time, the canary's counters as the API reports them and the latest decision; when a
 * decision changes, its explanation. Done when the healthy campaign has been released and completed
 * and the purchased one is held.
 */
final class CanaryWatch {
  private static final Duration EVERY = Duration.ofSeconds(2);

  private final HeraldCli cli;
  private final ScaledClock clock;
  private final DemoCommand.DemoCampaign healthy;
  private final DemoCommand.DemoCampaign purchased;
  private final Map<String, String> lastDecision = new HashMap<>();

  CanaryWatch(
      HeraldCli cli,
      ScaledClock clock,
      DemoCommand.DemoCampaign healthy,
      DemoCommand.DemoCampaign purchased) {
    this.cli = cli;
    this.clock = clock;
    this.healthy = healthy;
    this.purchased = purchased;
  }

  /** Watches until both decisions are in, at most {@code limit} of real time; true if they are. */
  boolean awaitDecisions(Duration limit) throws Exception {
    Instant giveUp = Instant.now().plus(limit);
    while (Instant.now().isBefore(giveUp)) {
      boolean healthyDone = false;
      boolean purchasedHeld = false;
      for (DemoCommand.DemoCampaign c : List.of(healthy, purchased)) {
        JsonNode campaign = c.client().get("api/campaigns/" + c.id());
        print(c, campaign);
        String state = campaign.path("state").asText();
        if (c == healthy) {
          healthyDone = state.equals("completed");
        } else {
          purchasedHeld = state.equals("held");
        }
      }
      if (healthyDone && purchasedHeld) {
        return true;
      }
      Thread.sleep(EVERY);
    }
    return false;
  }

  private void print(DemoCommand.DemoCampaign c, JsonNode campaign) {
    JsonNode canary = campaign.path("canary");
    JsonNode counts = campaign.path("stats").path("canary");
    String decision = canary.path("decision").asText("");
    String state = campaign.path("state").asText();
    String phase = campaign.path("phase").asText("");
    long elapsed = clock.elapsed().toMinutes();
    cli.out()
        .printf(
            "   [%02d:%02d simulated] %s %-9s canary %d: %d delivered, %d hard bounces, %d opens"
                + " (+%d machine), %d clicks (+%d machine), %d unsubscribes, %d complaints"
                + " -> %s%n",
            elapsed / 60,
            elapsed % 60,
            c.label(),
            phase.isEmpty() ? state : state + "/" + phase,
            canary.path("size").asLong(),
            counts.path("delivered").asLong(),
            counts.path("bounced_hard").asLong(),
            counts.path("opened").asLong(),
            counts.path("opened_machine").asLong(),
            counts.path("clicked").asLong(),
            counts.path("clicked_machine").asLong(),
            counts.path("unsubscribed").asLong(),
            counts.path("complained").asLong(),
            decision.isEmpty() ? "not scored yet" : decision);
    if (!decision.isEmpty()
        && !decision.equals(lastDecision.put(c.id(), decision))
        && !decision.equalsIgnoreCase("wait")) {
      cli.out().println("   == " + c.label().strip() + " canary decision: " + decision);
      cli.out().println(canary.path("report").asText().indent(6).stripTrailing());
    }
  }
}
