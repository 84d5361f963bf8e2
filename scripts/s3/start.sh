#!/usr/bin/env bash
# Start a throw-away S3-compatible object store on loopback and print its endpoint URL.
#
# The server is s3s-fs (crates.io, Apache-2.0), which keeps each bucket as a folder.
# It is built once with cargo (~5 minutes on two cores) and cached in
# .cache/s3s-fs-$version/; later starts take a second. Credentials and bucket come
# from S3_ACCESS_KEY, S3_SECRET_KEY and S3_BUCKET (defaults below); the bucket is
# created empty. Pid, port, folder, credentials and bucket go to $S3_STATE (source
# it to read them) so that stop.sh can clean up.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
state=${S3_STATE:-$repo/.cache/s3.state}
version=0.14.1
cache=$repo/.cache/s3s-fs-$version
binary=$cache/bin/s3s-fs
access_key=${S3_ACCESS_KEY:-mee-portal}
secret_key=${S3_SECRET_KEY:-mee-portal-secret}
bucket=${S3_BUCKET:-portal-media}

log() { printf 's3: %s\n' "$*" >&2; }
fail() { log "$*"; exit 1; }

build() {
    local cargo
    cargo=$(command -v cargo || echo "$HOME/.cargo/bin/cargo")
    [[ -x $cargo ]] || fail "cargo is needed once to build s3s-fs; install Rust (rustup.rs)."
    mkdir -p "$repo/.cache"
    # One build at a time per checkout: a second start waits, then finds the cache.
    exec 9>"$repo/.cache/s3s-fs.lock"
    flock 9
    [[ -x $binary ]] && return
    log "building s3s-fs $version with cargo (once; a few minutes)"
    # Built beside the cache and renamed, so an interrupted build leaves no half cache.
    local staging=$cache.staging
    rm -rf "$staging"
    # Pinned: later releases need a newer Rust than many machines have.
    "$cargo" install s3s-fs --version "$version" --features binary --locked \
        --root "$staging" >&2 || fail "cargo could not build s3s-fs"
    mv "$staging" "$cache"
}

[[ -x $binary ]] || build

port=${S3_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
datadir=$(mktemp -d /tmp/mee-s3.XXXXXX)
# s3s-fs serves each folder of its root as a bucket.
mkdir -p "$datadir/data/$bucket"
"$binary" --host 127.0.0.1 --port "$port" --access-key "$access_key" \
    --secret-key "$secret_key" "$datadir/data" >"$datadir/server.log" 2>&1 &
pid=$!
mkdir -p "$(dirname "$state")"
printf 'pid=%s\nport=%s\ndatadir=%s\naccess_key=%s\nsecret_key=%s\nbucket=%s\n' \
    "$pid" "$port" "$datadir" "$access_key" "$secret_key" "$bucket" >"$state"
for _ in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || { cat "$datadir/server.log" >&2; fail "s3s-fs exited"; }
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        log "running on 127.0.0.1:$port, bucket $bucket (data in $datadir/data)"
        echo "http://127.0.0.1:$port"
        exit 0
    fi
    sleep 0.1
done
cat "$datadir/server.log" >&2
fail "s3s-fs did not listen on port $port within 10 s"
