#!/usr/bin/env bash
# Install the Debian packages named as arguments when their command is missing.
# Arguments are package names; the command checked for each is listed below, or the
# file, for a package without a command (an nginx module).
set -euo pipefail

declare -A command_of=(
    [gettext]=msgfmt
    [chromium]=chromium
    [openjdk-17-jre-headless]=java
    [openjdk-17-jdk-headless]=javac
    [maven]=mvn
    [nodejs]=node
)
declare -A file_of=(
    [libnginx-mod-http-cache-purge]=/usr/lib/nginx/modules/ngx_http_cache_purge_module.so
)

missing=()
for package in "$@"; do
    if [[ -n ${file_of[$package]:-} ]]; then
        [[ -e ${file_of[$package]} ]] || missing+=("$package")
    else
        command -v "${command_of[$package]:-$package}" >/dev/null 2>&1 || missing+=("$package")
    fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
if [[ $(id -u) -ne 0 ]]; then
    echo "Missing Debian packages: ${missing[*]}; install them with apt-get." >&2
    exit 1
fi
echo "Installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# The scripts run these servers themselves on loopback ports; a package such as
# nginx or redis-server must not start its system service on the default port.
policy=/usr/sbin/policy-rc.d
own_policy=
if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod +x "$policy"
    own_policy=yes
fi
trap '[[ -z $own_policy ]] || rm -f "$policy"' EXIT
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
