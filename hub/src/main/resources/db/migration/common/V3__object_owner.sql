-- An object id belongs to its first creator hub-wide (not per collection), for good: the row stays
-- when the object's versions are deleted, so a deleted id cannot be taken over by another member.
CREATE TABLE object_owner (
  object_id VARCHAR(300) PRIMARY KEY,
  created_by VARCHAR(300)
);
INSERT INTO object_owner (object_id, created_by)
  SELECT s.object_id, s.created_by FROM stix_object s
  WHERE s.seq = (SELECT MIN(t.seq) FROM stix_object t WHERE t.object_id = s.object_id);
-- (id, version) must have one content in every collection: looked up by id across collections.
CREATE INDEX stix_object_by_id ON stix_object (object_id, version_ns);
