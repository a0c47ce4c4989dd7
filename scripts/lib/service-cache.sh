# Sourced by scripts/search-engine and scripts/postgres.
#
# Run as root, those scripts start their servers as an unprivileged user, who must be able to
# reach the cache that holds the server's files. A checkout under a private directory (/root,
# or a CI workspace with mode 700) is out of that user's reach, so its in-repo cache cannot be
# used; a shared directory under /var/tmp is used instead, and says so.

# world_traversable DIR: every directory from / down to DIR lets others pass through it.
world_traversable() {
    local dir="$1" mode
    while :; do
        mode="$(stat -c %a "$dir")" || return 1
        (( 8#$mode & 1 )) || return 1
        [ "$dir" = / ] && return 0
        dir="$(dirname "$dir")"
    done
}

# service_cache_dir REPO_ROOT IN_REPO_DIR FALLBACK_DIR: print the cache directory to use.
service_cache_dir() {
    local root="$1" in_repo="$2" fallback="$3"
    if [ "$(id -u)" -eq 0 ] && ! world_traversable "$root"; then
        printf '%s: %s is private to root; using %s so the server user can reach it\n' \
            "$(basename "$0")" "$root" "$fallback" >&2
        echo "$fallback"
    else
        echo "$in_repo"
    fi
}
