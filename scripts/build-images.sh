#!/usr/bin/env bash
# Builds the container images the system tests use, locally, without any container registry:
#
#   1. GLEANER_BASE_IMAGE  (default gleaner/debian-base:bookworm): a Debian root filesystem made by
#      mmdebstrap (no mirror argument: the default Debian mirrors this machine reaches), with a Java 17
#      runtime, imported with `docker import`. Also the image Testcontainers uses for its start-up check.
#   2. GLEANER_KAFKA_IMAGE (default gleaner/kafka:4.1.2): Apache Kafka 4.1.2 on that base, its jars
#      fetched from Maven Central by Maven (scripts/kafka-image/pom.xml), with an entry point at
#      /etc/kafka/docker/run that follows apache/kafka's environment contract (scripts/kafka-image/).
#
# An image that exists and was built from the same inputs is kept; --force rebuilds both from scratch.
#
# Usage: scripts/build-images.sh [--force]
# Environment: GLEANER_BASE_IMAGE, GLEANER_KAFKA_IMAGE, GLEANER_DEBIAN_SUITE (default bookworm),
#              GLEANER_BASE_PACKAGES (comma separated), MVN (default mvn), GLEANER_MVN_ARGS (e.g. -o).
set -euo pipefail

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; }

FORCE=0
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "build-images: unknown argument: $arg" >&2; usage >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
IMAGE_DIR="$ROOT/scripts/kafka-image"
SUITE=${GLEANER_DEBIAN_SUITE:-bookworm}
BASE_IMAGE=${GLEANER_BASE_IMAGE:-gleaner/debian-base:$SUITE}
KAFKA_IMAGE=${GLEANER_KAFKA_IMAGE:-gleaner/kafka:4.1.2}
BASE_PACKAGES=${GLEANER_BASE_PACKAGES:-openjdk-17-jre-headless,ca-certificates,procps,netcat-openbsd}
MVN=${MVN:-mvn}
# The classic builder resolves FROM against local images only (and needs no buildx plugin).
export DOCKER_BUILDKIT=${DOCKER_BUILDKIT:-0}

