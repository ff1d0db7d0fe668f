package io.herald.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.channel.sms.sim.SmscSimulator;
import io.herald.config.HeraldConfig;
import io.herald.config.SmsConfig;
import io.herald.config.SmscConfig;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * What the tests that kill a node mid-campaign share: an account, a list of phones and a started
 * campaign over the first node's HTTP API, and the same SMS and delivery settings for the node JVM
 * that dies (environment variables) and the node that finishes (configuration).
 */
public final class KilledNodes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private KilledNodes() {}

  /** The nodes of one Herald share their tracking secret (a node with another refuses to start). */
  public static final String TRACKING_SECRET = "killed-nodes-tracking-secret-0123456789abcdef";

  public static JsonNode send(String base, String path, String token, String body, String type)
      throws Exception {
    return new JsonHttp(base).send(path, token, body, type);
  }

  /** A new account's API key. */
  public static String createAccount(String base, String name) throws Exception {
    return send(
            base,
            "/api/admin/accounts",
            TestNode.ADMIN_TOKEN,
            JSON.writeValueAsString(Map.of("name", name)),
            "application/json")
        .get("apiKey")
        .asText();
  }

  /** Imports {@code count} phones into {@code list} and waits until the import ends. */
  public static void importPhones(
      String base, String key, String list, int count, IntFunction<String> phone) throws Exception {
    StringBuilder csv = new StringBuilder("phone,name\n");
    for (int i = 0; i < count; i++) {
      csv.append(phone.apply(i)).append(",Reader ").append(i).append('\n');
    }
    String importId =
        send(
                base,
                "/api/lists/" + list + "/imports?filename=k.csv",
                key,
                csv.toString(),
                "text/csv")
            .get("id")
            .asText();
    Await.until(
        () -> send(base, "/api/imports/" + importId, key, null, null),
        j -> !"running".equals(j.get("status").asText()));
  }

  /** Creates the campaign {@code body} describes, starts it, and returns its id. */
  public static String startCampaign(String base, String key, Map<String, Object> body)
      throws Exception {
    String campaign =
        send(base, "/api/campaigns", key, JSON.writeValueAsString(body), "application/json")
            .get("id")
            .asText();
    send(base, "/api/campaigns/" + campaign + "/start", key, "{}", "application/json");
    return campaign;
  }

  /**
   * The dying node's environment: Redis, the worker's concurrency, a reclaim too slow to matter
   * (the dead node's work is taken over when its heartbeat lapses), no canary, SMS through {@code
   * smsc} with a window of {@code concurrency} and no quiet hours.
   */
  public static Map<String, String> env(
      String redisUri, SmscSimulator smsc, String systemId, String password, int concurrency) {
    return Map.of(
        "HERALD_REDIS_URI", redisUri,
        "HERALD_TRACKING_SECRET", TRACKING_SECRET,
        "HERALD_DELIVERY_CONCURRENCY", Integer.toString(concurrency),
        "HERALD_DELIVERY_RECLAIM_AFTER", "10m",
        "HERALD_CANARY_APPLY_TO", "none",
        "HERALD_SMS_ENABLED", "true",
        "HERALD_SMS_SMSC",
            String.format(
                "[{name: sim, host: %s, port: %d, systemId: %s, password: %s, window: %d,"
                    + " submitsPerSecond: 2000}]",
                smsc.host(), smsc.port(), systemId, password, concurrency),
        "HERALD_SMS_QUIET_HOURS_START", "00:00",
        "HERALD_SMS_QUIET_HOURS_END", "00:00");
  }

  /** The finishing node's configuration: what {@link #env} sets, on {@code base}. */
  public static HeraldConfig config(
      HeraldConfig base, SmscSimulator smsc, String systemId, String password, int concurrency) {
    SmsConfig sms = base.sms();
    return base.withTracking(
            new io.herald.config.TrackingConfig(
                base.tracking().baseUrl(), java.util.Optional.of(TRACKING_SECRET)))
        .withDelivery(
            base.delivery()
                .withLimits(4, concurrency, "5000/s")
                .withReclaimAfter(Duration.ofMinutes(10)))
        .withSms(
            new SmsConfig(
                true,
                List.of(
                    SmscConfig.of("sim", smsc.host(), smsc.port(), systemId, password)
                        .withLimits(concurrency, 2000)),
                sms.receiptTimeout(),
                sms.undeliverableLimit(),
                // no quiet hours: the test runs at any hour
                LocalTime.MIDNIGHT,
                LocalTime.MIDNIGHT,
                Optional.empty()));
  }
}
