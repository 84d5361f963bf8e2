# shellcheck shell=bash
# What the Elasticsearch node has of its own; scripts/engine/ does the rest
# (scripts/engine/README.md). Sourced by engine_load, never executed.
# shellcheck disable=SC2034  # read by the scripts in scripts/engine/

ENGINE_TITLE=Elasticsearch
ENGINE_VERSION=8.19.5
# Bump when the assembly recipe changes, so caches built by an older recipe
# are rebuilt instead of silently reused (the plugins' sources count by
# themselves, see engine_recipe_extra).
ENGINE_RECIPE_REV=1
# The caller's settings: ELASTICSEARCH_STATE, ELASTICSEARCH_PORT, ...
ENGINE_ENV=ELASTICSEARCH
# What bin/elasticsearch reads: ES_JAVA_HOME, ES_PATH_CONF, ...
ENGINE_LAUNCH_ENV=ES
ENGINE_DEFAULT_PORT=9200-9299
# Settings (-E) beyond the ones every node gets: plain HTTP, no
# authentication.
ENGINE_SETTINGS=(xpack.security.enabled=false)
# Elasticsearch 8 starts as two JVMs: the launcher (the CLI, which start.sh
# records and which leads the process group) and the server it supervises;
# the last pattern is the script before it execs the launcher.
ENGINE_PROCESS_PATTERNS=(
  '*org.elasticsearch.launcher.CliToolLauncher*'
  '*org.elasticsearch.bootstrap.Elasticsearch*'
  '*/bin/elasticsearch -E*'
)

# groupId:artifactId:version:type:destination, as for OpenSearch. The bare
# server (transport-netty4, x-pack-core and -security, apm). Elastic
# publishes no analysis-common or rest-root module artifact, hence plugins/.
ENGINE_ARTIFACTS=(
  "org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ENGINE_VERSION:zip:."
)
# Paths (globs) in the unpacked zip besides bin/elasticsearch and the server
# jar: the plugins compile against Lucene's analysis-common.
ENGINE_DIST_REQUIRES=('lib/lucene-analysis-common-*.jar')
ENGINE_ASSEMBLE_TOOLS=(javac jar)
# The project's own modules, built from plugins/<dir>/src: dir:module-name:class.
ES_PLUGINS=(
  "analysis:portal-analysis:portal.analysis.PortalAnalysisPlugin"
  "root:portal-root:portal.root.PortalRootPlugin"
)
ENGINE_MODULES=(portal-analysis portal-root)
ENGINE_DESCRIPTOR_JAVA=17

# The plugins' sources are part of the recipe: a changed source rebuilds the
# cache without a manual revision bump.
engine_recipe_extra() {
  local digest
  digest=$(cd -- "$ENGINE_DIR/plugins" && find . -type f -name '*.java' -print0 | LC_ALL=C sort -z | xargs -0 sha1sum | sha1sum | cut -c1-40)
  printf 'sources=%s\n' "$digest"
}

engine_add_modules() {
  local home=$1 stage=$2 spec dir module classname classes sources
  for spec in "${ES_PLUGINS[@]}"; do
    IFS=: read -r dir module classname <<<"$spec"
    engine_log "compiling module $module from plugins/$dir/src"
    classes="$stage/classes/$dir"
    mkdir -p -- "$classes" "$home/modules/$module"
    mapfile -t sources < <(find "$ENGINE_DIR/plugins/$dir/src" -name '*.java' | LC_ALL=C sort)
    [[ ${#sources[@]} -gt 0 ]] || engine_die "no Java sources under plugins/$dir/src"
    # Compiled against the server's own jars, Lucene's analysis-common included.
    javac --release 17 -encoding UTF-8 -Xlint:all,-processing -Werror -cp "$home/lib/*" -d "$classes" "${sources[@]}" \
      || engine_die "could not compile plugins/$dir"
    jar --create --file "$home/modules/$module/$module-$ENGINE_VERSION.jar" -C "$classes" . \
      || engine_die "could not package plugins/$dir"
    engine_write_descriptor "$home/modules/$module" "$module" "$classname" \
      "The MEE portal's $dir module (scripts/elasticsearch/plugins/$dir)" ""
  done
}
