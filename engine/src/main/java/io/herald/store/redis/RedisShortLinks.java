package io.herald.store.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.AccountId;
import io.herald.channel.sms.ShortLinkTarget;
import io.herald.channel.sms.ShortLinks;
import io.herald.tracking.ShortLink;
import io.herald.tracking.ShortLinkCodes;
import io.lettuce.core.SetArgs;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SMS short links in Redis: {@code <tracking.baseUrl>/s/<code>} and {@code /l/<code>}, each code
 * one key {@code herald:sl:<code>} that holds what it stands for and expires after {@code keepFor}
 * (see {@code docs/redis-keys.md}).
 *
 * <p>A code is 10 base62 characters, about 59.5 bits: with 100 million live codes a guess hits one
 * with a probability of about 1 in 8 billion, and the public pages answer one client address at
 * most 60 codes that lead nowhere a minute per node (see {@code web.ShortLinkRoutes}), so an
 * address guessing at that pace finds one code in about 270 years; each character more would cost
 * every SMS a character of its text, each character less makes guessing 62 times easier. A code is
 * the first 10 base62 digits of an HMAC (under a key derived from {@code tracking.secret}) of
 * everything the link stands for: as unpredictable as a random one to anyone without the key, and
 * the same recipient asking twice for the same link gets the same code back, its lifetime renewed,
 * with no index to keep (a retried or recomposed SMS carries the same text). If that code already
 * stands for another link (a collision, about one in 8 billion per code) a random code is taken
 * instead. Every operation touches one key, so it runs unchanged on Redis Cluster; the links that
 * many sending threads mint at once go to Redis together ({@link ScriptOps}). Thread-safe.
 */
public final class RedisShortLinks implements ShortLinks, ShortLinkCodes {
  /**
   * How long a code leads somewhere: 30 days, as Herald keeps a transactional message, and no
   * longer than R12 lets a deleted account's data live on in backups (a code names a phone). A
   * recipient who finds an older SMS can still reply STOP, and every later SMS brings a new link.
   */
  public static final Duration DEFAULT_KEEP = Duration.ofDays(30);

  public static final int CODE_LENGTH = 10;
  private static final String DIGITS =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final BigInteger CODES = BigInteger.valueOf(DIGITS.length()).pow(CODE_LENGTH);
  private static final Pattern CODE = Pattern.compile("[0-9A-Za-z]{" + CODE_LENGTH + "}");
  private static final int RANDOM_TRIES = 8;
  private static final String UNSUBSCRIBE = "u";
  private static final String CLICK = "c";

  /**
   * Claims the code for a link (A[1]: the value without its issue time, A[2]: the rest) or renews
   * it when it already stands for the same link; {0} when it stands for another. Run through {@link
   * ScriptOps}: the links minted by every sending thread at once go in one round trip.
   */
  private static final Map<String, String> MINT =
      Map.of(
          "mint",
          """
          function(K, A)
            local v = redis.call('GET', K[1])
            if not v then
              redis.call('SET', K[1], A[1] .. A[2], 'PX', A[3])
              return {1}
            end
            if string.sub(v, 1, #A[1]) == A[1] then
              redis.call('PEXPIRE', K[1], A[3])
              return {1}
            end
            return {0}
          end
          """);

  private final Redis redis;
  private final ObjectMapper mapper;
  private final String base;
  private final SecretKeySpec codeKey;
  private final Duration keepFor;
  private final Clock clock;
  private final RandomGenerator random;
  private final ScriptOps ops;

