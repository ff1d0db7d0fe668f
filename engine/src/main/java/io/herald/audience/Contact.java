package io.herald.audience;

import java.util.Map;

/**
 * A member of a list as stored: normalised email and/or E.164 phone ({@code ""} when absent), a
 * display name, free attributes from the import's other columns, and the consent record. The {@code
 * key} identifies the contact within an account: {@code e:<email, lower-cased>} when it has an
 * email, otherwise {@code p:<E.164>}; duplicates are merged on it.
 */
public record Contact(
    String key,
    String email,
    String phone,
    String name,
    Map<String, String> attributes,
    Consent consent) {

  /** Keys under which a suppression of this contact can be recorded: its email and its phone. */
  public java.util.List<String> suppressionKeys() {
    java.util.List<String> keys = new java.util.ArrayList<>(2);
    if (!email.isEmpty()) {
      keys.add(ContactKeys.email(email));
    }
    if (!phone.isEmpty()) {
      keys.add(ContactKeys.phone(phone));
    }
    return keys;
  }

  /**
   * This contact with another sighting of it merged in: names and attributes from the newer row win
   * when present, a missing email or phone is filled in, and the first consent is kept (it is the
   * one the recipient gave first; a re-import does not rewrite history).
   */
  public Contact mergedWith(Contact newer) {
    Map<String, String> merged = new java.util.LinkedHashMap<>(attributes);
    merged.putAll(newer.attributes);
    return new Contact(
        key,
        email.isEmpty() ? newer.email : email,
        phone.isEmpty() ? newer.phone : phone,
        newer.name.isEmpty() ? name : newer.name,
        merged,
        consent);
  }
}
