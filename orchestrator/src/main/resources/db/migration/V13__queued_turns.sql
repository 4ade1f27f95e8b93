-- What a queued deployment decides only on its turn (deployments.rebase: JSON of Rebase, null = all
-- decided at its request), and which deployment an outbox row serves, so that a cancel can drop
-- the stage requests still waiting to be published (a retry's, held back by its back-off).
alter table deployments add column rebase text;
alter table outbox add column deployment_id uuid;
create index outbox_unsent_by_deployment on outbox (deployment_id) where published_at is null;
