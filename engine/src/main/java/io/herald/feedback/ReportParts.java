package io.herald.feedback;

import java.util.Optional;

/**
 * What {@link MimeReader} found in a mail: its own header, the machine-readable report part if any
 * ({@code message/delivery-status} or {@code message/feedback-report}), the returned original
 * message (header and the text of its text parts) or only its header, and the first plain-text part
 * outside the original (the human-readable explanation, or the whole of a plain-text bounce).
 */
record ReportParts(
    Fields header,
    Optional<String> deliveryStatus,
    Optional<String> feedbackReport,
    Optional<Fields> originalHeader,
    String originalText,
    String humanText) {}
