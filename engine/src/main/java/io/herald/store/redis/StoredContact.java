package io.herald.store.redis;

import io.herald.audience.Consent;
import io.herald.audience.Contact;
import java.util.Map;
import java.util.function.Function;

/**
 * A list member as the JSON value of its field in the members hash (the field is its key). The
 * consent is stored once per import in the account's consents hash and referred to by id.
 */
record StoredContact(
    String email, String phone, String name, Map<String, String> attributes, String consent) {
  static StoredContact of(Contact contact) {
    return new StoredContact(
        contact.email(),
        contact.phone(),
        contact.name(),
        contact.attributes(),
        contact.consent().id());
  }

  Contact toContact(String key, Function<String, Consent> consents) {
    return new Contact(
        key,
        email,
        phone,
        name,
        attributes == null ? Map.of() : attributes,
        consents.apply(consent));
  }
}
