package io.herald.app;

import io.herald.config.ImportConfig;
import io.herald.importers.ImportLimits;
import io.herald.importers.ImportOptions;
import java.nio.charset.Charset;

/** The importers' options from the {@code import.*} configuration. */
final class ImportOptionsFromConfig {
  private ImportOptionsFromConfig() {}

  static ImportOptions of(ImportConfig config) {
    return new ImportOptions(
        config.defaultRegion(),
        Charset.forName(config.fallbackCharset()),
        new ImportLimits(
            config.maxFileBytes(),
            config.maxRows(),
            config.maxCellChars(),
            config.maxLineChars(),
            config.maxExpansionRatio(),
            config.maxUncompressedBytes()));
  }
}
