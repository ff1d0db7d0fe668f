package io.herald.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.account.AccountStore;
import io.herald.account.Passwords;
import io.herald.account.UserLinks;
import io.herald.account.Users;
import io.herald.campaign.CampaignStore;
import io.herald.config.HeraldConfig;
import io.herald.delivery.EmailTransport;
import io.herald.store.redis.Redis;
import io.herald.store.redis.RedisSessionStore;
import io.herald.store.redis.RedisUserStore;
import io.herald.tracking.TokenSigner;
import io.herald.web.HttpServer;
import io.herald.web.pages.AppPages;
import java.time.Clock;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.random.RandomGenerator;

/**
 * Wires the people who sign in: users and their Argon2id passwords, sessions in Redis, password
 * links signed under a key derived from the tracking secret (so every node of a cluster accepts
 * every node's links), and the pages under {@code /app}, whose mail goes out through the node's
 * transport on virtual threads closed with the node.
 */
final class SignInWiring {
  private SignInWiring() {}

  static HttpServer.SignIn of(
      HeraldConfig config,
      Redis redis,
      ObjectMapper mapper,
      AccountStore accounts,
      CampaignStore campaigns,
      EmailTransport transport,
      TokenSigner signer,
      Clock clock,
      RandomGenerator random,
      Deque<AutoCloseable> resources) {
    Users users =
        new Users(
            new RedisUserStore(redis, mapper),
            new Passwords(Passwords.Parameters.OWASP, random),
            clock,
            random);
    UserLinks links = new UserLinks(signer.derivedKey("user-password-links"), clock);
    ExecutorService mail = Executors.newVirtualThreadPerTaskExecutor();
    resources.push(mail::close);
    AppPages pages =
        new AppPages(
            config.http().signIn(),
            new AppPages.Parts(
                users,
                links,
                new RedisSessionStore(redis),
                accounts,
                campaigns,
                transport,
                mail,
                config.tracking().baseUrl(),
                clock,
                random));
    return new HttpServer.SignIn(users, links, pages);
  }
}
