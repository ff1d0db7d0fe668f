package io.herald.store.redis;

import io.herald.audience.Consent;
import io.herald.audience.Contact;
import java.util.Map;

/** A list member as the JSON value of its field in the members hash (the field is its key). */
record StoredContact(
    String email, String phone, String name, Map<String, String> attributes, Consent consent) {
  static StoredContact of(Contact contact) {
    return new StoredContact(
        contact.email(), contact.phone(), contact.name(), contact.attributes(), contact.consent());
  }

  Contact toContact(String key) {
    return new Contact(
        key, email, phone, name, attributes == null ? Map.of() : attributes, consent);
  }
}
