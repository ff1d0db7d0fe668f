package io.herald.webhook;

/**
 * Why an endpoint was not registered (or an event not posted to it), in one line for the API and
 * the delivery log: a malformed or forbidden URL, a target that is not public, an unknown event
 * type, too many endpoints.
 */
public final class WebhookRefused extends Exception {
  public WebhookRefused(String message) {
    super(message, null, false, false);
  }
}
