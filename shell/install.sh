#!/bin/sh
# Install ssokit under a prefix: PREFIX/bin/ssokit (the launcher), PREFIX/lib/ssokit/ssokit.jar,
# the completion scripts under PREFIX/share, and the start-up archive.
#
#   shell/install.sh [--prefix DIR]      (default: ~/.local)
#
# Run it from a checkout; it builds the jar with Maven first if needed.
set -eu

prefix=$HOME/.local
while [ $# -gt 0 ]; do
  case $1 in
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a directory" >&2; exit 2; }; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    -h | --help) sed -n '2,7s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
done

here=$(cd -P -- "$(dirname -- "$0")" && pwd)
root=$(cd -- "$here/.." && pwd)
jar=$root/target/ssokit.jar
if [ ! -f "$jar" ]; then
  echo "install.sh: building $jar with Maven..." >&2
  (cd "$root" && mvn -B -q -DskipTests package 1>&2)
fi

umask 022
mkdir -p "$prefix/bin" "$prefix/lib/ssokit"
cp "$jar" "$prefix/lib/ssokit/ssokit.jar.new" && mv -f "$prefix/lib/ssokit/ssokit.jar.new" "$prefix/lib/ssokit/ssokit.jar"
cp "$here/ssokit" "$prefix/bin/ssokit.new" && chmod 755 "$prefix/bin/ssokit.new" && mv -f "$prefix/bin/ssokit.new" "$prefix/bin/ssokit"

# Completion scripts, where each shell looks for them by default.
c=$root/completions
if [ -f "$c/ssokit.bash" ]; then
  mkdir -p "$prefix/share/bash-completion/completions" && cp "$c/ssokit.bash" "$prefix/share/bash-completion/completions/ssokit"
fi
if [ -f "$c/_ssokit" ]; then
  mkdir -p "$prefix/share/zsh/site-functions" && cp "$c/_ssokit" "$prefix/share/zsh/site-functions/_ssokit"
fi
if [ -f "$c/ssokit.fish" ]; then
  mkdir -p "$prefix/share/fish/vendor_completions.d" && cp "$c/ssokit.fish" "$prefix/share/fish/vendor_completions.d/ssokit.fish"
fi
if [ -f "$c/ssokit.ps1" ]; then
  mkdir -p "$prefix/share/ssokit" && cp "$c/ssokit.ps1" "$prefix/share/ssokit/ssokit.ps1"
fi

# The first run creates the class-data-sharing archive next to the jar.
"$prefix/bin/ssokit" --version >/dev/null
echo "installed ssokit $("$prefix/bin/ssokit" --version) to $prefix/bin/ssokit" >&2
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "note: $prefix/bin is not on your PATH" >&2 ;;
esac
