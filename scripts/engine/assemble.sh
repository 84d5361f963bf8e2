#!/usr/bin/env bash
# Builds (once) a runnable OpenSearch node from Maven artifacts and caches it.
# Idempotent: exits at once when the cache is complete. Progress goes to
# stderr; on success the node's directory is printed on stdout.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

V=$OPENSEARCH_VERSION
ASM_V=9.7
ANTLR_V=4.13.1
# Pinned so a new plugin release can never change how artifacts are fetched.
DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.6.1
# Used only when mvn is not installed; mvn itself honours settings.xml mirrors.
MAVEN_REPO_URL=${OPENSEARCH_MAVEN_REPO:-https://repo.maven.apache.org/maven2}

# groupId:artifactId:version:type:destination (destination relative to the
# node home). The integ-test zip is the bare server with transport-netty4
# only; painless and analysis-common are added as modules, and the painless
# SPI jar sits with lang-painless as in the full distribution, so that
# analysis-common (which extends lang-painless) sees it too.
ARTIFACTS=(
  "org.opensearch.distribution.integ-test-zip:opensearch:$V:zip:."
  "org.opensearch.plugin:lang-painless:$V:jar:modules/lang-painless"
  "org.opensearch.plugin:opensearch-scripting-painless-spi:$V:jar:modules/lang-painless"
  "org.antlr:antlr4-runtime:$ANTLR_V:jar:modules/lang-painless"
  "org.ow2.asm:asm:$ASM_V:jar:modules/lang-painless"
  "org.ow2.asm:asm-analysis:$ASM_V:jar:modules/lang-painless"
  "org.ow2.asm:asm-commons:$ASM_V:jar:modules/lang-painless"
  "org.ow2.asm:asm-tree:$ASM_V:jar:modules/lang-painless"
  "org.ow2.asm:asm-util:$ASM_V:jar:modules/lang-painless"
  "org.opensearch.plugin:analysis-common:$V:jar:modules/analysis-common"
)

if os_node_is_assembled; then
  printf '%s\n' "$OS_NODE_DIR"
  exit 0
fi

for tool in flock java; do
  command -v "$tool" >/dev/null || os_die "'$tool' is required to assemble OpenSearch but was not found"
done
if ! command -v mvn >/dev/null && ! command -v curl >/dev/null; then
  os_die "neither 'mvn' nor 'curl' is available to download OpenSearch artifacts"
fi

# The node must be readable by the unprivileged user that runs it.
umask 022
parent_dir=$(dirname -- "$OS_NODE_DIR")
mkdir -p -- "$parent_dir"

# Serialises concurrent first runs (e.g. two start.sh at once on a fresh
# clone): the second waits and then finds the cache ready.
lock_file="$parent_dir/.opensearch-$V.lock"
exec 9>"$lock_file"
if ! flock -n 9; then
  os_log "another process is assembling OpenSearch $V; waiting for it"
  flock -w 1200 9 || os_die "timed out waiting for the assembly lock $lock_file"
fi
if os_node_is_assembled; then
  printf '%s\n' "$OS_NODE_DIR"
  exit 0
fi

# Holding the lock means any leftover staging dir is from a killed build.
for stale in "$parent_dir"/.opensearch-"$V".build.*; do
  if [[ -e "$stale" ]]; then rm -rf -- "$stale"; fi
done

# Staging lives beside the cache so the final rename is atomic on one
# filesystem; an interrupted build leaves no half-built cache behind.
stage=$(mktemp -d "$parent_dir/.opensearch-$V.build.XXXXXX")
cleanup() { rm -rf -- "$stage"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$SECONDS
os_log "assembling OpenSearch $V into $OS_NODE_DIR"

fetch_with_mvn() {
  local pom="$stage/pom.xml" items="" spec g a ver t dest mvn_log="$stage/mvn.log"
  for spec in "${ARTIFACTS[@]}"; do
    IFS=: read -r g a ver t dest <<<"$spec"
    items+="<artifactItem><groupId>$g</groupId><artifactId>$a</artifactId><version>$ver</version><type>$t</type><outputDirectory>$stage/dl/$dest</outputDirectory></artifactItem>"
  done
  # A throwaway pom carries per-artifact output dirs, so one mvn run fetches
  # everything (each mvn start costs seconds).
  cat >"$pom" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.opensearch-assembly</groupId>
  <artifactId>opensearch-assembly</artifactId>
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
EOF
  os_log "downloading ${#ARTIFACTS[@]} artifacts with Maven (cached in the local Maven repository)"
  # --strict-checksums: a corrupted download must fail, not just warn.
  if ! mvn -B -ntp -Dstyle.color=never --strict-checksums -f "$pom" "$DEP_PLUGIN:copy" >"$mvn_log" 2>&1; then
    tail -n 40 "$mvn_log" >&2 || true
    os_die "Maven could not download the OpenSearch artifacts (log above)"
  fi
}

fetch_with_curl() {
  local spec g a ver t dest url file want got
  os_log "mvn not found; downloading ${#ARTIFACTS[@]} artifacts with curl"
  for spec in "${ARTIFACTS[@]}"; do
    IFS=: read -r g a ver t dest <<<"$spec"
    url="$MAVEN_REPO_URL/${g//.//}/$a/$ver/$a-$ver.$t"
    file="$stage/dl/$dest/$a-$ver.$t"
    mkdir -p -- "$(dirname -- "$file")"
    curl -fsSL --retry 3 -o "$file" "$url" || os_die "download failed: $url"
    want=$(curl -fsSL --retry 3 "$url.sha1" | cut -c1-40) || os_die "checksum download failed: $url.sha1"
    got=$(sha1sum "$file" | cut -c1-40)
    [[ "$want" == "$got" ]] || os_die "checksum mismatch for $url"
  done
}

if command -v mvn >/dev/null; then
  fetch_with_mvn
else
  fetch_with_curl
fi

zip_file="$stage/dl/opensearch-$V.zip"
[[ -f "$zip_file" ]] || os_die "the OpenSearch distribution zip was not downloaded"

os_log "unpacking the server"
mkdir -p -- "$stage/unpack"
if command -v unzip >/dev/null; then
  unzip -q "$zip_file" -d "$stage/unpack" || os_die "could not unpack $zip_file"
else
  python3 -m zipfile -e "$zip_file" "$stage/unpack" || os_die "could not unpack $zip_file (no unzip, python3 failed)"
fi
home="$stage/unpack/opensearch-$V"
[[ -f "$home/bin/opensearch" && -f "$home/lib/opensearch-$V.jar" && -d "$home/modules/transport-netty4" ]] \
  || os_die "the downloaded zip does not look like an OpenSearch $V distribution"
# python's zipfile drops the executable bits.
chmod 0755 "$home"/bin/*

os_log "adding modules lang-painless and analysis-common"
for module in lang-painless analysis-common; do
  mkdir -p -- "$home/modules/$module"
  mv -- "$stage/dl/modules/$module"/*.jar "$home/modules/$module/"
done

# The Maven jars carry no descriptor (the Gradle build generates it), so
# write one in the format of the bundled transport-netty4 module.
write_descriptor() {
  local dir=$1 name=$2 classname=$3 description=$4 extends=$5
  cat >"$dir/plugin-descriptor.properties" <<EOF
description=$description
version=$V
name=$name
classname=$classname
java.version=11
opensearch.version=$V
custom.foldername=
extended.plugins=$extends
has.native.controller=false
EOF
}

write_descriptor "$home/modules/lang-painless" lang-painless \
  org.opensearch.painless.PainlessPlugin \
  "An easy, safe and fast scripting language for OpenSearch" ""
# Painless compiles scripts to bytecode in its own class loaders.
cat >"$home/modules/lang-painless/plugin-security.policy" <<'EOF'
grant {
  permission java.lang.RuntimePermission "createClassLoader";
  permission java.lang.RuntimePermission "getClassLoader";
};
EOF

write_descriptor "$home/modules/analysis-common" analysis-common \
  org.opensearch.analysis.common.CommonAnalysisPlugin \
  "Adds \"built in\" analyzers to OpenSearch." lang-painless

expected_jars=(
  "modules/lang-painless/lang-painless-$V.jar"
  "modules/lang-painless/opensearch-scripting-painless-spi-$V.jar"
  "modules/lang-painless/antlr4-runtime-$ANTLR_V.jar"
  "modules/lang-painless/asm-$ASM_V.jar"
  "modules/lang-painless/asm-analysis-$ASM_V.jar"
  "modules/lang-painless/asm-commons-$ASM_V.jar"
  "modules/lang-painless/asm-tree-$ASM_V.jar"
  "modules/lang-painless/asm-util-$ASM_V.jar"
  "modules/analysis-common/analysis-common-$V.jar"
)
for jar in "${expected_jars[@]}"; do
  [[ -s "$home/$jar" ]] || os_die "missing $jar after download"
done

# Runtime state (logs, data, keystore) goes to per-run folders; the cached
# tree is only ever read.
rm -rf -- "${home:?}/logs"
chmod -R a+rX,go-w "$home"
os_marker_content >"$home/$OS_MARKER_NAME"
chmod 0644 "$home/$OS_MARKER_NAME"

# An incomplete tree from an older recipe is swapped out, not merged into.
if [[ -e "$OS_NODE_DIR" ]]; then
  mv -- "$OS_NODE_DIR" "$stage/previous"
fi
mv -- "$home" "$OS_NODE_DIR"

os_log "OpenSearch $V assembled in $((SECONDS - started))s"
printf '%s\n' "$OS_NODE_DIR"
