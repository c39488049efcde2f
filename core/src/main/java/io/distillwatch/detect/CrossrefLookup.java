package io.distillwatch.detect;

import io.distillwatch.event.AccountInfo;

/**
 * Matches an account against indicators other providers shared (DESIGN §5, "Cross-referencing"):
 * the identifiers it was seen with are blinded the same way and looked up. Implemented in
 * {@code sharing} (which holds the member key); the detector only asks. Must be cheap: it is asked
 * whenever the account is assessed, so implementations cache per identifier.
 */
public interface CrossrefLookup {

  /** The account's match, or null when it matches nothing. */
  Match match(AccountState state, AccountInfo info);

  /**
   * @param strength sum over matched indicators of identifier weight × corroboration × decay
   * @param evidence sentence for the explanation: kinds, counts and indicator ids, never a raw identifier
   */
  record Match(double strength, String evidence) {}

  /** Opens a lookup over a directory of pulled indicators with the member blinding key. */
  interface Factory {
    CrossrefLookup open(java.nio.file.Path indicators, java.nio.file.Path blindingKey);
  }
}
