-- Issue 14: an external activity may be approved with fewer credits than claimed (the reason is the decision's
-- comment). When the active policy's yearly cap for the activity's source cut the award, the policy's code is kept
-- here, so the learner's pages can say so in the reader's language instead of a sentence stored in the ledger.
ALTER TABLE external_activities ADD capped_by_policy character varying(32);