log() { printf '[build-images %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf '[build-images] ERROR: %s\n' "$*" >&2; exit 1; }

command -v docker >/dev/null || die "docker not found (Debian package docker.io)"
docker info >/dev/null 2>&1 || die "the Docker engine does not answer (start it: dockerd >/tmp/dockerd.log 2>&1 &)"

image_id() { docker image inspect --format '{{.Id}}' "$1" 2>/dev/null || true; }
image_label() { docker image inspect --format "{{ index .Config.Labels \"$2\" }}" "$1" 2>/dev/null || true; }
sha256_of() { sha256sum | cut -c1-64; }

# Decides whether to (re)build $1 whose inputs hash to $2; prints why.
needs_build() {
  local image=$1 inputs=$2 current
  if [[ $FORCE -eq 1 ]]; then
    log "$image: --force, rebuilding"
    return 0
  fi
  if [[ -z "$(image_id "$image")" ]]; then
    log "$image: not present, building"
    return 0
  fi
  current=$(image_label "$image" org.gleaner.image.inputs)
  if [[ "$current" != "$inputs" ]]; then
    log "$image: present but built from other inputs (${current:-no label}), rebuilding"
    return 0
  fi
  log "$image: up to date ($(image_id "$image" | cut -c8-19)), skipping"
  return 1
}

remove_if_dangling() { # the previous image of a rebuilt tag, unless something still uses it
  local old=$1 new
  new=$2
  if [[ -n "$old" && "$old" != "$new" ]]; then
    docker image rm "$old" >/dev/null 2>&1 && log "removed previous image ${old:7:12}" || true
  fi
}

START=$SECONDS

# ---------------------------------------------------------------------------------------------------
# 1. Debian base image
# ---------------------------------------------------------------------------------------------------
host_suite=$( (. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}") || true)
if [[ -n "$host_suite" && "$host_suite" != "$SUITE" ]]; then
  log "note: this machine runs Debian '$host_suite'; building a '$SUITE' base (GLEANER_DEBIAN_SUITE)"
fi
MMDEBSTRAP_ARGS=(
  --variant=apt
  --include="$BASE_PACKAGES"
  --dpkgopt='path-exclude=/usr/share/man/*'
  --dpkgopt='path-exclude=/usr/share/locale/*'
  --dpkgopt='path-exclude=/usr/share/doc/*'
  --dpkgopt='path-include=/usr/share/doc/*/copyright'
  # openjdk's postinst registers man pages with update-alternatives: the directory must exist.
  --essential-hook='mkdir -p "$1/usr/share/man/man1"'
)
base_inputs=$(printf '%s\n' "mmdebstrap" "$SUITE" "${MMDEBSTRAP_ARGS[@]}" | sha256_of)

if needs_build "$BASE_IMAGE" "$base_inputs"; then
  command -v mmdebstrap >/dev/null || die "mmdebstrap not found (Debian package mmdebstrap)"
  [[ $(id -u) -eq 0 ]] || die "mmdebstrap needs root here (run as root)"
  old=$(image_id "$BASE_IMAGE")
  t0=$SECONDS
  log "mmdebstrap $SUITE with $BASE_PACKAGES (mmdebstrap's default Debian mirrors, no mirror argument) | docker import $BASE_IMAGE"
  # Import under a temporary name: docker import also "succeeds" on a truncated stream.
  staging="gleaner/staging-base:$$"
  if ! mmdebstrap --quiet "${MMDEBSTRAP_ARGS[@]}" "$SUITE" - \
      | docker import \
          --change 'ENV LANG=C.UTF-8' \
          --change 'CMD ["/bin/bash"]' \
          --change "LABEL org.gleaner.image.inputs=$base_inputs" \
          - "$staging" >/dev/null; then
    docker image rm "$staging" >/dev/null 2>&1 || true
    die "mmdebstrap | docker import failed; $BASE_IMAGE left as it was"
  fi
  if ! docker run --rm "$staging" java -version >/dev/null 2>&1; then
    docker image rm "$staging" >/dev/null 2>&1 || true
    die "the new base image has no working java; $BASE_IMAGE left as it was"
  fi
  docker tag "$staging" "$BASE_IMAGE"
  docker image rm "$staging" >/dev/null
  java_version=$(docker run --rm "$BASE_IMAGE" java -version 2>&1)
  echo "    ${java_version%%$'\n'*}"
  log "$BASE_IMAGE built in $((SECONDS - t0)) s"
  remove_if_dangling "$old" "$(image_id "$BASE_IMAGE")"
fi

# ---------------------------------------------------------------------------------------------------
# 2. Kafka image
# ---------------------------------------------------------------------------------------------------
kafka_inputs=$(
  {
    echo "base $(image_id "$BASE_IMAGE")"
    cd "$IMAGE_DIR" && find . -type f ! -path './target/*' -print0 | sort -z | xargs -0 sha256sum
  } | sha256_of
)

if needs_build "$KAFKA_IMAGE" "$kafka_inputs"; then
  command -v "$MVN" >/dev/null || die "$MVN not found (Debian package maven)"
  old=$(image_id "$KAFKA_IMAGE")
  t0=$SECONDS
  context=$(mktemp -d "${TMPDIR:-/tmp}/gleaner-kafka-image.XXXXXX")
  trap 'rm -rf "$context"' EXIT
  log "fetching Kafka 4.1.2 jars with Maven ($IMAGE_DIR/pom.xml)"
  # shellcheck disable=SC2086
  if ! "$MVN" -B -Dstyle.color=never ${GLEANER_MVN_ARGS:-} -f "$IMAGE_DIR/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$context/libs" >"$context/mvn.log" 2>&1; then
    cat "$context/mvn.log" >&2
    die "Maven could not fetch the Kafka jars (see above)"
  fi
  log "$(find "$context/libs" -name '*.jar' | wc -l) jars, $(du -sh "$context/libs" | cut -f1)"
  cp -R "$IMAGE_DIR/Dockerfile" "$IMAGE_DIR/cds-training.sh" "$IMAGE_DIR/bin" "$IMAGE_DIR/docker" "$context/"
  log "docker build $KAFKA_IMAGE FROM $BASE_IMAGE"
  cache_flag=()
  [[ $FORCE -eq 1 ]] && cache_flag=(--no-cache)
  docker build --quiet --force-rm "${cache_flag[@]}" \
    --build-arg "BASE_IMAGE=$BASE_IMAGE" \
    --build-arg "INPUTS_SHA256=$kafka_inputs" \
    -t "$KAFKA_IMAGE" "$context" >/dev/null
  version=$(docker run --rm "$KAFKA_IMAGE" kafka-run-class.sh kafka.Kafka --version 2>/dev/null || true)
  version=${version##*$'\n'}
  [[ "$version" == 4.1.2* ]] || die "$KAFKA_IMAGE does not report Kafka 4.1.2 (got '$version')"
  log "$KAFKA_IMAGE built in $((SECONDS - t0)) s (kafka.Kafka --version: $version)"
  remove_if_dangling "$old" "$(image_id "$KAFKA_IMAGE")"
  rm -rf "$context"
  trap - EXIT
fi

# Dangling images of ours (a replaced tag, the layers of a failed build) are removed; nothing else is.
docker image prune --force --filter label=org.gleaner.image.inputs >/dev/null 2>&1 || true

log "done in $((SECONDS - START)) s:"
docker image ls --format '    {{.Repository}}:{{.Tag}}  {{.ID}}  {{.Size}}' \
  | grep -F -e "$BASE_IMAGE" -e "$KAFKA_IMAGE" || true
