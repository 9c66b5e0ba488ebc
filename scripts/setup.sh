#!/usr/bin/env bash
# Installs what the workbench needs on a Debian/Ubuntu machine that already has the Swift
# toolchain: the GLPK and COIN-OR CBC C libraries (and their command-line solvers, used by
# the cross-check tests), pkg-config, through which the CBC and HiGHS targets find their
# flags, and HiGHS (MIT), which Debian does not package: its shared library and headers come
# from the pinned PyPI wheel `highsbox` (fetched with `pip download`, never pip-installed).
#
# HiGHS goes to $HIGHS_PREFIX (default /usr/local/lib/highs):
#   $HIGHS_PREFIX/lib/libhighs.so, $HIGHS_PREFIX/include/highs/..., $HIGHS_PREFIX/bin/highs,
#   $HIGHS_PREFIX/LICENSE.txt, $HIGHS_PREFIX/VERSION;
#   /usr/local/lib/pkgconfig/highs.pc (on pkg-config's and SwiftPM's default search path, so
#   the system-library target CHiGHS needs no PKG_CONFIG_PATH);
#   /etc/ld.so.conf.d/finbench-highs.conf + ldconfig (so every binary that links libhighs.so
#   finds it at run time with no LD_LIBRARY_PATH and no rpath).
# Safe to run again: it installs only what is missing or of another version.
set -euo pipefail
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

packages=(libglpk-dev coinor-libcbc-dev glpk-utils coinor-cbc pkg-config)
# pip fetches the HiGHS wheel; python3's zipfile unpacks it.
if ! python3 -m pip --version >/dev/null 2>&1; then packages+=(python3-pip); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# --- HiGHS -------------------------------------------------------------------------------
HIGHS_VERSION=1.15.1
HIGHS_PREFIX=${HIGHS_PREFIX:-/usr/local/lib/highs}
HIGHS_PC_DIR=/usr/local/lib/pkgconfig
HIGHS_LDCONF=/etc/ld.so.conf.d/finbench-highs.conf
# ldconfig lives in /sbin, which is not on a normal user's PATH on Debian.
LDCONFIG=$(command -v ldconfig || echo /sbin/ldconfig)
# sha256 of highsbox-1.15.1-py3-none-manylinux2014_x86_64.whl (other architectures: unchecked).
HIGHS_WHEEL_SHA256_X86_64=17f30d23ef37488467732b45f141146f7c287826a576b4514ae39a8cc4068b28

highs_installed() {
  [ "$(cat "$HIGHS_PREFIX/VERSION" 2>/dev/null)" = "$HIGHS_VERSION" ] \
    && [ -f "$HIGHS_PREFIX/lib/libhighs.so" ] \
    && [ -f "$HIGHS_PREFIX/include/highs/interfaces/highs_c_api.h" ] \
    && grep -q "^Version: $HIGHS_VERSION\$" "$HIGHS_PC_DIR/highs.pc" 2>/dev/null \
    && [ -f "$HIGHS_LDCONF" ] \
    && "$LDCONFIG" -p | grep -q "$HIGHS_PREFIX/lib/libhighs.so"
}

if ! highs_installed; then
  echo "setup: installing HiGHS $HIGHS_VERSION (PyPI wheel highsbox) into $HIGHS_PREFIX" >&2
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  python3 -m pip download --quiet --no-deps --only-binary=:all: --disable-pip-version-check \
    "highsbox==$HIGHS_VERSION" -d "$work"
  wheel=$(ls "$work"/highsbox-"$HIGHS_VERSION"-*.whl)
  case "$wheel" in
    *manylinux2014_x86_64.whl)
      echo "$HIGHS_WHEEL_SHA256_X86_64  $wheel" | sha256sum --check --quiet - ;;
    *) echo "setup: no pinned hash for $(basename "$wheel"); not checked" >&2 ;;
  esac
  python3 - "$wheel" "$work/x" <<'EOF'
import sys, zipfile
zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])
EOF
  dist=$(ls -d "$work"/x/highsbox-"$HIGHS_VERSION".data/purelib/highsbox/highs_dist)
  # Only the library, its headers, the command-line solver and the licence. The wheel's
  # libopenblas.so serves HiGHS's optional HiPO extras (dlopen'ed, never needed here).
  staged="$work/prefix"
  mkdir -p "$staged/lib" "$staged/include" "$staged/bin"
  cp "$dist/lib/libhighs.so" "$staged/lib/"
  cp -r "$dist/include/highs" "$staged/include/"
  cp "$dist/include/highs_export.h" "$staged/include/"
  cp "$dist/bin/highs" "$staged/bin/"
  cp "$dist/share/doc/HIGHS/LICENSE.txt" "$staged/"
  echo "$HIGHS_VERSION" > "$staged/VERSION"
  chmod -R a+rX "$staged"
  chmod 755 "$staged/lib/libhighs.so" "$staged/bin/highs"
  cat > "$work/highs.pc" <<EOF
# Written by finbench's scripts/setup.sh from the PyPI wheel highsbox==$HIGHS_VERSION.
prefix=$HIGHS_PREFIX
libdir=\${prefix}/lib
includedir=\${prefix}/include/highs

Name: HiGHS
Description: Linear Optimization Software (MIT)
URL: https://highs.dev
Version: $HIGHS_VERSION
Libs: -L\${libdir} -lhighs
Cflags: -I\${includedir}
EOF
  $sudo rm -rf "$HIGHS_PREFIX"
  $sudo mkdir -p "$(dirname "$HIGHS_PREFIX")" "$HIGHS_PC_DIR"
  $sudo cp -r "$staged" "$HIGHS_PREFIX"
  $sudo install -m 644 "$work/highs.pc" "$HIGHS_PC_DIR/highs.pc"
  echo "$HIGHS_PREFIX/lib" | $sudo tee "$HIGHS_LDCONF" >/dev/null
  $sudo "$LDCONFIG"
  highs_installed || { echo "setup: HiGHS install check failed" >&2; exit 1; }
fi
