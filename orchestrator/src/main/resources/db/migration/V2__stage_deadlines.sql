-- Each stage of a deployment has a deadline; past it, the stage is issued again with the next
-- attempt (after a back-off) or, out of attempts, the deployment fails.
alter table deployments add column stage_deadline timestamptz;
alter table deployments add column artifact text;   -- BuildArtifact as JSON, once built: a retried deploy needs it
create index deployments_past_deadline on deployments (stage_deadline) where stage_deadline is not null;

-- A command is not published before not_before: the back-off of a retried stage.
alter table outbox add column not_before timestamptz not null default now();
