# shellcheck shell=bash
# The key ring that seals the apps' config vars, shared by the orchestrator and the workers.
# Sourced by bin/slipway after common.sh and services.sh.
#
# $SLIPWAY_HOME/secrets-keys, mode 600: one "<version> <base64 of 32 random bytes>" per line. The
# newest version seals, every listed version opens; the services read it again when it changes.

SECRETS_KEYS_FILE="$SLIPWAY_HOME/secrets-keys"
# The single key of before the key ring; it joins the ring as version 0, which opens its values.
LEGACY_SECRETS_KEY_FILE="$SLIPWAY_HOME/secrets-key"

new_key() { head -c 32 /dev/urandom | base64; }

# secrets_key_file: makes the key ring once (from the former single key if there is one) and
# prints its path, for SLIPWAY_SECRETS_KEY_FILE.
secrets_key_file() {
  if [[ ! -s "$SECRETS_KEYS_FILE" ]]; then
    if [[ -s "$LEGACY_SECRETS_KEY_FILE" ]]; then
      printf '0 %s\n' "$(first_line "$LEGACY_SECRETS_KEY_FILE")" | write_secret "$SECRETS_KEYS_FILE" \
        && rm -f "$LEGACY_SECRETS_KEY_FILE"
    else
      printf '1 %s\n' "$(new_key)" | write_secret "$SECRETS_KEYS_FILE"
    fi
  fi
  printf '%s\n' "$SECRETS_KEYS_FILE"
}
