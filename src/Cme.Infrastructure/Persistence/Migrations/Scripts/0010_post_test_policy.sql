-- Post-test policy (issue 12): quiz attempts are numbered per learner and module, so a post-test
-- can refuse an attempt beyond those allowed and show the answer key only when its policy says.
-- The policy itself lives in the quiz document (course_modules.quiz); quizzes written before it
-- read as the default (3 attempts, answers after passing or after the last attempt).
ALTER TABLE quiz_attempts ADD COLUMN attempt_number integer;

UPDATE quiz_attempts q
SET attempt_number = numbered.n
FROM (SELECT id, row_number() OVER (PARTITION BY learner_id, module_id ORDER BY submitted_at, id) AS n
      FROM quiz_attempts) numbered
WHERE q.id = numbered.id;

ALTER TABLE quiz_attempts ALTER COLUMN attempt_number SET NOT NULL;

CREATE UNIQUE INDEX ix_quiz_attempts_learner_id_module_id_attempt_number ON quiz_attempts (learner_id, module_id, attempt_number);
