-- Retention: a deployment whose build and release directories were handed to a worker for removal
-- (past slipway.retention.releases, or failed). Its rows and events stay, as history.
alter table deployments add column pruned_at timestamptz;
create index log_lines_by_time on log_lines (logged_at);
