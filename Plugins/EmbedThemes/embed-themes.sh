#!/bin/sh
# Writes OUT (a Swift file): every THEMES/*.toml as a raw string literal, "default" first and
# the rest by name (the order `bbclerk themes` lists them). Run by the EmbedThemes build-tool
# plugin when a theme or this script changed, or the folder's list of files:
#   sh embed-themes.sh THEMES OUT
set -eu
themes="$1"
out="$2"
tmp="$out.tmp"
trap 'rm -f "$tmp"' EXIT
fail() { echo "error: $*" >&2; exit 1; }
[ -f "$themes/default.toml" ] || fail "$themes/default.toml is missing"
mkdir -p "$(dirname "$out")"

# One theme: its file as a raw string. Refused: a name that is not a plain word (it is typed
# after --theme), and the two sequences a #"""…"""# literal would read as its own.
embed() {
  file="$1"
  name="$(basename "$file" .toml)"
  case "$name" in
    ''|*[!a-z0-9-]*) fail "Themes/$name.toml: a theme's name is lower-case letters, digits and -" ;;
  esac
  if grep -q -e '"""#' -e '\\#' "$file"; then
    fail "Themes/$name.toml contains \"\"\"# or \\#, which a raw string literal would read as its own"
  fi
  printf '        ("%s", #"""\n' "$name"
  cat "$file"
  # A last line without its newline still ends before the closing delimiter.
  [ -z "$(tail -c 1 "$file")" ] || echo ''
  printf '"""#),\n'
}

{
  echo '// Generated from Themes/*.toml by the EmbedThemes plugin at build time.'
  echo ''
  echo '/// The shipped themes, embedded so the one-file binary needs no theme files.'
  echo 'enum BuiltinThemes {'
  echo '    /// The shipped themes by name, in the order `bbclerk themes` lists them: each is its'
  echo '    /// file in Themes/, its line breaks read as line feeds.'
  echo '    static let all: [(name: String, toml: String)] = ['
  embed "$themes/default.toml"
  # Globs sort by the collation of LC_COLLATE: plain byte order here.
  export LC_ALL=C
  for file in "$themes"/*.toml; do
    [ "$file" = "$themes/default.toml" ] || embed "$file"
  done
  echo '    ]'
  echo '}'
} > "$tmp"
mv "$tmp" "$out"
