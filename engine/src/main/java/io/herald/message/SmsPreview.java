package io.herald.message;

/**
 * How a text goes out as SMS, before it is sent: its {@code encoding} ({@code GSM-7} when every
 * character is in the GSM 03.38 alphabet or its extension, else {@code UCS-2}), its {@code
 * characters} (Unicode code points), its {@code units} in that encoding (an extension character
 * counts two GSM-7 units, a character outside the BMP two UCS-2 units), the {@code parts} it is
 * split into, the {@code unitsPerPart} each part holds (160 / 70 for one part, 153 / 67 when there
 * are several) and the units still free in the last part ({@code remaining}).
 */
public record SmsPreview(
    String encoding, int characters, int units, int parts, int unitsPerPart, int remaining) {}
