package io.herald.channel.viber;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The size of an image's answer without downloading more of it than needed: the size the server
 * declares ({@code Content-Range}'s total on a 206, else {@code Content-Length}) reads no body at
 * all; only a successful {@code GET} that declares none has its body counted, and the count stops
 * (the exchange is cancelled) once it passes {@code limit}.
 */
final class ImageBody implements HttpResponse.BodySubscriber<Long> {
  /** The body was not read (a size was declared, or it is not the image). */
  static final long NOT_READ = -1;

  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+\\d+-\\d+/(\\d+)");

  private final long limit;
  private final CompletableFuture<Long> result = new CompletableFuture<>();
  private Flow.Subscription subscription;
  private long count;

  private ImageBody(long limit) {
    this.limit = limit;
  }

  /** What reads the body of an answer to {@code method}: counting it only when it must. */
  static HttpResponse.BodySubscriber<Long> of(
      HttpResponse.ResponseInfo info, String method, long limit) {
    boolean image = method.equals("GET") && info.statusCode() / 100 == 2;
    if (!image || declared(info.statusCode(), info.headers()).isPresent()) {
      return new ImageBody(NOT_READ);
    }
    return new ImageBody(limit);
  }

  /** The image's size as the answer declares it, if it does. */
  static OptionalLong declared(int status, HttpHeaders headers) {
    if (status == 206) {
      Matcher range = CONTENT_RANGE.matcher(headers.firstValue("content-range").orElse("").strip());
      return range.matches()
          ? OptionalLong.of(Long.parseLong(range.group(1)))
          : OptionalLong.empty();
    }
    return headers.firstValueAsLong("content-length");
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (limit == NOT_READ) {
      subscription.cancel();
      result.complete(NOT_READ);
    } else {
      subscription.request(Long.MAX_VALUE);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    for (ByteBuffer buffer : buffers) {
      count += buffer.remaining();
    }
    if (count > limit && !result.isDone()) {
      subscription.cancel();
      result.complete(count);
    }
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    result.complete(count);
  }

  @Override
  public CompletionStage<Long> getBody() {
    return result;
  }
}
