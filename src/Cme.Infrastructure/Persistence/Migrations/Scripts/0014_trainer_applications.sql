-- Trainer applications (issue 14): a professional applies to join the trainer pool with their specialty,
-- experience, a statement and evidence (a file, a link or both). Applications share the CME office's queue
-- with the graduates of train-the-trainer offerings, so an application is a candidate without an offering.
ALTER TABLE trainer_candidates ALTER COLUMN offering_id DROP NOT NULL;
ALTER TABLE trainer_candidates ADD COLUMN specialty character varying(64);
ALTER TABLE trainer_candidates ADD COLUMN years_of_experience integer;
ALTER TABLE trainer_candidates ADD COLUMN statement character varying(2000);
ALTER TABLE trainer_candidates ADD COLUMN evidence_url character varying(500);
ALTER TABLE trainer_candidates ADD COLUMN evidence_file_name character varying(200);
ALTER TABLE trainer_candidates ADD COLUMN evidence_content_type character varying(32);
ALTER TABLE trainer_candidates ADD COLUMN evidence bytea;
ALTER TABLE trainer_candidates ADD COLUMN evidence_sha256 character varying(64);

-- One open application per person.
CREATE UNIQUE INDEX ix_trainer_candidates_open_application ON trainer_candidates (professional_id) WHERE offering_id IS NULL AND status = 'Pending';
