package io.herald.web;

import io.herald.campaign.Campaign;
import io.herald.campaign.Channel;
import io.herald.campaign.ViberSpec;
import io.herald.channel.viber.ViberLimits;
import io.herald.channel.viber.ViberPreview;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Viber campaign's settings as the API reads and shows them: the {@code viber} object of a create
 * request becomes the campaign's {@link ViberSpec} (a missing object or validity takes the
 * defaults; the checks are the campaign's own), and a campaign shows them back in the same shape,
 * so what a client sent is what it reads.
 */
final class ViberViews {
  private ViberViews() {}

  /** The {@code viber} object of a create request; every field may be left out. */
  record Settings(
      String imageUrl,
      String buttonCaption,
      String buttonUrl,
      Long ttlSeconds,
      Fallback fallback) {}

  /** The SMS a recipient gets instead when Viber cannot reach them: its text and sender ID. */
  record Fallback(String text, String sender) {}

  /**
   * The Viber settings of a campaign on {@code channel}: those given (or the defaults) for Viber,
   * none for another channel — where settings given are a 400, since they would not be sent.
   */
  static Optional<ViberSpec> spec(Channel channel, Settings settings) {
    if (channel != Channel.VIBER) {
      if (settings != null) {
        throw Problem.badRequest(
            "viber settings are for a Viber campaign (\"channel\": \"viber\")");
      }
      return Optional.empty();
    }
    Settings given = settings == null ? new Settings(null, null, null, null, null) : settings;
    Fallback fallback = given.fallback() == null ? new Fallback(null, null) : given.fallback();
    return Optional.of(
        new ViberSpec(
            Optional.ofNullable(given.imageUrl()),
            Optional.ofNullable(given.buttonCaption()),
            Optional.ofNullable(given.buttonUrl()),
            given.ttlSeconds() == null ? ViberLimits.DEFAULT_TTL.toSeconds() : given.ttlSeconds(),
            Optional.ofNullable(fallback.text()),
            Optional.ofNullable(fallback.sender())));
  }

  /**
   * A Viber campaign's preview for one phone: the message as it would be composed (its shape, final
   * text and how much of Viber's limit it uses, image, button with the tracked link it carries),
   * from the campaign's sender name with its validity, and the SMS that phone would get instead,
   * shown as an SMS campaign's preview, when there is a fallback.
   */
  static Map<String, Object> preview(Campaign campaign, ViberPreview preview) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("shape", preview.shape());
    message.put("text", preview.text());
    message.put("characters", preview.characters());
    message.put("maxCharacters", preview.maxCharacters());
    preview.imageUrl().ifPresent(url -> message.put("imageUrl", url));
    preview
        .button()
        .ifPresent(
            b -> {
              Map<String, Object> button = new LinkedHashMap<>();
              button.put("caption", b.caption());
              button.put("url", b.url());
              button.put("trackedUrl", b.trackedUrl());
              message.put("button", button);
            });
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("to", preview.to());
    view.put("from", preview.sender());
    view.put("ttlSeconds", campaign.viber().map(ViberSpec::ttlSeconds).orElseThrow());
    view.put("viber", message);
    preview
        .fallback()
        .ifPresent(
            sms ->
                view.put(
                    "fallback",
                    CampaignRoutes.smsView(preview.to(), sms.from(), sms.text(), sms.sms())));
    return view;
  }

  /** The settings as a campaign shows them: the request's shape, absent parts left out. */
  static Map<String, Object> view(ViberSpec spec) {
    Map<String, Object> view = new LinkedHashMap<>();
    spec.imageUrl().ifPresent(url -> view.put("imageUrl", url));
    spec.buttonCaption().ifPresent(caption -> view.put("buttonCaption", caption));
    spec.buttonUrl().ifPresent(url -> view.put("buttonUrl", url));
    view.put("ttlSeconds", spec.ttlSeconds());
    if (spec.fallsBackToSms()) {
      Map<String, Object> fallback = new LinkedHashMap<>();
      fallback.put("text", spec.fallbackText().orElseThrow());
      fallback.put("sender", spec.fallbackSender().orElse(""));
      view.put("fallback", fallback);
    }
    return view;
  }
}
