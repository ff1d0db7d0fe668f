package io.herald.campaign;

import io.herald.account.AccountId;
import java.util.Optional;

/**
 * Checks of a Viber campaign's draft that need more than the draft: this node's short links (the
 * unsubscribe line Herald appends must fit in the text with its link, and that link's length
 * depends on {@code tracking.baseUrl}) and the network (the image behind {@code imageUrl}). {@link
 * Campaigns#create} runs it after every other check passed, so a draft refused for its list or
 * sender never costs a fetch. The implementation is {@code channel.viber.ViberCreateCheck}.
 */
@FunctionalInterface
public interface ViberDraftCheck {
  /** No check beyond the draft's own: for a node that does not send Viber. */
  ViberDraftCheck NONE = (account, draft) -> Optional.empty();

  /** Why {@code draft} cannot be sent, in one line for its author; empty when it can. */
  Optional<String> problem(AccountId account, Campaigns.Draft draft);
}
