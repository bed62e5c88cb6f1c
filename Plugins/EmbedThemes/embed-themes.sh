#!/bin/sh
# Writes OUT (a Swift file): every THEMES/*.toml as a raw string literal, "default" first and
# the rest by name (the order `bbclerk themes` lists them). Run by the EmbedThemes build-tool
# plugin when a theme, the folder or this script changed:
#   sh embed-themes.sh THEMES OUT
set -eu
themes="$1"
out="$2"
mkdir -p "$(dirname "$out")"
tmp="$out.tmp"
names="default $(cd "$themes" && LC_ALL=C ls -- *.toml | sed -n 's/\.toml$//p' | grep -vx default || true)"
[ -f "$themes/default.toml" ] || { echo "error: $themes/default.toml is missing" >&2; exit 1; }
{
  echo '// Generated from Themes/*.toml by the EmbedThemes plugin at build time.'
  echo ''
  echo '/// The shipped themes, embedded so the one-file binary needs no theme files.'
  echo 'enum BuiltinThemes {'
  echo '    /// The shipped themes by name, in the order `bbclerk themes` lists them: each is'
  echo '    /// its file in Themes/, byte for byte.'
  echo '    static let all: [(name: String, toml: String)] = ['
  for name in $names; do
    case "$name" in
      *[!a-z0-9-]*) echo "error: Themes/$name.toml: a theme name is lower-case letters, digits and -" >&2; exit 1 ;;
    esac
    if grep -q '"""#' "$themes/$name.toml"; then
      echo "error: Themes/$name.toml contains \"\"\"#, which cannot go in a raw string" >&2
      exit 1
    fi
    printf '        ("%s", #"""\n' "$name"
    cat "$themes/$name.toml"
    # A last line without its newline still ends before the closing delimiter.
    [ -z "$(tail -c 1 "$themes/$name.toml")" ] || echo ''
    printf '"""#),\n'
  done
  echo '    ]'
  echo '}'
} > "$tmp"
mv "$tmp" "$out"
