#!/usr/bin/env bash
# Builds (once) a runnable Elasticsearch node from the Maven build of the server
# plus the project's own modules (compiled here from plugins/*/src) and caches
# it. Idempotent: exits at once when the cache is complete. Progress goes to
# stderr; on success the node's directory is printed on stdout.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

V=$ELASTICSEARCH_VERSION
# Pinned so a new plugin release can never change how artifacts are fetched.
DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.6.1
# Used only when mvn is not installed; mvn itself honours settings.xml mirrors.
MAVEN_REPO_URL=${ELASTICSEARCH_MAVEN_REPO:-https://repo.maven.apache.org/maven2}
# The bare server (transport-netty4, x-pack-core and -security, apm). Elastic
# publishes no analysis-common or rest-root module artifact, hence plugins/.
ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$V:zip"

if es_node_is_assembled; then
  printf '%s\n' "$ES_NODE_DIR"
  exit 0
fi

for tool in flock java javac jar; do
  command -v "$tool" >/dev/null || es_die "'$tool' is required to assemble Elasticsearch but was not found (install openjdk-17-jdk-headless)"
done
if ! command -v mvn >/dev/null && ! command -v curl >/dev/null; then
  es_die "neither 'mvn' nor 'curl' is available to download Elasticsearch"
fi

# The node must be readable by the unprivileged user that runs it.
umask 022
parent_dir=$(dirname -- "$ES_NODE_DIR")
mkdir -p -- "$parent_dir"

# Serialises concurrent first runs: the second waits and then finds the cache
# ready.
lock_file="$parent_dir/.elasticsearch-$V.lock"
exec 9>"$lock_file"
if ! flock -n 9; then
  es_log "another process is assembling Elasticsearch $V; waiting for it"
  flock -w 1200 9 || es_die "timed out waiting for the assembly lock $lock_file"
fi
if es_node_is_assembled; then
  printf '%s\n' "$ES_NODE_DIR"
  exit 0
fi

# Holding the lock means any leftover staging dir is from a killed build.
for stale in "$parent_dir"/.elasticsearch-"$V".build.*; do
  if [[ -e "$stale" ]]; then rm -rf -- "$stale"; fi
done

# Staging lives beside the cache so the final rename is atomic on one
# filesystem; an interrupted build leaves no half-built cache behind.
stage=$(mktemp -d "$parent_dir/.elasticsearch-$V.build.XXXXXX")
cleanup() { rm -rf -- "$stage"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$SECONDS
es_log "assembling Elasticsearch $V into $ES_NODE_DIR"
zip_file="$stage/dl/elasticsearch-$V.zip"
mkdir -p -- "$stage/dl"

if command -v mvn >/dev/null; then
  IFS=: read -r g a ver t <<<"$ARTIFACT"
  # A throwaway pom, as in scripts/opensearch/assemble.sh.
  cat >"$stage/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.elasticsearch-assembly</groupId>
  <artifactId>elasticsearch-assembly</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <configuration>
          <artifactItems><artifactItem><groupId>$g</groupId><artifactId>$a</artifactId><version>$ver</version><type>$t</type><outputDirectory>$stage/dl</outputDirectory></artifactItem></artifactItems>
          <overWriteReleases>true</overWriteReleases>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
POM
  es_log "downloading $ARTIFACT with Maven (cached in the local Maven repository)"
  # --strict-checksums: a corrupted download must fail, not just warn.
  if ! mvn -B -ntp -Dstyle.color=never --strict-checksums -f "$stage/pom.xml" "$DEP_PLUGIN:copy" \
    >"$stage/mvn.log" 2>&1; then
    tail -n 40 "$stage/mvn.log" >&2 || true
    es_die "Maven could not download Elasticsearch (log above)"
  fi
else
  es_log "mvn not found; downloading $ARTIFACT with curl"
  url="$MAVEN_REPO_URL/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$V/elasticsearch-$V.zip"
  curl -fsSL --retry 3 -o "$zip_file" "$url" || es_die "download failed: $url"
  want=$(curl -fsSL --retry 3 "$url.sha1" | cut -c1-40) || es_die "checksum download failed: $url.sha1"
  got=$(sha1sum "$zip_file" | cut -c1-40)
  [[ "$want" == "$got" ]] || es_die "checksum mismatch for $url"
fi
[[ -f "$zip_file" ]] || es_die "the Elasticsearch distribution zip was not downloaded"

es_log "unpacking the server"
mkdir -p -- "$stage/unpack"
if command -v unzip >/dev/null; then
  unzip -q "$zip_file" -d "$stage/unpack" || es_die "could not unpack $zip_file"
else
  python3 -m zipfile -e "$zip_file" "$stage/unpack" || es_die "could not unpack $zip_file (no unzip, python3 failed)"
fi
home="$stage/unpack/elasticsearch-$V"
[[ -f "$home/bin/elasticsearch" && -f "$home/lib/elasticsearch-$V.jar" ]] &&
  compgen -G "$home/lib/lucene-analysis-common-*.jar" >/dev/null \
  || es_die "the downloaded zip does not look like an Elasticsearch $V distribution"
# python's zipfile drops the executable bits.
chmod 0755 "$home"/bin/*

for spec in "${ES_PLUGINS[@]}"; do
  IFS=: read -r dir module classname <<<"$spec"
  es_log "compiling module $module from plugins/$dir/src"
  classes="$stage/classes/$dir"
  mkdir -p -- "$classes" "$home/modules/$module"
  mapfile -t sources < <(find "$ES_SCRIPT_DIR/plugins/$dir/src" -name '*.java' | LC_ALL=C sort)
  [[ ${#sources[@]} -gt 0 ]] || es_die "no Java sources under plugins/$dir/src"
  # Compiled against the server's own jars, Lucene's analysis-common included.
  javac --release 17 -Xlint:all,-processing -Werror -cp "$home/lib/*" -d "$classes" "${sources[@]}" \
    || es_die "could not compile plugins/$dir"
  jar --create --file "$home/modules/$module/$module-$V.jar" -C "$classes" . \
    || es_die "could not package plugins/$dir"
  # The format of the bundled modules' descriptors.
  cat >"$home/modules/$module/plugin-descriptor.properties" <<DESC
description=The MEE portal's $dir module (scripts/elasticsearch/plugins/$dir)
version=$V
name=$module
classname=$classname
java.version=17
elasticsearch.version=$V
extended.plugins=
has.native.controller=false
DESC
done

# Runtime state (logs, data, keystore) goes to per-run folders; the cached
# tree is only ever read.
rm -rf -- "${home:?}/logs"
chmod -R a+rX,go-w "$home"
es_marker_content >"$home/$ES_MARKER_NAME"
chmod 0644 "$home/$ES_MARKER_NAME"

# An incomplete tree from an older recipe is swapped out, not merged into.
if [[ -e "$ES_NODE_DIR" ]]; then
  mv -- "$ES_NODE_DIR" "$stage/previous"
fi
mv -- "$home" "$ES_NODE_DIR"

es_log "Elasticsearch $V assembled in $((SECONDS - started))s"
printf '%s\n' "$ES_NODE_DIR"
