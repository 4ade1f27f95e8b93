# shellcheck shell=bash
# The key ring that seals the apps' config vars, shared by the orchestrator and the workers, and
# its rotation. Sourced by bin/slipway after common.sh and services.sh.
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

# secrets_versions: the key versions in the key ring, lowest first.
secrets_versions() { awk 'NF && $1 !~ /^#/ { print $1 }' "$SECRETS_KEYS_FILE" | sort -n; }

# secrets_reseal: asks the running orchestrator to seal everything stored again with the newest
# version, and prints its answer (counts only). The token goes through curl's stdin, not its argv.
secrets_reseal() {
  local token answer
  [[ -r "$API_TOKEN_FILE" ]] || die "$API_TOKEN_FILE is missing; start the orchestrator first (bin/slipway start)"
  token=$(first_line "$API_TOKEN_FILE")
  if ! answer=$(printf 'header = "Authorization: Bearer %s"\n' "$token" | curl -sS --fail-with-body --max-time 600 \
      -K - -X POST "http://127.0.0.1:$SLIPWAY_API_PORT/api/secrets/rotate" 2>&1); then
    return 1
  fi
  printf '%s\n' "$answer"
}

# rotate_add_version: appends the next version to the key ring, atomically, mode 600.
rotate_add_version() {
  local file newest next
  file=$(secrets_key_file)
  newest=$(secrets_versions | tail -n 1)
  next=$((newest + 1))
  { cat "$file"; [[ -z "$(tail -c 1 "$file")" ]] || printf '\n'; printf '%s %s\n' "$next" "$(new_key)"; } \
    | write_secret "$file"
  say "key version $next added to $file: the orchestrator and the workers seal and open with it now"
}

# rotate_retire_old: re-seals once more, then keeps only the newest version, if nothing needs the others.
rotate_retire_old() {
  local file answer newest version in_flight unreadable
  file=$(secrets_key_file)
  newest=$(secrets_versions | tail -n 1)
  answer=$(secrets_reseal) || die "the orchestrator did not re-seal (${answer:-no answer}); nothing retired"
  say "re-sealed: $answer"
  version=$(sed -n 's/.*"version":\([0-9]*\).*/\1/p' <<<"$answer")
  in_flight=$(sed -n 's/.*"deploymentsInFlight":\([0-9]*\).*/\1/p' <<<"$answer")
  unreadable=$(sed -n 's/.*"unreadable":{\([^}]*\)}.*/\1/p' <<<"$answer")
  [[ "$version" == "$newest" ]] \
    || die "the orchestrator seals with key version ${version:-?}, the key file's newest is $newest; nothing retired"
  [[ ! "$unreadable" =~ :[1-9] ]] \
    || die "some stored values do not open ($unreadable); nothing retired, so that nothing more is lost"
  [[ "$in_flight" == 0 ]] \
    || die "$in_flight deployment(s) still running may carry values sealed with older versions; retry when they finish"
  awk -v keep="$newest" '$1 == keep' "$file" | write_secret "$file"
  say "key versions other than $newest retired from $file"
}

cmd_rotate_secrets_key() {
  local answer
  case ${1:-} in
    "") ;;
    --retire-old) rotate_retire_old; return ;;
    *) die "rotate-secrets-key: unknown option '$1' (known: --retire-old)" ;;
  esac
  rotate_add_version
  if ! answer=$(secrets_reseal); then
    die "the orchestrator did not re-seal (${answer:-no answer}); stored values keep their older versions, which still open; run 'bin/slipway rotate-secrets-key --retire-old' once it runs"
  fi
  say "re-sealed: $answer"
  say "older versions stay in the key ring until 'bin/slipway rotate-secrets-key --retire-old'"
}
