package io.herald.importers.internal;

import io.herald.importers.FileRefusedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Tells an XLSX from the other zips people upload as spreadsheets, by the zip's entries and not by
 * the file's name, so each is refused at once with what it is and what to save it as instead of
 * being handed to POI, which calls all of them "corrupt" (or spends a long time failing on an
 * OpenDocument file): an OpenDocument spreadsheet ({@code mimetype} entry), an Excel binary
 * workbook ({@code xl/workbook.bin}), a workbook saved as Strict Open XML (ISO namespaces in {@code
 * _rels/.rels}, which POI's streaming reader does not read), a Word or PowerPoint file, or a plain
 * zip archive (no {@code [Content_Types].xml}). The few entries it reads are read through the
 * {@link ZipBombGuard}, so they count against the limits like everything else.
 */
final class ZipPackageCheck {

  private static final String SAVE_AS = "save it as .xlsx or .csv and upload again";
  private static final String SAVE_LIST_AS = "save the list as .xlsx or .csv and upload again";
  private static final String OPEN_DOCUMENT = "application/vnd.oasis.opendocument.";
  private static final String STRICT_RELATIONSHIPS = "http://purl.oclc.org/ooxml/officeDocument/";
  private static final int HEAD_BYTES = 64 * 1024;

  private ZipPackageCheck() {}

  /** Refuses the package unless it may be a transitional XLSX. */
  static void requireXlsx(ZipBombGuard zip) throws FileRefusedException, IOException {
    if (zip.getEntry("[Content_Types].xml") == null) {
      Optional<String> mimetype = text(zip, "mimetype");
      if (mimetype.isPresent() || zip.getEntry("META-INF/manifest.xml") != null) {
        throw openDocument(mimetype.orElse("").strip());
      }
      throw new FileRefusedException(
          "this is a zip archive, not a spreadsheet;"
              + " unpack it and upload the .xlsx or .csv inside");
    }
    if (zip.getEntry("xl/workbook.bin") != null) {
      throw new FileRefusedException(
          "this is an Excel binary workbook (.xlsb), which cannot be imported; " + SAVE_AS);
    }
    if (zip.getEntry("word/document.xml") != null) {
      throw new FileRefusedException("this is a Word document, not a spreadsheet; " + SAVE_LIST_AS);
    }
    if (zip.getEntry("ppt/presentation.xml") != null) {
      throw new FileRefusedException(
          "this is a PowerPoint presentation, not a spreadsheet; " + SAVE_LIST_AS);
    }
    if (text(zip, "_rels/.rels").filter(rels -> rels.contains(STRICT_RELATIONSHIPS)).isPresent()) {
      throw new FileRefusedException(
          "this workbook is saved as Strict Open XML, which cannot be imported;"
              + " save it as .xlsx (Excel Workbook) or .csv and upload again");
    }
  }

  private static FileRefusedException openDocument(String mimetype) {
    if (mimetype.startsWith(OPEN_DOCUMENT + "spreadsheet")) {
      return new FileRefusedException(
          "this is an OpenDocument spreadsheet (.ods), which cannot be imported; " + SAVE_AS);
    }
    return new FileRefusedException(
        "this is an OpenDocument file, not a spreadsheet Herald reads; " + SAVE_LIST_AS);
  }

  private static Optional<String> text(ZipBombGuard zip, String name) throws IOException {
    return zip.head(name, HEAD_BYTES).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
  }
}
