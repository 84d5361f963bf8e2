#!/usr/bin/env bash
# Usage: assemble.sh ENGINE (scripts/ENGINE/assemble.sh passes it). Builds
# (once) a runnable node from Maven artifacts and caches it: downloads the
# engine's artifacts, unpacks its distribution, puts the other artifacts in
# place and lets the engine add its modules (engine_add_modules in
# scripts/ENGINE/engine.sh). Idempotent: exits at once when the cache is
# complete. Progress goes to stderr; on success the node's directory is
# printed on stdout.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
engine_load "${1:-}"

V=$ENGINE_VERSION
T=$ENGINE_TITLE
# Pinned so a new plugin release can never change how artifacts are fetched.
DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.6.1
# Used only when mvn is not installed; mvn itself honours settings.xml mirrors.
MAVEN_REPO_URL=$(engine_setting MAVEN_REPO https://repo.maven.apache.org/maven2)

if engine_node_is_assembled; then
  printf '%s\n' "$ENGINE_NODE_DIR"
  exit 0
fi

for tool in flock java "${ENGINE_ASSEMBLE_TOOLS[@]}"; do
  command -v "$tool" >/dev/null || engine_die "'$tool' is required to assemble $T but was not found (the JDK's tools come with openjdk-17-jdk-headless)"
done
if ! command -v mvn >/dev/null && ! command -v curl >/dev/null; then
  engine_die "neither 'mvn' nor 'curl' is available to download the $T artifacts"
fi

# The node must be readable by the unprivileged user that runs it.
umask 022
parent_dir=$(dirname -- "$ENGINE_NODE_DIR")
mkdir -p -- "$parent_dir"

# Serialises concurrent first runs (e.g. two start.sh at once on a fresh
# clone): the second waits and then finds the cache ready.
lock_file="$parent_dir/.$ENGINE_NAME-$V.lock"
exec 9>"$lock_file"
if ! flock -n 9; then
  engine_log "another process is assembling $T $V; waiting for it"
  flock -w 1200 9 || engine_die "timed out waiting for the assembly lock $lock_file"
fi
if engine_node_is_assembled; then
  printf '%s\n' "$ENGINE_NODE_DIR"
  exit 0
fi

# Holding the lock means any leftover staging dir is from a killed build.
for stale in "$parent_dir/.$ENGINE_NAME-$V".build.*; do
  if [[ -e "$stale" ]]; then rm -rf -- "$stale"; fi
done

# Staging lives beside the cache so the final rename is atomic on one
# filesystem; an interrupted build leaves no half-built cache behind.
stage=$(mktemp -d "$parent_dir/.$ENGINE_NAME-$V.build.XXXXXX")
cleanup() { rm -rf -- "$stage"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$SECONDS
engine_log "assembling $T $V into $ENGINE_NODE_DIR"

fetch_with_mvn() {
  local pom="$stage/pom.xml" items="" spec g a ver t dest mvn_log="$stage/mvn.log"
  for spec in "${ENGINE_ARTIFACTS[@]}"; do
    IFS=: read -r g a ver t dest <<<"$spec"
    items+="<artifactItem><groupId>$g</groupId><artifactId>$a</artifactId><version>$ver</version><type>$t</type><outputDirectory>$stage/dl/$dest</outputDirectory></artifactItem>"
  done
  # A throwaway pom carries per-artifact output dirs, so one mvn run fetches
  # everything (each mvn start costs seconds).
  cat >"$pom" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.$ENGINE_NAME-assembly</groupId>
  <artifactId>$ENGINE_NAME-assembly</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <configuration>
          <artifactItems>$items</artifactItems>
          <overWriteReleases>true</overWriteReleases>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
POM
  engine_log "downloading ${#ENGINE_ARTIFACTS[@]} artifact(s) with Maven (cached in the local Maven repository)"
  # --strict-checksums: a corrupted download must fail, not just warn.
  if ! mvn -B -ntp -Dstyle.color=never --strict-checksums -f "$pom" "$DEP_PLUGIN:copy" >"$mvn_log" 2>&1; then
    tail -n 40 "$mvn_log" >&2 || true
    engine_die "Maven could not download the $T artifacts (log above)"
  fi
}

fetch_with_curl() {
  local spec g a ver t dest url file want got
  engine_log "mvn not found; downloading ${#ENGINE_ARTIFACTS[@]} artifact(s) with curl"
  for spec in "${ENGINE_ARTIFACTS[@]}"; do
    IFS=: read -r g a ver t dest <<<"$spec"
    url="$MAVEN_REPO_URL/${g//.//}/$a/$ver/$a-$ver.$t"
    file="$stage/dl/$dest/$a-$ver.$t"
    mkdir -p -- "$(dirname -- "$file")"
    curl -fsSL --retry 3 -o "$file" "$url" || engine_die "download failed: $url"
    want=$(curl -fsSL --retry 3 "$url.sha1" | cut -c1-40) || engine_die "checksum download failed: $url.sha1"
    got=$(sha1sum "$file" | cut -c1-40)
    [[ "$want" == "$got" ]] || engine_die "checksum mismatch for $url"
  done
}

if command -v mvn >/dev/null; then
  fetch_with_mvn
else
  fetch_with_curl
fi

# The first artifact is the distribution: ENGINE-VERSION.zip.
zip_file="$stage/dl/$ENGINE_NAME-$V.zip"
[[ -f "$zip_file" ]] || engine_die "the $T distribution zip was not downloaded"

engine_log "unpacking the server"
mkdir -p -- "$stage/unpack"
if command -v unzip >/dev/null; then
  unzip -q "$zip_file" -d "$stage/unpack" || engine_die "could not unpack $zip_file"
else
  python3 -m zipfile -e "$zip_file" "$stage/unpack" || engine_die "could not unpack $zip_file (no unzip, python3 failed)"
fi
home="$stage/unpack/$ENGINE_NAME-$V"
for path in "bin/$ENGINE_NAME" "lib/$ENGINE_NAME-$V.jar" "${ENGINE_DIST_REQUIRES[@]}"; do
  compgen -G "$home/$path" >/dev/null || engine_die "the downloaded zip does not look like a $T $V distribution (no $path)"
done
# python's zipfile drops the executable bits.
chmod 0755 "$home"/bin/*

# Every other artifact goes where its destination names, relative to the home.
for spec in "${ENGINE_ARTIFACTS[@]:1}"; do
  IFS=: read -r g a ver t dest <<<"$spec"
  mkdir -p -- "$home/$dest"
  mv -- "$stage/dl/$dest/$a-$ver.$t" "$home/$dest/"
  [[ -s "$home/$dest/$a-$ver.$t" ]] || engine_die "missing $dest/$a-$ver.$t after download"
done

# The format of the bundled modules' descriptors, for engine_add_modules:
# DIR NAME CLASSNAME DESCRIPTION EXTENDED_PLUGINS [KEY=VALUE...], the extra
# keys written before extended.plugins.
engine_write_descriptor() {
  local dir=$1 name=$2 classname=$3 description=$4 extends=$5
  shift 5
  {
    printf 'description=%s\nversion=%s\nname=%s\nclassname=%s\n' "$description" "$V" "$name" "$classname"
    printf 'java.version=%s\n%s.version=%s\n' "$ENGINE_DESCRIPTOR_JAVA" "$ENGINE_NAME" "$V"
    if (($# > 0)); then printf '%s\n' "$@"; fi
    printf 'extended.plugins=%s\nhas.native.controller=false\n' "$extends"
  } >"$dir/plugin-descriptor.properties"
}

engine_add_modules "$home" "$stage"
for module in "${ENGINE_MODULES[@]}"; do
  [[ -s "$home/modules/$module/plugin-descriptor.properties" ]] || engine_die "module $module was not added"
done

# Runtime state (logs, data, keystore) goes to per-run folders; the cached
# tree is only ever read.
rm -rf -- "${home:?}/logs"
chmod -R a+rX,go-w "$home"
engine_marker_content >"$home/$ENGINE_MARKER_NAME"
chmod 0644 "$home/$ENGINE_MARKER_NAME"

# An incomplete tree from an older recipe is swapped out, not merged into.
if [[ -e "$ENGINE_NODE_DIR" ]]; then
  mv -- "$ENGINE_NODE_DIR" "$stage/previous"
fi
mv -- "$home" "$ENGINE_NODE_DIR"

engine_log "$T $V assembled in $((SECONDS - started))s"
printf '%s\n' "$ENGINE_NODE_DIR"
