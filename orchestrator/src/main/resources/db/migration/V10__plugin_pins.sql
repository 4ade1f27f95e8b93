-- A deployment keeps the plugin versions it was accepted with: the installed plugins (name → the
-- checksum workers announce) as installed_plugins had them when its row was made, as JSON. Every
-- stage command of the deployment carries them. Null for deployments from before pins.
alter table deployments add column plugin_pins text;

-- Which plugin versions (name, version, checksum) a stage's worker used, as JSON: the chosen
-- strategy's plugin, or a hook point's subscribers.
alter table deployment_stages add column plugins text;