  /**
   * @param baseUrl {@code tracking.baseUrl}: absolute http(s), as recipients reach Herald
   * @param codeKey the key codes are derived with (from the tracking secret, the same on every node
   *     so that every node mints the same code for the same link)
   * @param keepFor how long a code leads somewhere after it was last minted ({@link #DEFAULT_KEEP})
   */
  public RedisShortLinks(
      Redis redis,
      ObjectMapper mapper,
      URI baseUrl,
      byte[] codeKey,
      Duration keepFor,
      Clock clock,
      RandomGenerator random) {
    String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || baseUrl.getHost() == null) {
      throw new IllegalArgumentException("the base URL must be absolute http(s): " + baseUrl);
    }
    if (keepFor.isNegative() || keepFor.isZero()) {
      throw new IllegalArgumentException("short links must be kept for some time: " + keepFor);
    }
    String text = baseUrl.toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    this.redis = redis;
    this.mapper = mapper;
    this.codeKey = new SecretKeySpec(codeKey.clone(), "HmacSHA256");
    this.keepFor = keepFor;
    this.clock = clock;
    this.random = random;
    this.ops = new ScriptOps(redis, "", MINT);
  }

  @Override
  public String unsubscribe(ShortLinkTarget target) {
    return base + "/s/" + mint(UNSUBSCRIBE, target, "");
  }

  @Override
  public String click(ShortLinkTarget target, String url) {
    String scheme = url.substring(0, Math.max(0, url.indexOf(':'))).toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))) {
      throw new IllegalArgumentException("a tracked link must be http or https: " + url);
    }
    return base + "/l/" + mint(CLICK, target, url);
  }

  @Override
  public Optional<ShortLink> find(String code) {
    if (code == null || !CODE.matcher(code).matches()) {
      return Optional.empty();
    }
    return Optional.ofNullable(redis.sync().get(Keys.shortLink(code))).map(this::read);
  }

  private String mint(String kind, ShortLinkTarget target, String url) {
    // The value is a JSON array whose last element is the issue time: everything before it is
    // what the link stands for, compared as a prefix when a code is minted again.
    long issued = clock.instant().getEpochSecond();
    String value = write(kind, target, url, issued);
    String identity = value.substring(0, value.lastIndexOf(',') + 1);
    String rest = value.substring(identity.length());
    String ttl = Long.toString(keepFor.toMillis());
    String derived = code(hmac(identity));
    List<Object> claimed =
        ops.run(
            new ScriptOps.Op(
                "mint", List.of(Keys.shortLink(derived)), List.of(identity, rest, ttl)));
    if (Long.valueOf(1).equals(claimed.getFirst())) {
      return derived;
    }
    for (int i = 0; i < RANDOM_TRIES; i++) {
      byte[] bytes = new byte[16];
      random.nextBytes(bytes);
      String code = code(bytes);
      String set =
          redis
              .sync()
              .set(Keys.shortLink(code), value, SetArgs.Builder.nx().px(keepFor.toMillis()));
      if ("OK".equals(set)) {
        return code;
      }
    }
    throw new IllegalStateException("no free short link code in " + RANDOM_TRIES + " tries");
  }

  /** {@link #CODE_LENGTH} base62 digits of the first 128 bits of {@code bytes}. */
  static String code(byte[] bytes) {
    long n = new BigInteger(1, Arrays.copyOf(bytes, 16)).mod(CODES).longValueExact();
    char[] code = new char[CODE_LENGTH];
    for (int i = CODE_LENGTH - 1; i >= 0; i--) {
      code[i] = DIGITS.charAt((int) (n % DIGITS.length()));
      n /= DIGITS.length();
    }
    return new String(code);
  }

  private byte[] hmac(String identity) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(codeKey);
      return mac.doFinal(identity.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  private String write(String kind, ShortLinkTarget t, String url, long issued) {
    List<Object> fields =
        List.of(
            kind,
            t.account().value(),
            t.campaign(),
            t.number(),
            t.contactKey(),
            t.phone(),
            t.language(),
            url,
            issued);
    try {
      return mapper.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a short link", e);
    }
  }

  private ShortLink read(String value) {
    JsonNode f;
    try {
      f = mapper.readTree(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt short link record in Redis", e);
    }
    ShortLinkTarget target =
        new ShortLinkTarget(
            new AccountId(f.get(1).asText()),
            f.get(2).asText(),
            f.get(3).asLong(),
            f.get(4).asText(),
            f.get(5).asText(),
            f.get(6).asText());
    Instant issued = Instant.ofEpochSecond(f.get(8).asLong());
    return CLICK.equals(f.get(0).asText())
        ? new ShortLink.Click(target, f.get(7).asText(), issued)
        : new ShortLink.Unsubscribe(target, issued);
  }
}
