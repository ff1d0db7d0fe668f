package io.herald.channel.viber;

import java.util.Objects;

/**
 * The shapes of a Viber business message that Viber allows (and Herald sends): text only, image
 * only, text with a button, text with an image and a button. A record only holds its parts; whether
 * they are within Viber's limits (text length, caption length, https URLs, image type and size) is
 * {@link ViberLimits}' and the campaign checks' business.
 */
public sealed interface ViberContent {
  /** A button under the text: its caption and the https URL it opens. */
  record Button(String caption, String url) {
    public Button {
      Objects.requireNonNull(caption, "caption");
      Objects.requireNonNull(url, "url");
    }
  }

  record Text(String text) implements ViberContent {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  record Image(String imageUrl) implements ViberContent {
    public Image {
      Objects.requireNonNull(imageUrl, "imageUrl");
    }
  }

  record TextButton(String text, Button button) implements ViberContent {
    public TextButton {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(button, "button");
    }
  }

  record TextImageButton(String text, String imageUrl, Button button) implements ViberContent {
    public TextImageButton {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(imageUrl, "imageUrl");
      Objects.requireNonNull(button, "button");
    }
  }
}
