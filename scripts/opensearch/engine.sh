# shellcheck shell=bash
# What the OpenSearch node has of its own; scripts/engine/ does the rest
# (scripts/engine/README.md). Sourced by engine_load, never executed.
# shellcheck disable=SC2034  # read by the scripts in scripts/engine/

ENGINE_TITLE=OpenSearch
ENGINE_VERSION=2.19.6
# Bump when the assembly recipe changes, so caches built by an older recipe
# are rebuilt instead of silently reused.
ENGINE_RECIPE_REV=1
# The caller's settings: OPENSEARCH_STATE, OPENSEARCH_PORT, ...
ENGINE_ENV=OPENSEARCH
# What bin/opensearch reads: OPENSEARCH_JAVA_HOME, OPENSEARCH_PATH_CONF, ...
ENGINE_LAUNCH_ENV=OPENSEARCH
ENGINE_DEFAULT_PORT=9200-9299
# Settings (-E) beyond the ones every node gets.
ENGINE_SETTINGS=()
# Command lines of the node and of its script before it execs the JVM.
ENGINE_PROCESS_PATTERNS=('*org.opensearch.bootstrap.OpenSearch*' '*/bin/opensearch -E*')

ASM_V=9.7
ANTLR_V=4.13.1
# groupId:artifactId:version:type:destination (destination relative to the
# node home). The integ-test zip is the bare server with transport-netty4
# only; painless and analysis-common are added as modules, and the painless
# SPI jar sits with lang-painless as in the full distribution, so that
# analysis-common (which extends lang-painless) sees it too.
ENGINE_ARTIFACTS=(
  "org.opensearch.distribution.integ-test-zip:opensearch:$ENGINE_VERSION:zip:."
  "org.opensearch.plugin:lang-painless:$ENGINE_VERSION:jar:modules/lang-painless"
  "org.opensearch.plugin:opensearch-scripting-painless-spi:$ENGINE_VERSION:jar:modules/lang-painless"
  "org.antlr:antlr4-runtime:$ANTLR_V:jar:modules/lang-painless"
  "org.ow2.asm:asm:$ASM_V:jar:modules/lang-painless"
  "org.ow2.asm:asm-analysis:$ASM_V:jar:modules/lang-painless"
  "org.ow2.asm:asm-commons:$ASM_V:jar:modules/lang-painless"
  "org.ow2.asm:asm-tree:$ASM_V:jar:modules/lang-painless"
  "org.ow2.asm:asm-util:$ASM_V:jar:modules/lang-painless"
  "org.opensearch.plugin:analysis-common:$ENGINE_VERSION:jar:modules/analysis-common"
)
# Paths (globs) in the unpacked zip besides bin/opensearch and the server jar.
ENGINE_DIST_REQUIRES=(modules/transport-netty4)
ENGINE_ASSEMBLE_TOOLS=()
# The modules assembly adds (smoke.sh checks them with transport-netty4).
ENGINE_MODULES=(lang-painless analysis-common)
ENGINE_DESCRIPTOR_JAVA=11

# The Maven jars carry no descriptor (the Gradle build generates it), so
# assembly writes one for each module.
engine_add_modules() {
  local home=$1
  engine_log "adding modules lang-painless and analysis-common"
  engine_write_descriptor "$home/modules/lang-painless" lang-painless \
    org.opensearch.painless.PainlessPlugin \
    "An easy, safe and fast scripting language for OpenSearch" "" custom.foldername=
  # Painless compiles scripts to bytecode in its own class loaders.
  cat >"$home/modules/lang-painless/plugin-security.policy" <<'POLICY'
grant {
  permission java.lang.RuntimePermission "createClassLoader";
  permission java.lang.RuntimePermission "getClassLoader";
};
POLICY
  engine_write_descriptor "$home/modules/analysis-common" analysis-common \
    org.opensearch.analysis.common.CommonAnalysisPlugin \
    "Adds \"built in\" analyzers to OpenSearch." lang-painless custom.foldername=
}
