#!/usr/bin/env bash
# Publishes the `mssp` command line to DIR (default artifacts/mssp), the layout users run
# (docs/decisions/0005-native-aot-logtest.md):
#   DIR/mssp                  the native front (Native AOT, src/MsspPortal.LogTest): runs `mssp logtest` itself and
#                             exec's DIR/mssp-cli with the same arguments for every other command
#   DIR/mssp-cli, mssp.dll... the managed CLI (src/MsspPortal.Cli), its apphost renamed from `mssp`
#   DIR/mssp-native.dbg       the front's debug symbols (gdb finds them by this name, beside DIR/mssp)
# Needs the .NET SDK, and clang + zlib1g-dev for the native compiler (Debian: apt-get install -y clang zlib1g-dev).
# For the machine it runs on (its RID, linux-x64 here); other platforms publish on their own.
# Usage: scripts/publish-cli.sh [DIR] [extra dotnet publish arguments, given to both projects]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$(realpath -m "${1:-$root/artifacts/mssp}")   # a relative DIR is relative to where the script is run from
shift || true
cd "$root"
front=$(mktemp -d)
trap 'rm -rf "$front"' EXIT

# The managed CLI first. Remove the previous front and apphost: publish skips copying a file whose destination is
# newer, and DIR/mssp (the front) is newer than the CLI's apphost it would otherwise replace.
# (mssp-logtest*: the native binary of the layout before the front, which nothing runs any more.)
rm -f "$dir/mssp" "$dir/mssp-cli" "$dir/mssp-logtest" "$dir/mssp-logtest.dbg"
dotnet publish -c Release src/MsspPortal.Cli -o "$dir" "$@"
# The apphost finds mssp.dll beside its own (real) path whatever it is called.
mv "$dir/mssp" "$dir/mssp-cli"

dotnet publish -c Release src/MsspPortal.LogTest -o "$front" "$@"
cp "$front/mssp-native" "$dir/mssp"
if [ -f "$front/mssp-native.dbg" ]; then cp "$front/mssp-native.dbg" "$dir/"; fi
echo "published: $dir/mssp (native front), $dir/mssp-cli (managed CLI)" >&2
