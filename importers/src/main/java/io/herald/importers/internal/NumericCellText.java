package io.herald.importers.internal;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * Formats numeric spreadsheet cells as the user typed them. Excel stores a phone typed as
 * 380671234567 as a double, and POI's "General" formatting would print it as "3.80671E+11"; any
 * whole number below 10^15 that is not a date is therefore printed as plain digits. Other numbers
 * (dates, decimals) use POI's {@link DataFormatter}, so attributes look as they do in Excel.
 */
final class NumericCellText extends DataFormatter {

  private static final double MAX_PLAIN = 1e15;

  @Override
  public String formatRawCellContents(double value, int formatIndex, String formatString) {
    String format = formatString == null ? "General" : formatString;
    boolean whole = value == Math.rint(value) && Math.abs(value) < MAX_PLAIN;
    if (whole && !DateUtil.isADateFormat(formatIndex, format)) {
      return Long.toString((long) value);
    }
    return super.formatRawCellContents(value, formatIndex, format);
  }
}
