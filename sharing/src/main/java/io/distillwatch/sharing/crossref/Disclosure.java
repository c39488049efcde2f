package io.distillwatch.sharing.crossref;

/** How an identifier may leave a node (SECURITY.md, "What leaves a node, per identifier"). */
public enum Disclosure {
  /** Infrastructure, not customers: may travel as is (after normalisation). */
  CLEAR,
  /** Only as a keyed PRF under the members' blinding key; the hub cannot reverse or test it. */
  BLINDED,
  /** Low-entropy: any key holder could enumerate a blinded form, so only private set intersection. */
  PSI_ONLY,
  /** Never leaves the node in any form. */
  NEVER
}
