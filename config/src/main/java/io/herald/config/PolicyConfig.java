package io.herald.config;

import java.util.List;
import java.util.Objects;

/**
 * Node-wide sending policy that an operator, not a tenant, decides. Blocked regions are the
 * jurisdictions Herald refuses to send to (checked when a campaign starts and again per recipient);
 * they are configuration because they follow the operator's legal situation, not the content of any
 * campaign.
 *
 * @param blockedRegions ISO 3166-1 alpha-2 codes, upper-case, without duplicates
 * @param prohibitedContent {@code hold} (a campaign whose content the classifier flags as
 *     prohibited, R7, is held for an administrator before anything is sent; the default) or {@code
 *     off}
 * @param plans the free plan and the paid packages (R9)
 */
public record PolicyConfig(
    List<String> blockedRegions, String prohibitedContent, PlanConfig plans) {

  public PolicyConfig {
    blockedRegions = List.copyOf(blockedRegions);
    Objects.requireNonNull(prohibitedContent, "prohibitedContent");
    Objects.requireNonNull(plans, "plans");
  }

  /** Blocked regions, with prohibited content held and the default plans. */
  public PolicyConfig(List<String> blockedRegions) {
    this(blockedRegions, "hold");
  }

  /** Blocked regions and what happens to prohibited content, with the default plans. */
  public PolicyConfig(List<String> blockedRegions, String prohibitedContent) {
    this(blockedRegions, prohibitedContent, PlanKeys.assemble(new ConfigSchema.Values()));
  }

  /** Whether campaigns flagged for prohibited content are held for review before sending. */
  public boolean holdsProhibitedContent() {
    return prohibitedContent.equals("hold");
  }

  public PolicyConfig withPlans(PlanConfig next) {
    return new PolicyConfig(blockedRegions, prohibitedContent, next);
  }
}
