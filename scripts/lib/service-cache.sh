# Sourced by scripts/search-engine and scripts/postgres.
#
# Run as root, those scripts start their servers as an unprivileged user, who must be able to
# reach the cache that holds the server's files. A checkout under a private directory (/root,
# or a CI workspace with mode 700) is out of that user's reach, so its in-repo cache cannot be
# used; a shared directory under /var/tmp is used instead, and says so.

# world_traversable DIR: every directory from / down to DIR lets others pass through it. The
# parts of DIR that do not exist yet are skipped: they will be created with the script's umask.
world_traversable() {
    local dir="$1" mode
    while [ ! -e "$dir" ]; do dir="$(dirname "$dir")"; done
    while :; do
        mode="$(stat -c %a "$dir")" || return 1
        (( 8#$mode & 1 )) || return 1
        [ "$dir" = / ] && return 0
        dir="$(dirname "$dir")"
    done
}

# service_cache_dir IN_REPO_DIR FALLBACK_DIR: print the cache directory to use.
# IN_REPO_DIR itself is checked, not only the checkout: Django's file-based cache creates
# <repo>/.cache/django under umask 077, which leaves <repo>/.cache private to its creator.
service_cache_dir() {
    local in_repo="$1" fallback="$2"
    if [ "$(id -u)" -eq 0 ] && ! world_traversable "$in_repo"; then
        printf '%s: %s is private to root; using %s so the server user can reach it\n' \
            "$(basename "$0")" "$in_repo" "$fallback" >&2
        echo "$fallback"
    else
        echo "$in_repo"
    fi
}
