-- `agents list --search` collects the agents of every user whose e-mail contains the fragment;
-- with the creation time and id in the owner index, each lookup is index-only and carries the
-- list's ordering key. It also serves `--owner`, newest first.
DROP INDEX agents_user_idx;
CREATE INDEX agents_user_idx ON agents (user_id, created_at, id);
