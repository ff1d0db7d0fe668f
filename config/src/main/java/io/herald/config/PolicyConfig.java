package io.herald.config;

import java.util.List;

/**
 * Node-wide sending policy that an operator, not a tenant, decides. Blocked regions are the
 * jurisdictions Herald refuses to send to (checked when a campaign starts and again per recipient);
 * they are configuration because they follow the operator's legal situation, not the content of any
 * campaign.
 *
 * @param blockedRegions ISO 3166-1 alpha-2 codes, upper-case, without duplicates
 * @param plans the free plan and the paid packages (R9)
 */
public record PolicyConfig(List<String> blockedRegions, PlanConfig plans) {

  public PolicyConfig {
    blockedRegions = List.copyOf(blockedRegions);
  }

  /** Blocked regions with the default plans. */
  public PolicyConfig(List<String> blockedRegions) {
    this(blockedRegions, PlanKeys.assemble(new ConfigSchema.Values()));
  }

  public PolicyConfig withPlans(PlanConfig next) {
    return new PolicyConfig(blockedRegions, next);
  }
}
