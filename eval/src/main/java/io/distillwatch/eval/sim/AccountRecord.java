package io.distillwatch.eval.sim;

/** One line of the simulated {@code accounts.jsonl} (DESIGN §2 accounts file). */
record AccountRecord(
    String account,
    long createdAt,
    String emailDomain,
    String orgName,
    String country,
    String paymentFp,
    String signupPath,
    boolean verified) {}
